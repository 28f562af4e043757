import { DebouncedTextInput } from '../../../components/ui/DebouncedTextInput';
import { FilterBar, SelectFilter } from '../../../components/ui/FilterBar';
import type { TaskFilterName, TaskFilters, TaskUrlState } from '../task-query';

const TYPES = ['NORMAL_TASK', 'ACTOR_CREATION_TASK', 'ACTOR_TASK'];
const STATES = [
  'FINISHED',
  'FAILED',
  'RUNNING',
  'PENDING_ARGS_AVAIL',
  'PENDING_NODE_ASSIGNMENT',
  'SUBMITTED_TO_WORKER',
  'NIL',
];

const TEXT_FILTERS: { name: TaskFilterName; label: string }[] = [
  { name: 'name', label: 'Name' },
  { name: 'func', label: 'Function' },
  { name: 'job', label: 'Job ID' },
  { name: 'actor', label: 'Actor ID' },
  { name: 'node', label: 'Node ID' },
  { name: 'task', label: 'Task ID' },
  { name: 'error', label: 'Error type' },
];

/** The tasks list's filters; `fixed` ones (the job on a job's page) are not offered. */
export function TaskFilterBar({
  state,
  fixed,
  onChange,
  onClear,
}: {
  state: TaskUrlState;
  fixed: Partial<TaskFilters>;
  onChange: (patch: Partial<TaskFilters>, replace: boolean) => void;
  onClear?: () => void;
}) {
  return (
    <FilterBar label="Task filters" onClear={onClear}>
      <SelectFilter
        label="State"
        value={state.state}
        options={STATES.map((s) => ({ value: s, label: s }))}
        onChange={(value) => onChange({ state: value }, false)}
      />
      <SelectFilter
        label="Type"
        value={state.type}
        options={TYPES.map((s) => ({ value: s, label: s }))}
        onChange={(value) => onChange({ type: value }, false)}
      />
      {TEXT_FILTERS.filter((f) => fixed[f.name] === undefined).map((f) => (
        <DebouncedTextInput
          key={f.name}
          label={f.label}
          value={state[f.name]}
          onCommit={(value) => onChange({ [f.name]: value.trim() }, true)}
        />
      ))}
    </FilterBar>
  );
}
