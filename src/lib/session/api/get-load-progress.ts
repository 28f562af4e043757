import { useQuery } from '@tanstack/react-query';
import { apiPaths } from '../../../../contract/paths';
import { apiGet } from '../../api-client';
import type { SessionScope } from '../../../../contract/api';

/** Where a session's cold load stands (`GET <scope>/load_progress`; never starts a load). */
export interface LoadProgress {
  state: 'idle' | 'loading' | 'ready' | 'failed';
  filesRead: number;
  filesTotal: number;
  bytesRead: number;
  bytesTotal: number;
}

export function getLoadProgress(scope: SessionScope, signal?: AbortSignal) {
  return apiGet<LoadProgress>(apiPaths.scoped(scope, '/load_progress'), { signal });
}

/** Polls once a second while `active` (the view's first request is pending). */
export function useSessionLoadProgress(scope: SessionScope, active: boolean) {
  return useQuery({
    queryKey: ['session', scope, 'load_progress'],
    queryFn: ({ signal }) => getLoadProgress(scope, signal),
    enabled: active,
    refetchInterval: active ? 1000 : false,
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
}
