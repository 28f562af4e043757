import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '../../../../contract/paths';
import { apiGet } from '../../../lib/api-client';
import type { SessionScope } from '../../../../contract/api';

/** What the Ray dashboard recorded about the cluster; any field may be missing. */
export interface ClusterMetadata {
  rayVersion?: string;
  pythonVersion?: string;
  sessionId?: string;
  gitCommit?: string;
  os?: string;
}

export interface ClusterMetadataResponse {
  result: boolean;
  msg: string;
  data?: ClusterMetadata;
}

export function getClusterMetadata(scope: SessionScope, signal?: AbortSignal) {
  return apiGet<ClusterMetadataResponse>(apiPaths.scoped(scope, '/api/v0/cluster_metadata'), {
    signal,
  });
}

export function clusterMetadataQuery(scope: SessionScope) {
  return queryOptions({
    queryKey: ['session', scope, 'cluster_metadata'],
    queryFn: ({ signal }) => getClusterMetadata(scope, signal),
    staleTime: Infinity,
  });
}

export function useClusterMetadata(scope: SessionScope) {
  return useQuery(clusterMetadataQuery(scope));
}
