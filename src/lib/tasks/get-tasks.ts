import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '../../../contract/paths';
import { apiGet } from '../api-client';
import type { SessionScope } from '../../../contract/api';
import type {
  FuncNameSummary,
  LineageSummary,
  RayTask,
  StateApiEnvelope,
  TaskPage,
  TaskSummaryResult,
} from '../../../contract/ray';

/** One page of task attempts; `search` is built by taskListSearch. */
export async function getTaskPage(
  scope: SessionScope,
  search: URLSearchParams,
  signal?: AbortSignal,
) {
  const body = await apiGet<StateApiEnvelope<TaskPage>>(
    `${apiPaths.scoped(scope, '/api/v0/tasks')}?${search.toString()}`,
    { signal },
  );
  return body.data.result;
}

export function taskPageQuery(scope: SessionScope, search: URLSearchParams) {
  return queryOptions({
    queryKey: ['session', scope, 'tasks', search.toString()],
    queryFn: ({ signal }) => getTaskPage(scope, search, signal),
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
}

export function useTaskPage(scope: SessionScope, search: URLSearchParams) {
  return useQuery(taskPageQuery(scope, search));
}

/** Every attempt of one task, with its state transitions. */
export async function getTaskAttempts(scope: SessionScope, taskId: string, signal?: AbortSignal) {
  const search = new URLSearchParams({
    filter_keys: 'task_id',
    filter_predicates: '=',
    filter_values: taskId,
    detail: 'true',
    exclude_driver: 'false',
    sort_by: 'attempt_number',
    order: 'asc',
    limit: '1000',
  });
  const page = await getTaskPage(scope, search, signal);
  return page.result as RayTask[];
}

export function useTaskAttempts(scope: SessionScope, taskId: string) {
  return useQuery({
    queryKey: ['session', scope, 'task', taskId],
    queryFn: ({ signal }) => getTaskAttempts(scope, taskId, signal),
    staleTime: Infinity,
  });
}

async function getSummary<S>(
  scope: SessionScope,
  summaryBy: string,
  jobId: string | undefined,
  signal?: AbortSignal,
) {
  const body = await apiGet<StateApiEnvelope<{ result: TaskSummaryResult<S> }>>(
    apiPaths.scoped(scope, '/api/v0/tasks/summarize'),
    { signal, query: { summary_by: summaryBy, job_id: jobId } },
  );
  return body.data.result.result.node_id_to_summary.cluster;
}

export function useFuncNameSummary(scope: SessionScope, jobId?: string) {
  return useQuery({
    queryKey: ['session', scope, 'tasks-summary', 'func_name', jobId ?? ''],
    queryFn: ({ signal }) => getSummary<FuncNameSummary>(scope, 'func_name', jobId, signal),
    staleTime: Infinity,
  });
}

export function useLineageSummary(scope: SessionScope, jobId?: string) {
  return useQuery({
    queryKey: ['session', scope, 'tasks-summary', 'lineage', jobId ?? ''],
    queryFn: ({ signal }) => getSummary<LineageSummary>(scope, 'lineage', jobId, signal),
    staleTime: Infinity,
  });
}
