import type { TimeZoneSetting } from '../../lib/format';
import {
  GRAFANA_PADDING_MS,
  defaultGrafanaBase,
} from '../../../contract/metrics/grafana-dashboards';

// Builds the Grafana URL for one dashboard scoped to one session. Pure: every input is a
// parameter, so the tests can assert each query parameter.

export interface GrafanaUrlInput {
  /** GRAFANA_URL (may carry a path such as /grafana); null means the page's host on port 3000. */
  grafanaUrl: string | null;
  /** The page's location, for the default base. */
  location: { protocol: string; hostname: string };
  orgId: number;
  dashboardUid: string;
  /** Datasource name for Ray's `datasource` variable; omitted when null. */
  datasource: string | null;
  sessionName: string;
  clusterName: string;
  /** Session bounds, unix ms. */
  startMs: number;
  endMs: number;
  theme: 'light' | 'dark';
  /** The app's effective zone (useTimeFormat().timeZone). */
  timezone: TimeZoneSetting;
  /** Kiosk mode hides Grafana's chrome for embedding; off for "Open in Grafana". */
  kiosk: boolean;
}

export function grafanaBase(grafanaUrl: string | null, location: GrafanaUrlInput['location']) {
  return (grafanaUrl ?? defaultGrafanaBase(location)).replace(/\/+$/, '');
}

/** Grafana's `timezone` parameter: 'utc', 'browser' or an IANA zone. A bare offset (a cluster
 * that recorded no zone name) has no Grafana spelling, so it falls back to the browser's. */
export function grafanaTimezone(zone: TimeZoneSetting): string {
  if (zone === 'utc' || zone === 'browser') return zone;
  return zone.zone ?? 'browser';
}

export function grafanaSessionWindow(startMs: number, endMs: number): { from: number; to: number } {
  const from = Math.floor(startMs) - GRAFANA_PADDING_MS;
  const to = Math.max(Math.ceil(endMs), Math.floor(startMs)) + GRAFANA_PADDING_MS;
  return { from, to };
}

export function grafanaDashboardUrl(input: GrafanaUrlInput): string {
  const base = grafanaBase(input.grafanaUrl, input.location);
  const { from, to } = grafanaSessionWindow(input.startMs, input.endMs);
  const params = new URLSearchParams();
  params.set('orgId', String(input.orgId));
  params.set('from', String(from));
  params.set('to', String(to));
  params.set('var-SessionName', input.sessionName);
  params.set('var-Cluster', input.clusterName);
  if (input.datasource) params.set('var-datasource', input.datasource);
  params.set('theme', input.theme);
  params.set('timezone', grafanaTimezone(input.timezone));
  if (input.kiosk) params.set('kiosk', '');
  const query = params.toString().replace(/kiosk=(&|$)/, 'kiosk$1');
  return `${base}/d/${encodeURIComponent(input.dashboardUid)}?${query}`;
}
