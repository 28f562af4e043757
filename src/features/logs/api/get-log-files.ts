import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '../../../../contract/paths';
import { apiGet } from '../../../lib/api-client';
import type { SessionScope } from '../../../../contract/api';
import type { LogFilesAnswer } from '../../../../contract/log-types';

/** The direct children of one folder ('' = the top) of a node's logs. */
export function getLogFiles(
  scope: SessionScope,
  nodeId: string,
  prefix: string,
  signal?: AbortSignal,
) {
  return apiGet<LogFilesAnswer>(apiPaths.scoped(scope, '/logs/files'), {
    signal,
    query: { node_id: nodeId, prefix: prefix || undefined },
  });
}

export function logFilesQuery(scope: SessionScope, nodeId: string, prefix: string) {
  return queryOptions({
    queryKey: ['session', scope, 'logs', 'files', nodeId, prefix],
    queryFn: ({ signal }) => getLogFiles(scope, nodeId, prefix, signal),
    staleTime: scope.session === 'latest' ? 30_000 : Infinity,
  });
}

export function useLogFiles(scope: SessionScope, nodeId: string | null, prefix = '') {
  return useQuery({ ...logFilesQuery(scope, nodeId ?? '', prefix), enabled: nodeId !== null });
}
