import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '../../../contract/paths';
import { apiGet } from '../api-client';
import type { SessionScope } from '../../../contract/api';
import type { RayJob } from '../../../contract/ray';

// A session's history never changes once loaded, so answers stay fresh.

export function getJobs(scope: SessionScope, signal?: AbortSignal) {
  return apiGet<RayJob[]>(apiPaths.scoped(scope, '/api/jobs/'), { signal });
}

export function jobsQuery(scope: SessionScope) {
  return queryOptions({
    queryKey: ['session', scope, 'jobs'],
    queryFn: ({ signal }) => getJobs(scope, signal),
    staleTime: Infinity,
  });
}

export function useJobs(scope: SessionScope) {
  return useQuery(jobsQuery(scope));
}

/** `jobId` is a job id or a submission id. */
export function getJob(scope: SessionScope, jobId: string, signal?: AbortSignal) {
  return apiGet<RayJob>(apiPaths.scoped(scope, `/api/jobs/${encodeURIComponent(jobId)}`), {
    signal,
  });
}

export function jobQuery(scope: SessionScope, jobId: string) {
  return queryOptions({
    queryKey: ['session', scope, 'job', jobId],
    queryFn: ({ signal }) => getJob(scope, jobId, signal),
    staleTime: Infinity,
  });
}

export function useJob(scope: SessionScope, jobId: string) {
  return useQuery(jobQuery(scope, jobId));
}
