import { describe, expect, it } from 'vitest';
import { grafanaDashboardTabs, sessionWindow } from './grafana-tabs';

describe('grafanaDashboardTabs', () => {
  it("lists Ray's four dashboards first, then configured extras by name", () => {
    const tabs = grafanaDashboardTabs({ zeta: 'z1', data: 'myData', alpha: 'a1' });
    expect(tabs.map((t) => [t.key, t.uid])).toEqual([
      ['default', 'rayDefaultDashboard'],
      ['data', 'myData'],
      ['serve', 'rayServeDashboard'],
      ['serveDeployment', 'rayServeDeploymentDashboard'],
      ['alpha', 'a1'],
      ['zeta', 'z1'],
    ]);
    expect(tabs[0]!.label).toBe('Cluster');
    expect(tabs[4]!.label).toBe('alpha');
  });
});

describe('sessionWindow', () => {
  it('spans the first to the last recorded event', () => {
    expect(sessionWindow(1000, { startTime: 1500, endTime: 9000 })).toEqual({
      startMs: 1500,
      endMs: 9000,
    });
  });

  it('falls back to the session start when no events were recorded', () => {
    expect(sessionWindow(1000, { startTime: null, endTime: null })).toEqual({
      startMs: 1000,
      endMs: 1000,
    });
    expect(sessionWindow(1000, undefined)).toEqual({ startMs: 1000, endMs: 1000 });
  });
});
