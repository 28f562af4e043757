import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '../../../../contract/paths';
import { apiGet } from '../../api-client';
import type { SessionScope } from '../../../../contract/api';
import type { Timezone } from '../../../../contract/ray';

export function getClusterTimezone(scope: SessionScope, signal?: AbortSignal) {
  return apiGet<Timezone>(apiPaths.scoped(scope, '/timezone'), { signal });
}

export function clusterTimezoneQuery(scope: SessionScope) {
  return queryOptions({
    queryKey: ['session', scope, 'timezone'],
    queryFn: ({ signal }) => getClusterTimezone(scope, signal),
    staleTime: Infinity,
  });
}

/** Null outside a session; the query stays idle then. */
export function useClusterTimezone(scope: SessionScope | null) {
  return useQuery({
    ...clusterTimezoneQuery(scope ?? { namespace: '', kind: 'raycluster', name: '', session: '' }),
    enabled: scope !== null,
  });
}
