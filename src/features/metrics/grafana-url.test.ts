import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GRAFANA_DASHBOARD_UIDS,
  GRAFANA_PADDING_MS,
  grafanaDashboardUids,
} from '../../../contract/metrics/grafana-dashboards';
import { grafanaDashboardUrl, grafanaTimezone, type GrafanaUrlInput } from './grafana-url';

const START = Date.UTC(2026, 0, 5, 10, 0, 0);
const END = START + 42 * 60_000 + 123;

const input: GrafanaUrlInput = {
  grafanaUrl: null,
  location: { protocol: 'https:', hostname: 'history.example.com' },
  orgId: 3,
  dashboardUid: 'rayDefaultDashboard',
  datasource: 'ARMS Prometheus',
  sessionName: 'session_2026-01-05_10-00-00_000000_1',
  clusterName: 'raycluster-a',
  startMs: START,
  endMs: END,
  theme: 'dark',
  timezone: { zone: 'Asia/Shanghai' },
  kiosk: true,
};

function parse(url: string) {
  const u = new URL(url);
  return { u, q: u.searchParams };
}

describe('grafanaDashboardUrl', () => {
  it('defaults to the page host on port 3000 and the dashboard path /d/<uid>', () => {
    const { u } = parse(grafanaDashboardUrl(input));
    expect(u.origin).toBe('https://history.example.com:3000');
    expect(u.pathname).toBe('/d/rayDefaultDashboard');
  });

  it('uses GRAFANA_URL, keeping a reverse-proxy path such as /grafana', () => {
    const { u } = parse(
      grafanaDashboardUrl({ ...input, grafanaUrl: 'http://proxy.internal:8080/grafana/' }),
    );
    expect(u.origin).toBe('http://proxy.internal:8080');
    expect(u.pathname).toBe('/grafana/d/rayDefaultDashboard');
  });

  it('brackets an IPv6 page host in the default base', () => {
    const { u } = parse(
      grafanaDashboardUrl({ ...input, location: { protocol: 'http:', hostname: '::1' } }),
    );
    expect(u.host).toBe('[::1]:3000');
  });

  it('sets orgId, the padded session window in ms, and the session and cluster variables', () => {
    const { q } = parse(grafanaDashboardUrl(input));
    expect(q.get('orgId')).toBe('3');
    expect(q.get('from')).toBe(String(START - GRAFANA_PADDING_MS));
    expect(q.get('to')).toBe(String(END + GRAFANA_PADDING_MS));
    expect(q.get('var-SessionName')).toBe('session_2026-01-05_10-00-00_000000_1');
    expect(q.get('var-Cluster')).toBe('raycluster-a');
    expect(q.get('var-datasource')).toBe('ARMS Prometheus');
  });

  it('passes theme, timezone and kiosk; leaves kiosk and datasource out when not wanted', () => {
    const embedded = grafanaDashboardUrl(input);
    expect(parse(embedded).q.get('theme')).toBe('dark');
    expect(parse(embedded).q.get('timezone')).toBe('Asia/Shanghai');
    expect(embedded).toMatch(/[?&]kiosk(&|$)/);
    const opened = parse(
      grafanaDashboardUrl({ ...input, kiosk: false, datasource: null, theme: 'light' }),
    ).q;
    expect(opened.has('kiosk')).toBe(false);
    expect(opened.has('var-datasource')).toBe(false);
    expect(opened.get('theme')).toBe('light');
  });

  it('encodes the dashboard uid', () => {
    const { u } = parse(grafanaDashboardUrl({ ...input, dashboardUid: 'a b/c' }));
    expect(u.pathname).toBe('/d/a%20b%2Fc');
  });
});

describe('grafanaTimezone', () => {
  it('maps the app zone settings to Grafana spellings', () => {
    expect(grafanaTimezone('utc')).toBe('utc');
    expect(grafanaTimezone('browser')).toBe('browser');
    expect(grafanaTimezone({ zone: 'Europe/Paris' })).toBe('Europe/Paris');
    expect(grafanaTimezone({ offsetMinutes: 480 })).toBe('browser');
  });
});

describe('grafanaDashboardUids', () => {
  it("starts from Ray's stock UIDs and applies overrides", () => {
    expect(grafanaDashboardUids({})).toEqual(DEFAULT_GRAFANA_DASHBOARD_UIDS);
    expect(grafanaDashboardUids({ data: 'myData', extra: 'x' })).toEqual({
      ...DEFAULT_GRAFANA_DASHBOARD_UIDS,
      data: 'myData',
      extra: 'x',
    });
  });
});
