import {
  GRAFANA_DASHBOARD_KEYS,
  GRAFANA_DASHBOARD_LABELS,
  grafanaDashboardUids,
  type GrafanaDashboardKey,
} from '../../../contract/metrics/grafana-dashboards';

// The Grafana dashboards the metrics page offers, in a stable order: Ray's own first.

export interface GrafanaDashboardTab {
  key: string;
  label: string;
  uid: string;
}

const isRayKey = (key: string): key is GrafanaDashboardKey =>
  (GRAFANA_DASHBOARD_KEYS as readonly string[]).includes(key);

export function grafanaDashboardTabs(overrides: Record<string, string>): GrafanaDashboardTab[] {
  const uids = grafanaDashboardUids(overrides);
  const extra = Object.keys(uids)
    .filter((key) => !isRayKey(key))
    .sort();
  return [...GRAFANA_DASHBOARD_KEYS, ...extra].map((key) => ({
    key,
    label: isRayKey(key) ? GRAFANA_DASHBOARD_LABELS[key] : key,
    uid: uids[key]!,
  }));
}

/** The window to show: the recorded events' span (/summary), else the session's start (from its name). */
export function sessionWindow(
  sessionStartMs: number,
  summary: { startTime: number | null; endTime: number | null } | undefined,
): { startMs: number; endMs: number } {
  const startMs = summary?.startTime ?? sessionStartMs;
  const endMs = Math.max(summary?.endTime ?? startMs, startMs);
  return { startMs, endMs };
}
