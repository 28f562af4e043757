import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '../../../config/paths';
import { apiGet } from '../../../lib/api-client';
import type { SessionScope } from '../../../types/api';
import type { RayTask, StateApiEnvelope, StateApiList } from '../../../types/ray';
import { relativeLogPath } from '../log-tabs';
import type { WorkerLogFile } from '../log-tabs';

/** The worker stdout files the job's tasks wrote to (from their task_log_info). */
export async function getJobWorkerLogs(
  scope: SessionScope,
  jobId: string,
  signal?: AbortSignal,
): Promise<WorkerLogFile[]> {
  const answer = await apiGet<StateApiEnvelope<StateApiList<RayTask>>>(
    apiPaths.scoped(scope, '/api/v0/tasks'),
    {
      signal,
      query: {
        detail: 1,
        limit: 200,
        filter_keys: 'job_id',
        filter_predicates: '=',
        filter_values: jobId,
      },
    },
  );
  return answer.data.result.result.flatMap((task) =>
    task.node_id && task.task_log_info?.stdout_file
      ? [
          {
            nodeId: task.node_id,
            filename: relativeLogPath(task.task_log_info.stdout_file),
            pid: task.worker_pid,
          },
        ]
      : [],
  );
}

export function jobWorkerLogsQuery(scope: SessionScope, jobId: string) {
  return queryOptions({
    queryKey: ['session', scope, 'logs', 'job-workers', jobId],
    queryFn: ({ signal }) => getJobWorkerLogs(scope, jobId, signal),
    staleTime: Infinity,
  });
}

export function useJobWorkerLogs(scope: SessionScope, jobId: string) {
  return useQuery(jobWorkerLogsQuery(scope, jobId));
}
