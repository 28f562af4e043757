import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '../../../../contract/paths';
import { apiGet } from '../../../lib/api-client';
import type { SessionsPage } from '../../../../contract/api';
import type { SessionsListState } from '../sessions-filters';

/** How often the list asks again while some outcome is still being computed. */
const OUTCOME_POLL_MS = 3_000;

export function getSessions(state: SessionsListState, signal?: AbortSignal) {
  return apiGet<SessionsPage>(apiPaths.sessions, { signal, query: { ...state } });
}

export function sessionsQuery(state: SessionsListState) {
  return queryOptions({
    queryKey: ['sessions', state],
    queryFn: ({ signal }) => getSessions(state, signal),
    // New sessions appear as clusters end: refresh the list more often than session data.
    staleTime: 30_000,
    // While the server computes outcomes in the background, ask again until they are in.
    refetchInterval: (query) =>
      query.state.data?.sessions.some((s) => s.outcome.state === 'pending')
        ? OUTCOME_POLL_MS
        : false,
  });
}

export function useSessions(state: SessionsListState) {
  // Keep the previous page on screen while the next one loads, so paging does not flash.
  return useQuery({ ...sessionsQuery(state), placeholderData: keepPreviousData });
}
