import type { NativeJobBar, NativeSeries } from '../../contract/metrics/native-series-types.ts';
import type { SessionSnapshot } from '../history/events/index.ts';
import { normalizeId } from '../history/events/index.ts';
import { rowsInScope } from '../history/events/task-rows-in-scope.ts';
import { TASK_STATES } from '../history/events/task-states.ts';

// A session's activity over time from its reduced events, in one pass over the task table's
// typed arrays: each transition adds +1 to its state from the first sample at or after it
// and -1 from the first sample at or after the next transition, then prefix sums. Cost is
// O(transitions + states × buckets), whatever the number of tasks (docs/metrics.md).

export const DEFAULT_BUCKETS = 120;

export interface NativeSeriesOptions {
  jobId?: string;
  buckets?: number;
}

interface Grid {
  startMs: number;
  bucketMs: number;
  n: number;
}

/** Index of the first sample (bucket end) at or after `t`; n when after the last. */
function sampleIndex(g: Grid, t: number): number {
  const i = Math.ceil((t - g.startMs) / g.bucketMs) - 1;
  return Math.min(Math.max(i, 0), g.n);
}

/** Index of the bucket holding `t` (clamped into the window). */
function bucketIndex(g: Grid, t: number): number {
  return Math.min(Math.max(Math.floor((t - g.startMs) / g.bucketMs), 0), g.n - 1);
}

function prefixSums(diff: Int32Array, n: number): number[] {
  const out = new Array<number>(n);
  let running = 0;
  for (let i = 0; i < n; i++) out[i] = running += diff[i]!;
  return out;
}

/** Adds an interval [from, to) (to = Infinity: still open) to a sampled count. */
function addInterval(g: Grid, diff: Int32Array, from: number, to: number): void {
  const a = sampleIndex(g, from);
  const b = Number.isFinite(to) ? sampleIndex(g, to) : g.n;
  if (b <= a) return;
  diff[a]!++;
  diff[b]!--;
}

export function nativeSeries(
  snapshot: SessionSnapshot,
  options: NativeSeriesOptions = {},
): NativeSeries {
  const { firstEventMs, lastEventMs } = snapshot;
  const jobId = options.jobId ? normalizeId(options.jobId) : undefined;
  const peak = runningPeak(snapshot, jobId);
  const empty: NativeSeries = {
    window: null,
    times: [],
    taskStates: [],
    finished: [],
    failed: [],
    runningActors: [],
    aliveNodes: [],
    runningPeak: peak,
    jobs: [],
  };
  if (firstEventMs === null || lastEventMs === null) return empty;

  const span = Math.max(lastEventMs - firstEventMs, 1);
  const wanted = Math.max(1, Math.floor(options.buckets ?? DEFAULT_BUCKETS));
  const bucketMs = Math.max(1, Math.ceil(span / wanted));
  const g: Grid = { startMs: firstEventMs, bucketMs, n: Math.ceil(span / bucketMs) };
  const times = Array.from({ length: g.n }, (_, i) => g.startMs + (i + 1) * bucketMs);

  return {
    window: { startMs: firstEventMs, endMs: lastEventMs, bucketMs },
    times,
    ...taskSeries(snapshot, g, jobId),
    runningActors: actorSeries(snapshot, g, jobId),
    aliveNodes: nodeSeries(snapshot, g),
    runningPeak: peak,
    jobs: jobBars(snapshot, lastEventMs, jobId),
  };
}

function taskSeries(snapshot: SessionSnapshot, g: Grid, jobId: string | undefined) {
  const t = snapshot.tasks;
  const inScope = rowsInScope(t, jobId);
  const diffs = new Map<number, Int32Array>();
  const finished = new Array<number>(g.n).fill(0);
  const failed = new Array<number>(g.n).fill(0);
  const finishedId = t.pool.idOf('FINISHED');
  const failedId = t.pool.idOf('FAILED');
  for (let row = 0; row < t.count; row++) {
    if (!inScope(row)) continue;
    const from = t.transitionStart.at(row);
    const to = t.transitionStart.at(row + 1);
    for (let k = from; k < to; k++) {
      const state = t.transitionState[k]!;
      let diff = diffs.get(state);
      if (!diff) diffs.set(state, (diff = new Int32Array(g.n + 1)));
      const next = k + 1 < to ? t.transitionTime[k + 1]! : Infinity;
      addInterval(g, diff, t.transitionTime[k]!, next);
    }
    const end = t.endMs.at(row);
    if (Number.isNaN(end)) continue;
    if (t.state.at(row) === finishedId) finished[bucketIndex(g, end)]!++;
    else if (t.state.at(row) === failedId) failed[bucketIndex(g, end)]!++;
  }
  const known = new Map<string, number>(TASK_STATES.map((s, i) => [s, i]));
  const taskStates = [...diffs]
    .map(([id, diff]) => ({ state: t.pool.get(id), counts: prefixSums(diff, g.n) }))
    .filter((s) => s.counts.some((c) => c > 0))
    .sort(
      (a, b) =>
        (known.get(a.state) ?? 99) - (known.get(b.state) ?? 99) ||
        (a.state < b.state ? -1 : a.state > b.state ? 1 : 0),
    );
  return { taskStates, finished, failed };
}

function actorSeries(snapshot: SessionSnapshot, g: Grid, jobId: string | undefined): number[] {
  const diff = new Int32Array(g.n + 1);
  for (const actor of snapshot.actors) {
    if (jobId && normalizeId(actor.jobId) !== jobId) continue;
    if (actor.startTime === null) continue;
    addInterval(g, diff, actor.startTime, actor.endTime ?? Infinity);
  }
  return prefixSums(diff, g.n);
}

function nodeSeries(snapshot: SessionSnapshot, g: Grid): number[] {
  const diff = new Int32Array(g.n + 1);
  for (const { raylet } of snapshot.nodes) {
    if (!raylet.startTimeMs) continue;
    addInterval(g, diff, raylet.startTimeMs, raylet.endTimeMs || Infinity);
  }
  return prefixSums(diff, g.n);
}

function jobBars(snapshot: SessionSnapshot, sessionEnd: number, jobId?: string): NativeJobBar[] {
  const bars: NativeJobBar[] = [];
  for (const job of snapshot.jobs) {
    const id = job.job_id ?? job.submission_id;
    if (!id || job.start_time === null) continue;
    if (jobId && (job.job_id === null || normalizeId(job.job_id) !== jobId)) continue;
    const ended = job.end_time !== null && job.end_time > 0;
    const endMs = Math.max(ended ? job.end_time! : sessionEnd, job.start_time);
    bars.push({
      id,
      status: job.status,
      startMs: job.start_time,
      endMs,
      durationMs: endMs - job.start_time,
      ended,
    });
  }
  return bars.sort((a, b) => a.startMs - b.startMs || (a.id < b.id ? -1 : 1));
}

/** Sweep over [first RUNNING, end) of every attempt in scope; an open attempt runs to the end. */
function runningPeak(snapshot: SessionSnapshot, jobId?: string): NativeSeries['runningPeak'] {
  const t = snapshot.tasks;
  const inScope = rowsInScope(t, jobId);
  const starts: number[] = [];
  const ends: number[] = [];
  for (let row = 0; row < t.count; row++) {
    const start = t.startMs.at(row);
    if (!inScope(row) || Number.isNaN(start)) continue;
    starts.push(start);
    const end = t.endMs.at(row);
    ends.push(Number.isNaN(end) ? Infinity : end);
  }
  const s = Float64Array.from(starts).sort();
  const e = Float64Array.from(ends).sort();
  let open = 0;
  let count = 0;
  let atMs: number | null = null;
  for (let i = 0, j = 0; i < s.length; i++) {
    while (j < e.length && e[j]! <= s[i]!) {
      open--;
      j++;
    }
    open++;
    if (open > count) {
      count = open;
      atMs = s[i]!;
    }
  }
  return { count, atMs };
}
