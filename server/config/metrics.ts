import type { EnvReader } from './env.ts';

// Grafana links and the Prometheus the server queries (docs/metrics.md).

export interface MetricsConfig {
  /** null: the SPA uses the page's host on port 3000. */
  grafanaUrl: string | null;
  grafanaOrgId: number;
  grafanaDashboards: Record<string, string>;
  grafanaDatasource: string | null;
  prometheusUrl: string | null;
  prometheusHeaders: Record<string, string>;
  /** How long one query to Prometheus may take. */
  prometheusTimeoutMs: number;
}

export function metricsConfig(read: EnvReader): MetricsConfig {
  return {
    grafanaUrl: read.url(['GRAFANA_URL'], ['https:', 'http:']),
    grafanaOrgId: read.integer(['GRAFANA_ORG_ID'], 1, 1, 2 ** 31 - 1),
    grafanaDashboards: read.map('GRAFANA_DASHBOARDS'),
    grafanaDatasource: read.string('GRAFANA_DATASOURCE'),
    prometheusUrl: read.url(['PROMETHEUS_URL'], ['https:', 'http:']),
    prometheusHeaders: read.map('PROMETHEUS_HEADERS'),
    prometheusTimeoutMs: read.integer(['PROMETHEUS_TIMEOUT_MS'], 15_000, 100, 300_000),
  };
}
