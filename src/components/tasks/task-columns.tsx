import { EntityLink } from '../ui/EntityLink';
import { StatusChip } from '../ui/StatusChip';
import { DurationText, TimeText } from '../ui/TimeText';
import type { Column } from '../ui/data-table/DataTable';
import type { SessionScope } from '../../../contract/api';
import type { RayTask } from '../../../contract/ray';
import { taskDurationMs } from '../../lib/tasks/task-views';

/** Columns of the task-attempt table; sort keys are the server's sort_by fields. */
export function taskColumns(scope: SessionScope): Column<RayTask>[] {
  return [
    {
      id: 'name',
      header: 'Name',
      sortKey: 'name',
      hideable: false,
      cell: (t) => (
        <EntityLink
          scope={scope}
          kind="task"
          id={t.task_id}
          attempt={t.attempt_number}
          label={t.name || t.func_or_class_name}
        />
      ),
    },
    {
      id: 'state',
      header: 'State',
      sortKey: 'state',
      hideable: false,
      cell: (t) => <StatusChip state={t.state} />,
    },
    { id: 'attempt', header: 'Attempt', align: 'end', cell: (t) => t.attempt_number },
    {
      id: 'task_id',
      header: 'Task ID',
      cell: (t) => (
        <span className="mono" title={t.task_id}>
          {t.task_id.slice(0, 12)}…
        </span>
      ),
    },
    {
      id: 'job',
      header: 'Job',
      defaultHidden: true,
      cell: (t) => <EntityLink scope={scope} kind="job" id={t.job_id} />,
    },
    { id: 'type', header: 'Type', defaultHidden: true, cell: (t) => t.type },
    {
      id: 'func',
      header: 'Function',
      defaultHidden: true,
      cell: (t) => <code>{t.func_or_class_name}</code>,
    },
    {
      id: 'actor',
      header: 'Actor',
      defaultHidden: true,
      cell: (t) => <EntityLink scope={scope} kind="actor" id={t.actor_id} />,
    },
    {
      id: 'node',
      header: 'Node',
      cell: (t) => <EntityLink scope={scope} kind="node" id={t.node_id} />,
    },
    {
      id: 'created',
      header: 'Created',
      sortKey: 'creation_time_ms',
      defaultHidden: true,
      cell: (t) => <TimeText ms={t.creation_time_ms} />,
    },
    {
      id: 'start',
      header: 'Start',
      sortKey: 'start_time_ms',
      cell: (t) => <TimeText ms={t.start_time_ms} />,
    },
    {
      id: 'end',
      header: 'End',
      sortKey: 'end_time_ms',
      defaultHidden: true,
      cell: (t) => <TimeText ms={t.end_time_ms} />,
    },
    {
      id: 'duration',
      header: 'Duration',
      sortKey: 'duration_ms',
      align: 'end',
      cell: (t) => <DurationText ms={taskDurationMs(t)} />,
    },
    { id: 'error', header: 'Error type', cell: (t) => t.error_type ?? '' },
  ];
}
