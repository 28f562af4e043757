import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '../../../../contract/paths';
import { apiGet } from '../../../lib/api-client';
import type { SessionScope } from '../../../../contract/api';
import type {
  PrometheusCatalogue,
  PrometheusSeries,
} from '../../../../contract/metrics/prometheus-types';

// The Prometheus catalogue and one metric's series for the session. The browser names a
// catalogue id; the server builds and runs the query (docs/metrics.md).

export function getPrometheusCatalogue(scope: SessionScope, signal?: AbortSignal) {
  return apiGet<PrometheusCatalogue>(apiPaths.scoped(scope, '/metrics/prometheus'), { signal });
}

export function getPrometheusSeries(scope: SessionScope, metricId: string, signal?: AbortSignal) {
  const path = `/metrics/prometheus/${encodeURIComponent(metricId)}`;
  return apiGet<PrometheusSeries>(apiPaths.scoped(scope, path), { signal });
}

export function prometheusCatalogueQuery(scope: SessionScope) {
  return queryOptions({
    queryKey: ['session', scope, 'metrics', 'prometheus'],
    queryFn: ({ signal }) => getPrometheusCatalogue(scope, signal),
    staleTime: Infinity,
  });
}

export function prometheusSeriesQuery(scope: SessionScope, metricId: string) {
  return queryOptions({
    queryKey: ['session', scope, 'metrics', 'prometheus', metricId],
    queryFn: ({ signal }) => getPrometheusSeries(scope, metricId, signal),
    // A terminated session's samples do not change; Prometheus' retention may drop them later.
    staleTime: 5 * 60_000,
  });
}

export function usePrometheusCatalogue(scope: SessionScope) {
  return useQuery(prometheusCatalogueQuery(scope));
}

export function usePrometheusSeries(scope: SessionScope, metricId: string) {
  return useQuery(prometheusSeriesQuery(scope, metricId));
}
