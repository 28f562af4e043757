import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '../../../../contract/paths';
import { apiGet, apiUrl } from '../../../lib/api-client';
import type { SessionScope } from '../../../../contract/api';
import type { ChromeTraceEvent } from '../../../../contract/ray';

const TIMELINE = '/api/v0/tasks/timeline';

/** The task timeline as a Chrome trace, for one job or (job '') the whole session. */
export function getTimeline(scope: SessionScope, jobId: string, signal?: AbortSignal) {
  return apiGet<ChromeTraceEvent[]>(apiPaths.scoped(scope, TIMELINE), {
    signal,
    query: { job_id: jobId || undefined },
  });
}

export function timelineQuery(scope: SessionScope, jobId: string) {
  return queryOptions({
    queryKey: ['session', scope, 'timeline', jobId],
    queryFn: ({ signal }) => getTimeline(scope, jobId, signal),
    staleTime: Infinity,
  });
}

export function useTimeline(scope: SessionScope, jobId: string) {
  return useQuery(timelineQuery(scope, jobId));
}

/** The same trace as a file download (`Content-Disposition: attachment`). */
export function timelineDownloadUrl(scope: SessionScope, jobId: string): string {
  return apiUrl(apiPaths.scoped(scope, TIMELINE), { job_id: jobId || undefined, download: 1 });
}
