import type { ApiResult, ApiRoute } from './api-bench.ts';
import { HOSTILE_BUDGETS, type HostileResult } from './hostile-bench.ts';
import { loadRates, type ColdLoad } from './cold-load.ts';
import type { LoadResult } from './load-test.ts';
import { cpus } from 'node:os';
import { LOGS_BUDGETS, type LogsResult } from './logs-bench.ts';
import { sizeLabel } from './options.ts';
import type { ReportBuilder } from './report-builder.ts';
import type { SoakResult } from './soak.ts';
import type { FirstPaintResult } from './first-paint-bench.ts';
import type { SpaResult } from './spa-bench.ts';
import { ratio } from './stats.ts';
import { formatNumber, kilobytes, megabytes, mib, millis, seconds, type Better } from './table.ts';

// One function per section of the table: its rows, ratios and budgets.

const perSecond = (n: number) => `${formatNumber(n)}/s`;
const mbPerSecond = (bytesPerSecond: number) => `${formatNumber(mib(bytesPerSecond), 1)} MiB/s`;

/** Cold load (issue #17): at least this many times the naive load's events per second... */
export const COLD_LOAD_MIN_SPEEDUP = 2;
/** ...holding at most this many bytes per attempt (the figure before parallel ingest)... */
export const COLD_LOAD_MAX_RETAINED_PER_ATTEMPT = 326;
/** ...from this many attempts on: below, fixed costs (code, caches) dominate the per-attempt figure. */
const RETAINED_BUDGET_FROM_ATTEMPTS = 50_000;

export function coldLoadSection(b: ReportBuilder, c: ColdLoad, largest: boolean): void {
  const label = sizeLabel(c.tasks);
  if (!c.ours) {
    b.section(`Session cold load, ${label}`);
    b.row({ label: 'our load', value: `ERROR: ${c.error ?? 'failed'}` });
    return;
  }
  const o = c.ours;
  b.section(
    `Session cold load, ${label}: ${formatNumber(o.attempts)} attempts, ${formatNumber(o.events)} events, ${megabytes(o.storedBytes)} (baseline: naive load${c.rounds && c.rounds > 1 ? `; each side the median of ${c.rounds} alternated runs` : ''})`,
  );
  const ours = loadRates(o);
  const naive = c.naive ? loadRates(c.naive) : null;
  const failed = { value: null, text: 'failed (out of memory?)' };
  const key = `coldLoad.${label}`;
  const pair = (
    name: string,
    label: string,
    pick: (r: ReturnType<typeof loadRates>) => number,
    text: (n: number) => string,
    better: Better,
    budget?: string,
  ) =>
    b.compare(
      `${key}.${name}`,
      label,
      { value: pick(ours), text: text(pick(ours)) },
      naive ? { value: pick(naive), text: text(pick(naive)) } : failed,
      better,
      budget,
    );
  const speedup = naive ? ours.eventsPerSecond / naive.eventsPerSecond : null;
  const speedBudget = b.budget({
    name: `Cold load ${label}: events/s at least ${COLD_LOAD_MIN_SPEEDUP}x the naive load`,
    hard: true,
    // A naive load that died (out of memory) is beaten by any load that finished.
    pass: speedup === null || speedup >= COLD_LOAD_MIN_SPEEDUP,
    detail: speedup === null ? 'the naive load failed' : `${speedup.toFixed(2)}x`,
  });
  const memoryBudget =
    o.attempts >= RETAINED_BUDGET_FROM_ATTEMPTS
      ? b.budget({
          name: `Cold load ${label}: at most ${COLD_LOAD_MAX_RETAINED_PER_ATTEMPT} B retained per attempt`,
          hard: true,
          pass: ours.retainedBytesPerAttempt <= COLD_LOAD_MAX_RETAINED_PER_ATTEMPT,
          detail: `${formatNumber(ours.retainedBytesPerAttempt)} B`,
        })
      : undefined;
  b.compare(
    `${key}.loadTime`,
    'load time',
    { value: o.loadMs, text: seconds(o.loadMs) },
    c.naive ? { value: c.naive.loadMs, text: seconds(c.naive.loadMs) } : failed,
    'lower',
  );
  pair('eventsPerSecond', 'events/s', (r) => r.eventsPerSecond, perSecond, 'higher', speedBudget);
  if (c.floor && naive) {
    // Not ours: the ceiling any loader that JSON.parses every line could reach on this machine.
    const floor = loadRates(c.floor);
    b.compare(
      `${key}.parseFloor`,
      'events/s of the parse floor (read + JSON.parse only, 2 threads)',
      { value: floor.eventsPerSecond, text: perSecond(floor.eventsPerSecond) },
      { value: naive.eventsPerSecond, text: perSecond(naive.eventsPerSecond) },
      'higher',
    );
  }
  pair('bytesPerSecond', 'stored MB/s', (r) => r.bytesPerSecond, mbPerSecond, 'higher');
  pair('peakRss', 'peak RSS', (r) => r.peakRssBytes, megabytes, 'lower');
  pair(
    'retainedPerAttempt',
    'bytes retained per attempt',
    (r) => r.retainedBytesPerAttempt,
    (n) => `${formatNumber(n)} B`,
    'lower',
    memoryBudget,
  );
  if (!largest) return;
  // Paging deep into a sorted million must cost what the first page costs.
  const first = o.latencies[0];
  const deepSorted = o.latencies.find(
    (l) => l.label.includes('sorted by start') && !/offset 0,/.test(l.label),
  );
  if (first && deepSorted)
    b.compare(
      `${key}.deepSortedPage`,
      'task page deep in the list, sorted, vs first page (median of 5)',
      { value: deepSorted.medianMs, text: millis(deepSorted.medianMs) },
      { value: first.medianMs, text: millis(first.medianMs) },
      'lower',
    );
}

export function logsSection(b: ReportBuilder, l: LogsResult): void {
  const big = megabytes(l.bigBytes);
  b.section(
    `Logs: ${big} file vs ${megabytes(l.smallBytes)} (median of ${l.runs.tail} tails, ${l.runs.read} reads, after a warm-up)`,
  );
  b.compare(
    'logs.tailBigVsSmall',
    `tail 1000 lines: ${big} vs ${megabytes(l.smallBytes)} file`,
    { value: l.tailBigMs, text: millis(l.tailBigMs) },
    { value: l.tailSmallMs, text: millis(l.tailSmallMs) },
    'lower',
  );
  b.compare(
    'logs.tailVsWholeRead',
    `tail 1000 lines vs reading the ${big} file whole`,
    { value: l.tailBigMs, text: millis(l.tailBigMs) },
    { value: l.wholeReadBigMs, text: seconds(l.wholeReadBigMs) },
    'lower',
  );
  const rate = (ms: number) => l.bigBytes / (ms / 1000);
  b.compare(
    'logs.searchVsGrep',
    `search, plain, context 2 (ours ${l.searchMatches} matches; grep -c -i ${l.grepMatches ?? '?'})`,
    { value: rate(l.searchMs), text: mbPerSecond(rate(l.searchMs)) },
    l.grepMs === null
      ? { value: null, text: 'grep not available' }
      : { value: rate(l.grepMs), text: mbPerSecond(rate(l.grepMs)) },
    'higher',
  );
  const searchRatio = b.ratios['logs.searchVsGrep'] ?? null;
  b.budget({
    name: `Log search at least ${LOGS_BUDGETS.searchVsGrep}x grep -c -i`,
    hard: true,
    // Fast and wrong is no pass: the same file must give grep's count.
    pass:
      searchRatio !== null &&
      searchRatio >= LOGS_BUDGETS.searchVsGrep &&
      l.searchMatches === l.grepMatches,
    detail:
      searchRatio === null
        ? 'grep not available to compare with'
        : `${formatNumber(searchRatio, 2)}x, ${l.searchMatches} matches vs grep's ${l.grepMatches}`,
  });
}

function loadText(r: LoadResult): string {
  const failed = r.errors + r.non2xx;
  return `${formatNumber(r.requestsPerSecond)} req/s · p50 ${millis(r.p50Ms)} · p99 ${millis(r.p99Ms)}${failed ? ` · ${failed} failed` : ''}`;
}

/** Every round's figure, as " · rounds a, b, c". */
function roundsText(values: number[], format: (n: number) => string): string {
  return ` · rounds ${values.map(format).join(', ')}`;
}

/** Issue #17: a tasks page of the big session near static-file speed, every page quickly. */
export const TASKS_PAGE_BUDGET = { minRatio: 0.5, maxP99Ms: 100 };

export function apiSection(b: ReportBuilder, a: ApiResult, sessionLabel: string): void {
  b.section(
    `API on loopback: ${a.connections} connections, ${a.seconds} s per route${a.rounds && a.rounds > 1 ? ` in each of ${a.rounds} alternated rounds (figures: each route's median round; ratios within a round)` : ''}, warm ${sessionLabel} session (baseline: static file)`,
  );
  const base = a.routes.find((r) => r.key === 'static');
  for (const route of a.routes) {
    if (route.key === 'static') {
      const all =
        route.roundRatios && route.roundRatios.length > 1
          ? roundsText(route.roundRatios, (n) => formatNumber(n))
          : '';
      b.row({
        label: route.label,
        value: `${loadText(route.result)}${all}`,
        baseline: '(the baseline)',
      });
      continue;
    }
    // Requests still queued when the run ended are not in its figures; say how long they took.
    const backlog = route.drainMs >= 1000 ? ` · backlog ${seconds(route.drainMs)}` : '';
    const ours = {
      value: route.result.requestsPerSecond,
      text: `${loadText(route.result)}${backlog}`,
    };
    // The static file's figure from the route's own round, when the routes ran in rounds.
    const baseRps = route.pairedStaticRps ?? base?.result.requestsPerSecond;
    const baseline =
      baseRps !== undefined
        ? { value: baseRps, text: `${formatNumber(baseRps)} req/s` }
        : { value: null, text: 'n/a' };
    if (route.key === 'tasks') tasksPageRows(b, route, ours, baseline, sessionLabel);
    else b.compare(`api.${route.key}`, route.label, ours, baseline, 'higher');
  }
  const failed = a.routes.reduce((sum, r) => sum + r.result.errors + r.result.non2xx, 0);
  b.budget({
    name: 'API load without failures',
    hard: false,
    pass: failed === 0,
    detail: `${failed} failed requests under load`,
  });
}

/** The tasks page against the static file, and its p99: both hard budgets. */
function tasksPageRows(
  b: ReportBuilder,
  route: ApiRoute,
  ours: { value: number; text: string },
  baseline: { value: number | null; text: string },
  sessionLabel: string,
): void {
  const { minRatio, maxP99Ms } = TASKS_PAGE_BUDGET;
  const r = ratio(ours.value, baseline.value);
  b.ratios['api.tasks'] = r;
  const ratioStatus = b.budget({
    name: `Tasks page at least ${minRatio}x the static file's req/s`,
    hard: true,
    pass: r !== null && r >= minRatio,
    detail: r === null ? 'no static baseline' : `${r.toFixed(2)}x`,
  });
  const all =
    route.roundRatios && route.roundRatios.length > 1
      ? roundsText(route.roundRatios, (n) => `${n.toFixed(2)}x`)
      : '';
  b.row({
    label: route.label,
    value: `${ours.text}${all}`,
    baseline: baseline.text,
    ratio: r,
    better: 'higher',
    budget: ratioStatus,
  });

  // A backlog means requests that never made it into the percentiles: the p99 does not hold.
  const p99 = route.result.p99Ms;
  const backlogged = route.drainMs >= 1000;
  b.ratios['api.tasksP99'] = ratio(p99, maxP99Ms);
  const p99Status = b.budget({
    name: `${sessionLabel} tasks page p99 within ${maxP99Ms} ms`,
    hard: true,
    pass: p99 <= maxP99Ms && !backlogged,
    detail: `p99 ${millis(p99)}${backlogged ? `, backlog ${seconds(route.drainMs)}` : ''}`,
  });
  b.row({
    label: `${sessionLabel} tasks page p99`,
    value: millis(p99),
    baseline: `budget ${millis(maxP99Ms)}`,
    ratio: ratio(p99, maxP99Ms),
    better: 'lower',
    budget: p99Status,
  });
}

/** `src/features/tasks/components/TasksPage.tsx` → `TasksPage`. */
const routeName = (name: string) => name.replace(/^.*\//, '').replace(/\.[jt]sx?$/, '');

export function spaSection(b: ReportBuilder, s: SpaResult, sessionLabel: string): void {
  b.section(
    'SPA: gzip JavaScript per route (baseline: its budget); first task row and paging in Chromium',
  );
  for (const check of s.bundles) {
    const name = routeName(check.route.name);
    const status = b.budget({
      name: `JavaScript of route ${name} within ${kilobytes(check.budgetBytes)} gzip`,
      hard: true,
      pass: check.problems.length === 0,
      detail: check.problems.join('; ') || kilobytes(check.route.gzipBytes),
    });
    const r = ratio(check.route.gzipBytes, check.budgetBytes);
    b.ratios[`spa.gzip.${name}`] = r;
    b.row({
      label: `JS gzip: ${name}`,
      value: kilobytes(check.route.gzipBytes),
      baseline: `budget ${kilobytes(check.budgetBytes)}`,
      ratio: r,
      better: 'lower',
      budget: status,
    });
  }
  const [big, small] = s.firstRow;
  if (big && small)
    b.compare(
      'spa.firstTaskRow',
      `first task row, ${sessionLabel} session (median of ${big.runsMs.length}) vs ${formatNumber(small.attempts)} attempts`,
      { value: big.medianMs, text: millis(big.medianMs) },
      { value: small.medianMs, text: millis(small.medianMs) },
      'lower',
    );
  if (s.paging) {
    const status = b.budget({
      name: `Paging a ${sessionLabel}-attempt session in Chromium (first, sorted, last page)`,
      hard: true,
      pass: s.paging.passed,
      detail: s.paging.detail,
    });
    b.row({
      label: `paging check in Chromium, ${formatNumber(s.paging.attempts)} attempts (e2e/tasks-scale.spec.ts)`,
      value: `${s.paging.passed ? 'passed' : 'FAILED'} in ${s.paging.seconds.toFixed(0)} s`,
      budget: status,
    });
  }
}

/** Sequential round trips the first job row waits on before issue #14 (main at fdb9b33). */
export const JOB_ROW_WAVES_BEFORE = 5;

export function firstPaintSection(b: ReportBuilder, f: FirstPaintResult): void {
  b.section('SPA: a pasted jobs-page link, fresh browser (baseline: main before issue #14)');
  const status = b.budget({
    name: 'First job row within 2 round trips after the HTML',
    hard: true,
    pass: f.waves <= 2,
    detail: `${f.waves} round trips`,
  });
  b.row({
    label: 'round trips after the HTML before the first job row',
    value: String(f.waves),
    baseline: String(JOB_ROW_WAVES_BEFORE),
    ratio: ratio(f.waves, JOB_ROW_WAVES_BEFORE),
    better: 'lower',
    budget: status,
  });
  b.row({
    label: `first job row at ${f.roundTripMs} ms per round trip (median of ${f.runsMs.length})`,
    value: millis(f.medianMs),
  });
}

export function soakSection(b: ReportBuilder, s: SoakResult): void {
  b.section(
    `Soak: ${s.seconds} s at ${s.connections} connections over ${s.sessions} sessions, one held at a time (mix: ${s.mix.join(', ')})`,
  );
  b.row({
    label: `requests (${formatNumber(s.load.requests)} in all)`,
    value: loadText(s.load),
  });
  b.row({
    label: 'cold loads observed (polled, at least)',
    value: formatNumber(s.coldLoadsObserved),
  });
  const errorsStatus = b.budget({
    name: 'Soak without errors',
    hard: true,
    pass: s.failures === 0 && s.servesAfter,
    detail: `${s.load.errors} connection errors (${s.load.timeouts} timeouts), ${s.load.non2xx} non-2xx${s.servesAfter ? '' : ', server not ready after the soak'}`,
  });
  b.row({
    label: 'errors: connection, timeout, non-2xx',
    value: `${s.load.errors - s.load.timeouts}, ${s.load.timeouts}, ${s.load.non2xx}${s.servesAfter ? '' : ' (server down after)'}`,
    budget: errorsStatus,
  });
  const g = s.growth;
  const steady = g.steadyGrowth;
  b.budget({
    name: 'Soak without steady memory growth',
    hard: false,
    pass: steady === false,
    detail:
      steady === null
        ? `too few RSS samples (${g.samples})`
        : `RSS median ${megabytes(g.middleMedianBytes)} (middle third) → ${megabytes(g.lastMedianBytes)} (last third), slope ${formatNumber(mib(g.slopeBytesPerMinute), 1)} MiB/min`,
  });
  const r = steady === null ? null : g.growthRatio;
  b.ratios['soak.rssGrowth'] = r;
  b.row({
    label: `server RSS, last third vs middle third (${g.samples} samples)`,
    value: Number.isFinite(g.lastMedianBytes) ? megabytes(g.lastMedianBytes) : 'n/a',
    baseline: Number.isFinite(g.middleMedianBytes) ? megabytes(g.middleMedianBytes) : 'n/a',
    ratio: r,
    better: 'lower',
    budget:
      steady === null ? 'too few samples' : steady ? 'MISSED: steady growth' : 'no steady growth',
  });
  b.row({
    label: 'server RSS slope, second half',
    value: `${formatNumber(mib(g.slopeBytesPerMinute), 1)} MiB/min`,
  });
}

export function hostileSection(b: ReportBuilder, h: HostileResult): void {
  b.section(
    `Hostile mix: ${h.seconds} s at ${h.connections} connections, ${h.logMb} MiB log (mix: ${h.mix.join(', ')})`,
  );
  b.row({
    label: `requests (${formatNumber(h.load.requests)} in all; ${JSON.stringify(h.load.statusCodes)})`,
    value: loadText(h.load),
  });
  const unintended = b.budget({
    name: 'Hostile mix: nothing but 2xx, 429 and 503',
    hard: true,
    pass: h.unintended === 0,
    detail: `${h.unintended} other answers or connection errors`,
  });
  b.row({
    label: 'answers other than 2xx / 429 / 503',
    value: String(h.unintended),
    budget: unintended,
  });
  const rss = b.budget({
    name: `Hostile mix: peak RSS under ${megabytes(HOSTILE_BUDGETS.peakRssBytes)}`,
    hard: true,
    pass: h.peakRssBytes < HOSTILE_BUDGETS.peakRssBytes,
    detail: megabytes(h.peakRssBytes),
  });
  b.row({ label: 'server peak RSS (VmHWM)', value: megabytes(h.peakRssBytes), budget: rss });
  const livez = b.budget({
    name: `Hostile mix: /livez p99 within ${millis(HOSTILE_BUDGETS.livezP99Ms)}`,
    hard: true,
    pass: h.livezP99Ms <= HOSTILE_BUDGETS.livezP99Ms,
    detail: `${millis(h.livezP99Ms)} over ${h.livezSamples} probes`,
  });
  b.row({
    label: `/livez p99 (${h.livezSamples} probes)`,
    value: millis(h.livezP99Ms),
    budget: livez,
  });
  // Where the time went: the server's own event-loop delay (what /livez waits behind), and the
  // CPU the server and the load generator took from the same cores.
  if (h.loopDelay)
    b.row({
      label: 'server event-loop delay p50 / p99 / max',
      value: `${millis(h.loopDelay.p50Ms)} / ${millis(h.loopDelay.p99Ms)} / ${millis(h.loopDelay.maxMs)}`,
    });
  if (h.loopDelay?.busy)
    b.row({
      label: '  of it the server working (its CPU time)',
      value: `${millis(h.loopDelay.busy.p50Ms)} / ${millis(h.loopDelay.busy.p99Ms)} / ${millis(h.loopDelay.busy.maxMs)}`,
    });
  b.row({
    label: `CPU over the run: server / autocannon (of ${h.seconds * cpus().length} core-s)`,
    value: `${formatNumber(h.cpu.serverSeconds, 1)} s / ${formatNumber(h.cpu.clientSeconds, 1)} s`,
  });
  b.row({ label: 'of the connection errors, timeouts', value: String(h.load.timeouts) });
}
