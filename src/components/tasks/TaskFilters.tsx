import { DebouncedTextInput } from '../ui/DebouncedTextInput';
import { FilterBar, SelectFilter } from '../ui/FilterBar';
import type { TaskFilterName, TaskFilters, TaskUrlState } from '../../lib/tasks/task-query';

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

/** Text filters shown in the bar itself; the rest are under "More filters". */
const INLINE_TEXT_FILTERS = 2;

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
  const offered = TEXT_FILTERS.filter((f) => fixed[f.name] === undefined);
  const moreInUse = offered.slice(INLINE_TEXT_FILTERS).some((f) => state[f.name] !== '');
  const textFilter = (f: { name: TaskFilterName; label: string }) => (
    <DebouncedTextInput
      key={f.name}
      label={f.label}
      value={state[f.name]}
      onCommit={(value) => onChange({ [f.name]: value.trim() }, true)}
    />
  );
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
      {offered.slice(0, INLINE_TEXT_FILTERS).map(textFilter)}
      {/* The id filters fold away so the table keeps the screen on short windows; a filter in
          use keeps them open. */}
      <details className="filter-bar__more" open={moreInUse || undefined}>
        <summary>More filters{moreInUse ? ' (in use)' : ''}</summary>
        <div className="filter-bar__more-fields">
          {offered.slice(INLINE_TEXT_FILTERS).map(textFilter)}
        </div>
      </details>
    </FilterBar>
  );
}
