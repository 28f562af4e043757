import type { ChromeTraceEvent } from '../../../contract/ray';

// A Chrome trace (ph X spans, ph M lane names) as lanes grouped by node then worker, plus the
// time window arithmetic the chart uses for zoom and pan. Times stay in µs as in the trace.

export interface TimelineBar {
  key: string;
  name: string;
  startUs: number;
  durUs: number;
  taskId: string | null;
  attempt: number | undefined;
  jobId: string | null;
  funcName: string;
  state: string;
  failed: boolean;
}

export interface TimelineLane {
  key: string;
  pid: number;
  tid: number;
  nodeLabel: string;
  workerLabel: string;
  bars: TimelineBar[];
}

export interface TimelineGroup {
  pid: number;
  label: string;
  lanes: TimelineLane[];
}

export interface TimelineModel {
  groups: TimelineGroup[];
  /** Every lane in display order (groups flattened). */
  lanes: TimelineLane[];
  barCount: number;
  startUs: number;
  endUs: number;
}

export interface TimeWindow {
  startUs: number;
  endUs: number;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

function barOf(event: ChromeTraceEvent, index: number): TimelineBar {
  const args = event.args ?? {};
  const taskId = text(args.task_id) || null;
  const attempt = typeof args.attempt_number === 'number' ? args.attempt_number : undefined;
  return {
    key: `${index}`,
    name: event.name,
    startUs: event.ts ?? 0,
    durUs: Math.max(0, event.dur ?? 0),
    taskId,
    attempt,
    jobId: text(args.job_id) || null,
    funcName: text(args.func_or_class_name) || event.name,
    state: text(args.state) || 'UNKNOWN',
    failed: args.failed === true || event.cname === 'terrible',
  };
}

export function buildTimeline(trace: ChromeTraceEvent[]): TimelineModel {
  const processNames = new Map<number, string>();
  const threadNames = new Map<string, string>();
  const lanes = new Map<string, TimelineLane>();
  const laneKey = (pid: number, tid: number) => `${pid}:${tid}`;

  for (const event of trace) {
    if (event.ph !== 'M') continue;
    const name = text(event.args?.name);
    if (event.name === 'process_name') processNames.set(event.pid, name);
    if (event.name === 'thread_name') threadNames.set(laneKey(event.pid, event.tid), name);
  }

  let startUs = Infinity;
  let endUs = -Infinity;
  let barCount = 0;
  trace.forEach((event, index) => {
    if (event.ph !== 'X' || typeof event.ts !== 'number') return;
    const key = laneKey(event.pid, event.tid);
    let lane = lanes.get(key);
    if (!lane) {
      lane = {
        key,
        pid: event.pid,
        tid: event.tid,
        nodeLabel: processNames.get(event.pid) || `Process ${event.pid}`,
        workerLabel: threadNames.get(key) || `Thread ${event.tid}`,
        bars: [],
      };
      lanes.set(key, lane);
    }
    const bar = barOf(event, index);
    lane.bars.push(bar);
    barCount++;
    startUs = Math.min(startUs, bar.startUs);
    endUs = Math.max(endUs, bar.startUs + bar.durUs);
  });

  const ordered = [...lanes.values()].sort((a, b) => a.pid - b.pid || a.tid - b.tid);
  for (const lane of ordered) lane.bars.sort((a, b) => a.startUs - b.startUs);
  const groups: TimelineGroup[] = [];
  for (const lane of ordered) {
    const last = groups.at(-1);
    if (last && last.pid === lane.pid) last.lanes.push(lane);
    else groups.push({ pid: lane.pid, label: lane.nodeLabel, lanes: [lane] });
  }
  if (barCount === 0) {
    startUs = 0;
    endUs = 0;
  }
  return { groups, lanes: ordered, barCount, startUs, endUs };
}

/** The whole trace, never narrower than 1 ms so a single instant still shows. */
export function fullWindow(model: TimelineModel): TimeWindow {
  const width = Math.max(model.endUs - model.startUs, 1000);
  return { startUs: model.startUs, endUs: model.startUs + width };
}

const MIN_WIDTH_US = 10;

function clampWindow(start: number, width: number, bounds: TimeWindow): TimeWindow {
  const boundsWidth = bounds.endUs - bounds.startUs;
  const w = Math.min(Math.max(width, Math.min(MIN_WIDTH_US, boundsWidth)), boundsWidth);
  const s = Math.min(Math.max(start, bounds.startUs), bounds.endUs - w);
  return { startUs: s, endUs: s + w };
}

/**
 * Zooms by `factor` (> 1 zooms in) keeping the time under `anchor` (0 = left edge, 1 = right
 * edge) in place, inside `bounds`.
 */
export function zoomWindow(
  window: TimeWindow,
  factor: number,
  anchor: number,
  bounds: TimeWindow,
): TimeWindow {
  const width = window.endUs - window.startUs;
  const a = Math.min(Math.max(anchor, 0), 1);
  const pivot = window.startUs + width * a;
  const next = width / factor;
  return clampWindow(pivot - next * a, next, bounds);
}

/** Moves the window by `fraction` of its width (negative = earlier), inside `bounds`. */
export function panWindow(window: TimeWindow, fraction: number, bounds: TimeWindow): TimeWindow {
  const width = window.endUs - window.startUs;
  return clampWindow(window.startUs + width * fraction, width, bounds);
}

/** Position in px of time `us` in a chart `widthPx` wide showing `window`. */
export function timeToX(us: number, window: TimeWindow, widthPx: number): number {
  return ((us - window.startUs) / (window.endUs - window.startUs)) * widthPx;
}

/** The bars of a lane that overlap the window. */
export function barsInWindow(bars: TimelineBar[], window: TimeWindow): TimelineBar[] {
  return bars.filter((b) => b.startUs <= window.endUs && b.startUs + b.durUs >= window.startUs);
}

const STEPS_US = [1, 2, 5]
  .flatMap((m) => [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10].map((p) => m * p))
  .sort((a, b) => a - b);

/** Round tick times (µs) across the window, about `target` of them. */
export function ticks(window: TimeWindow, target = 6): number[] {
  const width = window.endUs - window.startUs;
  if (width <= 0) return [window.startUs];
  const step = STEPS_US.find((s) => width / s <= target) ?? STEPS_US.at(-1)!;
  const first = Math.ceil(window.startUs / step) * step;
  const out: number[] = [];
  for (let t = first; t <= window.endUs; t += step) out.push(t);
  return out;
}

/** Which lanes intersect a scrolled viewport: [first, last) indexes, with `overscan` extra. */
export function visibleLaneRange(
  laneCount: number,
  laneHeight: number,
  scrollTop: number,
  viewportHeight: number,
  overscan = 4,
): [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / laneHeight) - overscan);
  const last = Math.min(laneCount, Math.ceil((scrollTop + viewportHeight) / laneHeight) + overscan);
  return [first, Math.max(first, last)];
}

/** The trace of one job (lane names kept); the whole trace for job ''. */
export function traceOfJob(trace: ChromeTraceEvent[], jobId: string): ChromeTraceEvent[] {
  if (!jobId) return trace;
  return trace.filter((e) => e.ph === 'M' || e.args?.job_id === jobId);
}

/** The job ids the trace's spans belong to, sorted. */
export function traceJobs(trace: ChromeTraceEvent[]): string[] {
  const jobs = new Set<string>();
  for (const e of trace)
    if (e.ph === 'X' && typeof e.args?.job_id === 'string') jobs.add(e.args.job_id);
  return [...jobs].sort();
}
