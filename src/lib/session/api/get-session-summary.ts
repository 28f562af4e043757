import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '../../../../contract/paths';
import { apiGet } from '../../api-client';
import type { SessionScope } from '../../../../contract/api';
import type { ClassicEnvelope, SessionSummary } from '../../../../contract/ray';

export function getSessionSummary(scope: SessionScope, signal?: AbortSignal) {
  return apiGet<SessionSummary>(apiPaths.scoped(scope, '/summary'), { signal });
}

export function sessionSummaryQuery(scope: SessionScope) {
  return queryOptions({
    queryKey: ['session', scope, 'summary'],
    queryFn: ({ signal }) => getSessionSummary(scope, signal),
    staleTime: Infinity,
  });
}

export function useSessionSummary(scope: SessionScope) {
  return useQuery(sessionSummaryQuery(scope));
}

/** `ray status`-style text rebuilt from the recorded history. */
export async function getClusterStatusText(scope: SessionScope, signal?: AbortSignal) {
  const body = await apiGet<ClassicEnvelope<{ clusterStatus?: string }>>(
    apiPaths.scoped(scope, '/api/cluster_status'),
    { signal, query: { format: 1 } },
  );
  return body.data.clusterStatus ?? '';
}

export function useClusterStatusText(scope: SessionScope) {
  return useQuery({
    queryKey: ['session', scope, 'cluster_status'],
    queryFn: ({ signal }) => getClusterStatusText(scope, signal),
    staleTime: Infinity,
  });
}
