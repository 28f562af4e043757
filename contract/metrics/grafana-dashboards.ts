// Ray's Grafana dashboards and their stock UIDs (as `ray metrics launch-prometheus` and the
// Ray docs provision them). GRAFANA_DASHBOARDS overrides any of them by key.
// No imports: the server reads this file too (for /api/grafana_health).

/** Milliseconds added before the session's start and after its end, so edge samples show. */
export const GRAFANA_PADDING_MS = 60_000;

export const GRAFANA_DASHBOARD_KEYS = ['default', 'data', 'serve', 'serveDeployment'] as const;
export type GrafanaDashboardKey = (typeof GRAFANA_DASHBOARD_KEYS)[number];

export const DEFAULT_GRAFANA_DASHBOARD_UIDS: Record<GrafanaDashboardKey, string> = {
  default: 'rayDefaultDashboard',
  data: 'rayDataDashboard',
  serve: 'rayServeDashboard',
  serveDeployment: 'rayServeDeploymentDashboard',
};

export const GRAFANA_DASHBOARD_LABELS: Record<GrafanaDashboardKey, string> = {
  default: 'Cluster',
  data: 'Data',
  serve: 'Serve',
  serveDeployment: 'Serve deployments',
};

/** The stock UIDs with the configured overrides applied; unknown keys are kept as extra dashboards. */
export function grafanaDashboardUids(overrides: Record<string, string>): Record<string, string> {
  return { ...DEFAULT_GRAFANA_DASHBOARD_UIDS, ...overrides };
}

/** Grafana on the page's own host, port 3000, as `kubectl port-forward ... 3000:3000` exposes it. */
export function defaultGrafanaBase(location: { protocol: string; hostname: string }): string {
  const host = location.hostname.includes(':') ? `[${location.hostname}]` : location.hostname;
  return `${location.protocol}//${host}:3000`;
}
