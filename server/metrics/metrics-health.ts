import {
  defaultGrafanaBase,
  grafanaDashboardUids,
} from '../../contract/metrics/grafana-dashboards.ts';
import type { MetricsConfig } from '../config/metrics.ts';

// The Ray Dashboard's /api/grafana_health and /api/prometheus_health answers, from our
// configuration: upstream answers 501 for a history session, which hides every metrics panel
// of the stock Ray frontend. Grafana is not probed (it is often reachable only from the
// browser, through a port-forward); Prometheus is, because the server queries it itself.

/** Grafana's datasource name in Ray's provisioned dashboards. */
export const RAY_DEFAULT_DATASOURCE = 'Prometheus';
const PROBE_TIMEOUT_MS = 3_000;

export interface RequestOrigin {
  /** 'http' or 'https' (Fastify's request.protocol). */
  protocol: string;
  hostname: string;
}

export function grafanaHost(config: MetricsConfig, origin: RequestOrigin): string {
  if (config.grafanaUrl) return config.grafanaUrl.replace(/\/+$/, '');
  const hostname = origin.hostname.replace(/:\d+$/, '');
  return defaultGrafanaBase({ protocol: `${origin.protocol}:`, hostname });
}

export function grafanaHealth(config: MetricsConfig, origin: RequestOrigin, sessionName: string) {
  const uids = grafanaDashboardUids(config.grafanaDashboards);
  return {
    result: true,
    msg: 'Grafana running',
    data: {
      grafanaHost: grafanaHost(config, origin),
      grafanaOrgId: config.grafanaOrgId,
      sessionName,
      dashboardUids: uids,
      dashboardDatasource: config.grafanaDatasource ?? RAY_DEFAULT_DATASOURCE,
    },
  };
}

export interface PrometheusHealth {
  result: boolean;
  msg: string;
}

/** Probes Prometheus' /-/healthy with the configured headers (never echoed back). */
export async function prometheusHealth(
  config: MetricsConfig,
  fetchImpl: typeof fetch = fetch,
): Promise<PrometheusHealth> {
  if (!config.prometheusUrl)
    return { result: false, msg: 'Prometheus is not configured (set PROMETHEUS_URL).' };
  const url = `${config.prometheusUrl.replace(/\/+$/, '')}/-/healthy`;
  try {
    const res = await fetchImpl(url, {
      headers: config.prometheusHeaders,
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    return res.ok
      ? { result: true, msg: 'prometheus running' }
      : { result: false, msg: `Prometheus health check failed: HTTP ${res.status}.` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { result: false, msg: `Prometheus is unreachable: ${reason}` };
  }
}
