import { describe, expect, it } from 'vitest';
import type { BundleCheck } from '../bundle-size.ts';
import type { ApiRoute } from './api-bench.ts';
import type { LoadResult } from './load-test.ts';
import type { LoadMeasurement, OursMeasurement } from './measure.ts';
import { budgetSummary, buildReport, hardBudgetMissed, type BenchResults } from './report.ts';
import type { HostileResult } from './hostile-bench.ts';
import type { SoakResult } from './soak.ts';
import { memoryGrowth } from './stats.ts';

const MiB = 1024 * 1024;

const naive: LoadMeasurement = {
  loadMs: 4000,
  peakRssBytes: 400 * MiB,
  retainedBytes: 30_000_000,
  events: 40_000,
  attempts: 10_000,
  storedBytes: 32 * MiB,
};
const ours: OursMeasurement = {
  ...naive,
  loadMs: 2000,
  peakRssBytes: 100 * MiB,
  retainedBytes: 3_000_000,
  latencies: [
    { label: 'task page, offset 0, unsorted', firstMs: 5, medianMs: 4 },
    { label: 'task page, offset 9000, sorted by start', firstMs: 9, medianMs: 6 },
  ],
};

/** The parse floor: JSON.parse alone on two threads, 4x the naive load. */
const floor: LoadMeasurement = { ...naive, loadMs: 1000, retainedBytes: 0 };

const load = (over: Partial<LoadResult> = {}): LoadResult => ({
  requests: 1000,
  requestsPerSecond: 100,
  p50Ms: 10,
  p99Ms: 50,
  maxMs: 80,
  errors: 0,
  timeouts: 0,
  non2xx: 0,
  statusCodes: { '200': 1000 },
  ...over,
});

const flat = Array.from({ length: 60 }, (_, i) => ({ atMs: i * 1000, bytes: 300 * MiB }));
const soak = (over: Partial<SoakResult> = {}): SoakResult => ({
  seconds: 60,
  connections: 64,
  sessions: 8,
  mix: ['jobs list'],
  load: load(),
  failures: 0,
  coldLoadsObserved: 12,
  rss: flat,
  growth: memoryGrowth(flat),
  servesAfter: true,
  ...over,
});

const bundle = (name: string, gzipBytes: number, budgetBytes: number): BundleCheck => ({
  route: { name, files: [`assets/${name}.js`], gzipBytes, packages: [] },
  budgetBytes,
  problems: gzipBytes > budgetBytes ? [`${name}: too big`] : [],
});

const empty: BenchResults = {
  coldLoads: [],
  warmRestart: null,
  logs: null,
  api: null,
  spa: null,
  firstPaint: null,
  soak: null,
  hostile: null,
  errors: [],
};

describe('buildReport', () => {
  it('compares each cold load with the naive one, as ratios kept per size', () => {
    const report = buildReport(
      { ...empty, coldLoads: [{ tasks: 10_000, session: 's', ours, naive, floor }] },
      10_000,
    );
    expect(report.ratios['coldLoad.10k.loadTime']).toBe(0.5);
    expect(report.ratios['coldLoad.10k.eventsPerSecond']).toBe(2);
    expect(report.ratios['coldLoad.10k.peakRss']).toBe(0.25);
    expect(report.ratios['coldLoad.10k.retainedPerAttempt']).toBeCloseTo(0.1);
    expect(report.ratios['coldLoad.10k.deepSortedPage']).toBe(1.5);
    // The floor is compared with the naive load too: the ceiling for ours, not a budget.
    expect(report.ratios['coldLoad.10k.parseFloor']).toBe(4);
    expect(report.budgets.some((b) => /floor/i.test(b.name))).toBe(false);
    const rows = report.sections[0]!.rows;
    expect(rows.find((r) => r.label === 'events/s')).toMatchObject({
      value: '20,000/s',
      baseline: '10,000/s',
      ratio: 2,
      better: 'higher',
    });
  });

  it('reports a naive load that died without a ratio, and without failing the run', () => {
    const report = buildReport(
      { ...empty, coldLoads: [{ tasks: 1_000_000, session: 's', ours, naive: null, floor }] },
      1_000_000,
    );
    expect(report.ratios['coldLoad.1M.eventsPerSecond']).toBeNull();
    expect(report.ratios['coldLoad.1M.parseFloor']).toBeUndefined();
    expect(report.sections[0]!.rows[0]!.baseline).toMatch(/failed/);
    expect(hardBudgetMissed(report.budgets)).toBe(false);
  });

  it('fails hard on a route over its size budget and on soak errors, softly on memory growth', () => {
    const climbing = flat.map((s, i) => ({ ...s, bytes: (200 + 5 * i) * MiB }));
    const report = buildReport(
      {
        ...empty,
        spa: {
          bundles: [bundle('initial', 150_000, 200_000), bundle('LogViewer', 400_000, 350_000)],
          firstRow: [],
          paging: null,
        },
        soak: soak({
          load: load({ non2xx: 3 }),
          failures: 3,
          rss: climbing,
          growth: memoryGrowth(climbing),
        }),
      },
      10_000,
    );
    const missed = report.budgets.filter((b) => !b.pass).map((b) => [b.name, b.hard]);
    expect(missed).toEqual([
      ['JavaScript of route LogViewer within 341.8 KB gzip', true],
      ['Soak without errors', true],
      ['Soak without steady memory growth', false],
    ]);
    expect(hardBudgetMissed(report.budgets)).toBe(true);
    expect(budgetSummary(report.budgets)[0]).toBe('BUDGETS MISSED (3 of 4):');
    expect(budgetSummary(report.budgets)[1]).toMatch(/^ {2}HARD {2}JavaScript of route LogViewer/);
  });

  it('passes a clean soak, and memory growth alone never fails the run', () => {
    const climbing = flat.map((s, i) => ({ ...s, bytes: (200 + 5 * i) * MiB }));
    expect(hardBudgetMissed(buildReport({ ...empty, soak: soak() }, null).budgets)).toBe(false);
    const growing = buildReport(
      { ...empty, soak: soak({ rss: climbing, growth: memoryGrowth(climbing) }) },
      null,
    );
    expect(hardBudgetMissed(growing.budgets)).toBe(false);
    expect(budgetSummary(growing.budgets)[1]).toMatch(/soft {2}Soak without steady memory growth/);
  });

  it('counts a server that stopped answering after the soak as a soak failure', () => {
    const report = buildReport({ ...empty, soak: soak({ servesAfter: false }) }, null);
    expect(hardBudgetMissed(report.budgets)).toBe(true);
  });

  it('turns a section that threw into a row and a hard miss', () => {
    const report = buildReport(
      { ...empty, errors: [{ section: 'api', message: 'ECONNREFUSED' }] },
      null,
    );
    expect(report.sections.at(-1)).toEqual({
      title: 'api: did not complete',
      rows: [{ label: 'error', value: 'ECONNREFUSED' }],
    });
    expect(hardBudgetMissed(report.budgets)).toBe(true);
  });

  /** A report of an API section: the static file at `staticRps`, then `routes`. */
  const apiReport = (staticRps: number, routes: ApiRoute[], rounds?: number[]) =>
    buildReport(
      {
        ...empty,
        api: {
          connections: 64,
          seconds: 5,
          ...(rounds ? { rounds: rounds.length } : {}),
          logFile: null,
          routes: [
            {
              key: 'static',
              label: 'static',
              result: load({ requestsPerSecond: staticRps }),
              drainMs: 1,
              ...(rounds ? { roundRatios: rounds } : {}),
            },
            ...routes,
          ],
        },
      },
      1_000_000,
    );

  it('puts API routes against the static file of the same run', () => {
    const report = apiReport(4000, [
      { key: 'jobs', label: 'jobs', result: load({ requestsPerSecond: 3000 }), drainMs: 1 },
    ]);
    expect(report.ratios['api.jobs']).toBe(0.75);
    expect(report.budgets).toEqual([
      expect.objectContaining({ name: 'API load without failures', pass: true, hard: false }),
    ]);
  });

  it('compares a route run in rounds with the static file of its own round', () => {
    const jobs: ApiRoute = {
      key: 'jobs',
      label: 'jobs',
      result: load({ requestsPerSecond: 3000 }),
      drainMs: 1,
      pairedStaticRps: 6000,
      roundRatios: [0.4, 0.5, 0.6],
    };
    // The median static round read 4,000 req/s; the jobs list's own round, 6,000.
    expect(apiReport(4000, [jobs], [3000, 4000, 6000]).ratios['api.jobs']).toBe(0.5);
  });

  it('holds the tasks page to half the static req/s and a 100 ms p99, both hard', () => {
    const tasksRun = (tasks: Partial<LoadResult>, drainMs = 1) =>
      apiReport(1000, [{ key: 'tasks', label: 'tasks page', result: load(tasks), drainMs }]);
    const verdicts = (report: ReturnType<typeof buildReport>) =>
      report.budgets.filter((x) => x.hard).map((x) => [x.name, x.pass]);

    const fast = tasksRun({ requestsPerSecond: 600, p99Ms: 80 });
    expect(fast.ratios['api.tasks']).toBe(0.6);
    expect(verdicts(fast)).toEqual([
      ["Tasks page at least 0.5x the static file's req/s", true],
      ['1M tasks page p99 within 100 ms', true],
    ]);
    expect(fast.sections[0]!.rows.map((row) => row.label)).toEqual([
      'static',
      'tasks page',
      '1M tasks page p99',
    ]);

    expect(verdicts(tasksRun({ requestsPerSecond: 400, p99Ms: 80 }))[0]![1]).toBe(false);
    expect(verdicts(tasksRun({ requestsPerSecond: 600, p99Ms: 101 }))[1]![1]).toBe(false);
    // Requests left queued after the run are not in the p99: a backlog misses the budget too.
    expect(verdicts(tasksRun({ requestsPerSecond: 600, p99Ms: 80 }, 5000))[1]![1]).toBe(false);
    expect(hardBudgetMissed(tasksRun({ requestsPerSecond: 600, p99Ms: 101 }).budgets)).toBe(true);
  });

  it('shows the million-attempt paging check as a row, and a failed one as a hard miss', () => {
    const paging = (passed: boolean) =>
      buildReport(
        {
          ...empty,
          spa: {
            bundles: [],
            firstRow: [],
            paging: {
              attempts: 1_000_123,
              passed,
              detail: passed ? 'passed' : 'Error: expect(locator).toHaveText(expected) failed',
              seconds: 42,
            },
          },
        },
        1_000_000,
      );
    const passed = paging(true);
    expect(passed.sections[0]!.rows).toEqual([
      expect.objectContaining({ value: 'passed in 42 s', budget: 'pass' }),
    ]);
    expect(hardBudgetMissed(passed.budgets)).toBe(false);
    const failed = paging(false);
    expect(failed.sections[0]!.rows[0]!.value).toBe('FAILED in 42 s');
    expect(budgetSummary(failed.budgets)[1]).toBe(
      '  HARD  Paging a 1M-attempt session in Chromium (first, sorted, last page): Error: expect(locator).toHaveText(expected) failed',
    );
    expect(hardBudgetMissed(failed.budgets)).toBe(true);
  });
});

describe('hostile mix', () => {
  const hostile = (over: Partial<HostileResult> = {}): HostileResult => ({
    seconds: 60,
    connections: 64,
    logMb: 300,
    mix: ['/api/v0/logs/file?lines=-1'],
    load: {
      requests: 100,
      requestsPerSecond: 2,
      p50Ms: 1,
      p99Ms: 2,
      maxMs: 3,
      errors: 0,
      timeouts: 0,
      non2xx: 10,
      statusCodes: { '200': 90, '429': 4, '503': 6 },
    },
    unintended: 0,
    peakRssBytes: 600 * 1024 ** 2,
    livezP99Ms: 40,
    livezSamples: 1000,
    loopDelay: { p50Ms: 10, p99Ms: 30, maxMs: 60 },
    cpu: { serverSeconds: 70, clientSeconds: 40 },
    ...over,
  });

  it('passes with only intended refusals, RSS and /livez within budget', () => {
    expect(hardBudgetMissed(buildReport({ ...empty, hostile: hostile() }, null).budgets)).toBe(
      false,
    );
  });

  it("reports the loop delay in the server's own CPU time when the server measured it", () => {
    const rowsOf = (h: HostileResult) =>
      buildReport({ ...empty, hostile: h }, null).sections.flatMap((section) => section.rows);
    const busy = { p50Ms: 2, p99Ms: 20, maxMs: 40 };
    const row = rowsOf(hostile({ loopDelay: { p50Ms: 10, p99Ms: 30, maxMs: 60, busy } })).find(
      (r) => r.label.includes('its CPU time'),
    );
    expect(row?.value).toMatch(/2.*20.*40/);
    expect(rowsOf(hostile()).some((r) => r.label.includes('its CPU time'))).toBe(false);
  });

  it.each([
    ['an unintended answer', { unintended: 1 }],
    ['RSS over 1 GiB', { peakRssBytes: 1025 * 1024 ** 2 }],
    ['a slow /livez', { livezP99Ms: 101 }],
  ])('fails hard on %s', (_what, over) => {
    expect(hardBudgetMissed(buildReport({ ...empty, hostile: hostile(over) }, null).budgets)).toBe(
      true,
    );
  });
});

describe('log search vs grep', () => {
  const logs = (searchMs: number, searchMatches = 126) => ({
    smallBytes: 10 * 1024 ** 2,
    bigBytes: 1024 ** 3,
    tailSmallMs: 1,
    tailBigMs: 1,
    wholeReadBigMs: 800,
    searchMs,
    searchMatches,
    grepMs: 1000,
    grepMatches: 126,
    runs: { tail: 9, read: 3 },
  });
  const missed = (l: ReturnType<typeof logs>) =>
    hardBudgetMissed(buildReport({ ...empty, logs: l }, null).budgets);

  it('holds at 0.9x grep or faster with the same count, and fails hard otherwise', () => {
    expect(missed(logs(1000 / 0.95))).toBe(false);
    expect(missed(logs(1000 / 0.85))).toBe(true);
    // Fast and wrong fails too.
    expect(missed(logs(500, 125))).toBe(true);
  });
});
