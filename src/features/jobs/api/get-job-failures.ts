import { useQuery } from '@tanstack/react-query';
import type { SessionScope } from '../../../../contract/api';
import { taskPageQuery } from '../../../lib/tasks/get-tasks';
import { TASK_URL_STATE, taskListSearch } from '../../../lib/tasks/task-query';

/**
 * How many of a job's failed attempts the job page reads to find the root cause. The attempt an
 * error names is among the first to fail; past this many, the earliest ones are what matters.
 */
export const FAILED_ATTEMPTS_READ = 200;

/** The job's failed task attempts, earliest failure first. */
export function failedAttemptsSearch(jobId: string): URLSearchParams {
  return taskListSearch(
    { ...TASK_URL_STATE, job: jobId, state: 'FAILED', sort: 'end_time_ms', order: 'asc' },
    FAILED_ATTEMPTS_READ,
  );
}

/** Only asked for when the job did not succeed (`enabled`). */
export function useJobFailedAttempts(scope: SessionScope, jobId: string, enabled: boolean) {
  return useQuery({ ...taskPageQuery(scope, failedAttemptsSearch(jobId)), enabled });
}
