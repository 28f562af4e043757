import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '../../../../contract/paths';
import { apiGet } from '../../../lib/api-client';
import type { SessionScope } from '../../../../contract/api';
import type { RayTask, StateApiEnvelope, StateApiList } from '../../../../contract/ray';
import { relativeLogPath } from '../log-tabs';
import type { WorkerLogFile } from '../log-tabs';

/** Tasks read to find a job's workers; a job with more tasks says so rather than reading all. */
export const JOB_TASKS_READ = 200;

export interface JobWorkerLogs {
  workers: WorkerLogFile[];
  /** Tasks of the job that were not read (beyond JOB_TASKS_READ). */
  unreadTasks: number;
}

/** The workers the job's tasks ran in, with their output files (from their task_log_info). */
export async function getJobWorkerLogs(
  scope: SessionScope,
  jobId: string,
  signal?: AbortSignal,
): Promise<JobWorkerLogs> {
  const answer = await apiGet<StateApiEnvelope<StateApiList<RayTask>>>(
    apiPaths.scoped(scope, '/api/v0/tasks'),
    {
      signal,
      query: {
        detail: 1,
        limit: JOB_TASKS_READ,
        filter_keys: 'job_id',
        filter_predicates: '=',
        filter_values: jobId,
      },
    },
  );
  const { result: tasks, total } = answer.data.result;
  const workers = tasks.flatMap((task) =>
    task.node_id && task.task_log_info?.stdout_file
      ? [
          {
            nodeId: task.node_id,
            filename: relativeLogPath(task.task_log_info.stdout_file),
            stderrFilename: task.task_log_info.stderr_file
              ? relativeLogPath(task.task_log_info.stderr_file)
              : null,
            pid: task.worker_pid,
          },
        ]
      : [],
  );
  // `total` counts every task of the job, `tasks` only those read.
  return { workers, unreadTasks: Number.isFinite(total) ? Math.max(0, total - tasks.length) : 0 };
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
