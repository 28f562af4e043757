import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '../../../../contract/paths';
import { apiGet } from '../../api-client';
import type { SessionInfo, SessionScope } from '../../../../contract/api';

/** One session's identity; `latest` resolves to the newest session of the cluster. */
export function getSessionInfo(scope: SessionScope, signal?: AbortSignal) {
  return apiGet<SessionInfo>(apiPaths.scoped(scope, '/info'), { signal });
}

export function sessionInfoQuery(scope: SessionScope) {
  return queryOptions({
    queryKey: ['session', scope, 'info'],
    queryFn: ({ signal }) => getSessionInfo(scope, signal),
    // `latest` can move on as new sessions end; a named session never changes.
    staleTime: scope.session === 'latest' ? 30_000 : Infinity,
  });
}

export function useSessionInfo(scope: SessionScope) {
  return useQuery(sessionInfoQuery(scope));
}
