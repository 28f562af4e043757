import { describe, expect, it } from 'vitest';
import {
  PROMETHEUS_CATALOGUE,
  catalogueInfo,
  legendOf,
  promqlString,
  sessionMatcher,
} from './prometheus-catalogue.ts';
import { MAX_POINTS, PROMETHEUS_PADDING_MS, rangeWindow } from './prometheus-series.ts';

const SESSION = 'session_2026-01-11_19-55-40_146706_1';

describe('the Prometheus catalogue', () => {
  it('has unique ids and covers the Ray metrics the metrics page promises', () => {
    const ids = PROMETHEUS_CATALOGUE.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const queries = PROMETHEUS_CATALOGUE.flatMap((e) => e.targets.map((t) => t.query('M')));
    for (const metric of [
      'ray_node_cpu_utilization',
      'ray_node_mem_used',
      'ray_node_gpus_utilization',
      'ray_node_gram_used',
      'ray_node_disk_usage',
      'ray_node_network_receive_speed',
      'ray_object_store_memory',
      'ray_tasks',
      'ray_actors',
      'ray_resources',
    ])
      expect(queries.some((q) => q.includes(`${metric}{`))).toBe(true);
  });

  it("filters every selector of every query by the session's label", () => {
    const matcher = sessionMatcher(SESSION);
    for (const entry of PROMETHEUS_CATALOGUE) {
      for (const target of entry.targets) {
        const query = target.query(matcher);
        const selectors = query.match(/ray_\w+\{[^}]*\}/g) ?? [];
        expect(selectors.length, entry.id).toBeGreaterThan(0);
        for (const selector of selectors) expect(selector, entry.id).toContain(matcher);
        // No bare metric name without a selector: it would read every session's data.
        expect(query.replace(/ray_\w+\{[^}]*\}/g, ''), entry.id).not.toMatch(/ray_\w+/);
      }
    }
  });

  it('shows the browser ids, titles, units and descriptions, never the queries', () => {
    const info = catalogueInfo();
    expect(info.map((m) => m.id)).toEqual(PROMETHEUS_CATALOGUE.map((e) => e.id));
    expect(info[0]).toEqual({
      id: 'node-cpu',
      title: 'Node CPU utilisation',
      unit: 'percent',
      description: expect.stringContaining('ray_node_cpu_utilization') as string,
    });
    expect(JSON.stringify(info)).not.toContain('by (');
  });
});

describe('promqlString', () => {
  it('quotes a session name as it is', () => {
    expect(promqlString(SESSION)).toBe(`"${SESSION}"`);
    expect(sessionMatcher(SESSION)).toBe(`SessionName="${SESSION}"`);
  });

  it('escapes quotes, backslashes and control characters so a value cannot end the string', () => {
    expect(promqlString('a"} or vector(1) or {x="')).toBe('"a\\"} or vector(1) or {x=\\""');
    expect(promqlString('back\\slash')).toBe('"back\\\\slash"');
    expect(promqlString('line\nbreak\ttab\u007f')).toBe('"line\\x0abreak\\x09tab\\x7f"');
    expect(promqlString('日本')).toBe('"日本"');
  });
});

describe('legendOf', () => {
  it('fills label placeholders and drops missing ones', () => {
    expect(
      legendOf('{instance} GPU {GpuIndex}', { instance: '10.0.0.5:8080', GpuIndex: '0' }),
    ).toBe('10.0.0.5:8080 GPU 0');
    expect(legendOf('read {instance}', {})).toBe('read');
    expect(legendOf('running', {})).toBe('running');
  });
});

describe('rangeWindow', () => {
  const start = Date.UTC(2026, 0, 11, 19, 55, 40, 146);

  it('pads the session by a minute each side and picks a round step for at most ~1,000 points', () => {
    const w = rangeWindow({ startMs: start, endMs: start + 663_308 }, undefined);
    expect(w.stepS).toBe(1);
    expect(w.startS).toBe(Math.floor((start - PROMETHEUS_PADDING_MS) / 1000));
    expect(w.endS).toBe(Math.ceil((start + 663_308 + PROMETHEUS_PADDING_MS) / 1000));

    const day = rangeWindow({ startMs: start, endMs: start + 24 * 3600_000 }, undefined);
    expect(day.stepS).toBe(120);
    expect(day.startS % 120).toBe(0);
    expect(day.endS % 120).toBe(0);
    expect((day.endS - day.startS) / day.stepS + 1).toBeLessThanOrEqual(MAX_POINTS);
    expect(day.startS * 1000).toBeLessThanOrEqual(start - PROMETHEUS_PADDING_MS);
    expect(day.endS * 1000).toBeGreaterThanOrEqual(start + 24 * 3600_000 + PROMETHEUS_PADDING_MS);

    const year = rangeWindow({ startMs: start, endMs: start + 365 * 86_400_000 }, undefined);
    expect((year.endS - year.startS) / year.stepS + 1).toBeLessThanOrEqual(MAX_POINTS);
  });

  it('a session without events still gets a window around its start', () => {
    const w = rangeWindow({ startMs: start, endMs: start }, undefined);
    expect(w.endS - w.startS).toBeGreaterThanOrEqual(120);
  });

  it('takes a valid ?step= and refuses one that is not a whole number or gives too many points', () => {
    const hour = { startMs: start, endMs: start + 3600_000 };
    expect(rangeWindow(hour, '30').stepS).toBe(30);
    for (const bad of ['0', '-5', '1.5', '1m', '86401', 'NaN'])
      expect(() => rangeWindow(hour, bad), bad).toThrow(/step must be a whole number of seconds/);
    const day = { startMs: start, endMs: start + 24 * 3600_000 };
    expect(() => rangeWindow(day, '10')).toThrow(/at most 1,100 .*use step=\d+ or more/);
    const least = Number(/use step=(\d+)/.exec(errorOf(() => rangeWindow(day, '10')))![1]);
    expect(() => rangeWindow(day, String(least))).not.toThrow();
  });
});

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}
