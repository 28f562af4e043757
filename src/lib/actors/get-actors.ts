import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '../../../contract/paths';
import { apiGet } from '../api-client';
import type { SessionScope } from '../../../contract/api';
import type { Actor, ClassicEnvelope } from '../../../contract/ray';

// A session's history never changes once loaded, so answers stay fresh.

export async function getActors(scope: SessionScope, signal?: AbortSignal) {
  const body = await apiGet<ClassicEnvelope<{ actors: Record<string, Actor> }>>(
    apiPaths.scoped(scope, '/logical/actors'),
    { signal },
  );
  return body.data.actors ?? {};
}

export function actorsQuery(scope: SessionScope) {
  return queryOptions({
    queryKey: ['session', scope, 'actors'],
    queryFn: ({ signal }) => getActors(scope, signal),
    staleTime: Infinity,
  });
}

export function useActors(scope: SessionScope) {
  return useQuery(actorsQuery(scope));
}

export async function getActor(scope: SessionScope, actorId: string, signal?: AbortSignal) {
  const body = await apiGet<ClassicEnvelope<{ detail: Actor }>>(
    apiPaths.scoped(scope, `/logical/actors/${encodeURIComponent(actorId)}`),
    { signal },
  );
  return body.data.detail;
}

export function actorQuery(scope: SessionScope, actorId: string) {
  return queryOptions({
    queryKey: ['session', scope, 'actor', actorId],
    queryFn: ({ signal }) => getActor(scope, actorId, signal),
    staleTime: Infinity,
  });
}

export function useActor(scope: SessionScope, actorId: string) {
  return useQuery(actorQuery(scope, actorId));
}
