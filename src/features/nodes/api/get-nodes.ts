import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '../../../../contract/paths';
import { apiGet } from '../../../lib/api-client';
import type { SessionScope } from '../../../../contract/api';
import type { ClassicEnvelope, NodeDetailWithActors, NodeSummary } from '../../../../contract/ray';

export async function getNodes(scope: SessionScope, signal?: AbortSignal) {
  const body = await apiGet<ClassicEnvelope<NodeSummary>>(apiPaths.scoped(scope, '/nodes'), {
    signal,
    query: { view: 'summary' },
  });
  return body.data;
}

export function nodesQuery(scope: SessionScope) {
  return queryOptions({
    queryKey: ['session', scope, 'nodes'],
    queryFn: ({ signal }) => getNodes(scope, signal),
    staleTime: Infinity,
  });
}

export function useNodes(scope: SessionScope) {
  return useQuery(nodesQuery(scope));
}

export async function getNode(scope: SessionScope, nodeId: string, signal?: AbortSignal) {
  const body = await apiGet<ClassicEnvelope<{ detail: NodeDetailWithActors }>>(
    apiPaths.scoped(scope, `/nodes/${encodeURIComponent(nodeId)}`),
    { signal },
  );
  return body.data.detail;
}

export function nodeQuery(scope: SessionScope, nodeId: string) {
  return queryOptions({
    queryKey: ['session', scope, 'node', nodeId],
    queryFn: ({ signal }) => getNode(scope, nodeId, signal),
    staleTime: Infinity,
  });
}

export function useNode(scope: SessionScope, nodeId: string) {
  return useQuery(nodeQuery(scope, nodeId));
}
