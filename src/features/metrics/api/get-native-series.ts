import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '../../../../contract/paths';
import { apiGet } from '../../../lib/api-client';
import type { SessionScope } from '../../../../contract/api';
import type { NativeSeries } from '../../../../contract/metrics/native-series-types';

/** The session's (or one job's) activity over time, computed on the server. */
export function getNativeSeries(scope: SessionScope, jobId: string, signal?: AbortSignal) {
  return apiGet<NativeSeries>(apiPaths.scoped(scope, '/metrics/native'), {
    signal,
    query: { job_id: jobId || undefined },
  });
}

export function nativeSeriesQuery(scope: SessionScope, jobId: string) {
  return queryOptions({
    queryKey: ['session', scope, 'metrics', 'native', jobId],
    queryFn: ({ signal }) => getNativeSeries(scope, jobId, signal),
    staleTime: Infinity,
  });
}

export function useNativeSeries(scope: SessionScope, jobId: string) {
  return useQuery(nativeSeriesQuery(scope, jobId));
}
