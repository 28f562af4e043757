import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { useAppHref } from '../../lib/embed';
import { EmptyState } from '../ui/EmptyState';
import { ErrorPanel } from '../ui/ErrorPanel';
import { DataTable } from '../ui/data-table/DataTable';
import { paths } from '../../../contract/paths';
import { useUrlState } from '../../lib/url-state';
import type { SessionScope } from '../../../contract/api';
import { SessionLoadProgress } from '../session/SessionLoadProgress';
import { useTaskPage } from '../../lib/tasks/get-tasks';
import {
  TASK_FILTER_KEYS,
  TASK_PAGE_SIZE,
  TASK_URL_STATE,
  hasTaskFilters,
  pageNumber,
  taskTableSearch,
} from '../../lib/tasks/task-query';
import type { TaskFilterName, TaskFilters } from '../../lib/tasks/task-query';
import { StateCounters } from './StateCounters';
import { TaskFilterBar } from './TaskFilters';
import { TaskPager } from './TaskPager';
import { taskColumns } from './task-columns';
import './tasks.css';

/**
 * Task attempts, filtered, sorted and paged by the server, with everything in the URL.
 * `fixed` filters (a job's own page) are always applied and not offered.
 */
export function TaskTable({
  scope,
  fixed = {},
}: {
  scope: SessionScope;
  fixed?: Partial<TaskFilters>;
}) {
  const [urlState, update] = useUrlState(TASK_URL_STATE);
  const state = { ...urlState, ...fixed };
  const search = taskTableSearch(state);
  const tasks = useTaskPage(scope, search);
  const navigate = useNavigate();
  const href = useAppHref();
  const columns = useMemo(() => taskColumns(scope), [scope]);
  const page = pageNumber(state.page);

  const clearAll = () => {
    const patch: Partial<Record<TaskFilterName, string>> = {};
    for (const name of Object.keys(TASK_FILTER_KEYS) as TaskFilterName[]) {
      if (fixed[name] === undefined) patch[name] = '';
    }
    update(patch);
  };

  if (tasks.isPending) return <SessionLoadProgress label="Loading tasks" />;
  if (tasks.isError) {
    return (
      <ErrorPanel
        title="Could not load tasks"
        error={tasks.error}
        onRetry={() => void tasks.refetch()}
      />
    );
  }
  const data = tasks.data;
  const filtered = hasTaskFilters(state, fixed);

  return (
    <div className="task-table">
      <TaskFilterBar
        state={state}
        fixed={fixed}
        onChange={(patch, replace) => update(patch, { replace })}
        onClear={filtered ? clearAll : undefined}
      />
      <StateCounters
        counts={data.state_counts}
        selected={state.state}
        onSelect={(s) => update({ state: s })}
      />
      <TaskPager
        page={page}
        pageSize={TASK_PAGE_SIZE}
        total={data.num_filtered}
        shown={data.result.length}
        onPage={(p) => update({ page: String(p) })}
      />
      <DataTable
        tableId="tasks"
        caption="Task attempts"
        rows={data.result}
        columns={columns}
        rowKey={(t) => `${t.task_id}:${t.attempt_number}`}
        sort={{ by: state.sort, order: state.order === 'desc' ? 'desc' : 'asc' }}
        onSortChange={(sort) => update({ sort: sort.by, order: sort.order })}
        virtualized
        loading={tasks.isFetching && tasks.isPlaceholderData}
        onRowActivate={(t) => void navigate(href(paths.task(scope, t.task_id, t.attempt_number)))}
        empty={
          <EmptyState title={filtered ? 'No attempt matches these filters' : 'No tasks recorded'}>
            {filtered
              ? 'Clear the filters to see every attempt.'
              : 'This session recorded no task events.'}
          </EmptyState>
        }
      />
    </div>
  );
}
