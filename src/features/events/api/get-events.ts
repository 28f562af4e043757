import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '../../../../contract/paths';
import { apiGet } from '../../../lib/api-client';
import type { SessionScope } from '../../../../contract/api';
import type { ClassicEnvelope, ClusterEvent } from '../../../../contract/ray';

/** Every event of the session, grouped by job id ("global" for cluster-wide ones). */
export async function getEvents(scope: SessionScope, signal?: AbortSignal) {
  const body = await apiGet<ClassicEnvelope<{ events: Record<string, ClusterEvent[]> }>>(
    apiPaths.scoped(scope, '/events'),
    { signal },
  );
  return body.data.events ?? {};
}

export function eventsQuery(scope: SessionScope) {
  return queryOptions({
    queryKey: ['session', scope, 'events'],
    queryFn: ({ signal }) => getEvents(scope, signal),
    staleTime: Infinity,
  });
}

export function useEvents(scope: SessionScope) {
  return useQuery(eventsQuery(scope));
}
