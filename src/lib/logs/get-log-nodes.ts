import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '../../../contract/paths';
import { apiGet } from '../api-client';
import type { SessionScope } from '../../../contract/api';
import type { LogNodesAnswer } from '../../../contract/log-types';

/** Every node of the session, dead ones included, and whether its logs were uploaded. */
export function getLogNodes(scope: SessionScope, signal?: AbortSignal) {
  return apiGet<LogNodesAnswer>(apiPaths.scoped(scope, '/logs/nodes'), { signal });
}

export function logNodesQuery(scope: SessionScope) {
  return queryOptions({
    queryKey: ['session', scope, 'logs', 'nodes'],
    queryFn: ({ signal }) => getLogNodes(scope, signal),
    staleTime: scope.session === 'latest' ? 30_000 : Infinity,
  });
}

export function useLogNodes(scope: SessionScope) {
  return useQuery(logNodesQuery(scope));
}
