import { gather, grow } from './growable.ts';
import { actorOfTaskId, taskTypeFromId } from './ids.ts';
import { StringPool, compareStrings } from './string-pool.ts';
import { storeTaskId, taskIdOf, type TaskIdsOf } from './task-ids.ts';
import { mergeColumns, newTaskRecords, type IntField } from './task-records.ts';
import { mergeSortedStrings, sortRange, type EventColumns, type TaskRun } from './task-runs.ts';
import { approxPoolJsonBytes } from './task-row-json.ts';
import { isEndState, taskStateRank } from './task-states.ts';

// The frozen, query-ready task attempts of one session. Rows are in canonical order (task id,
// then attempt) and string ids follow string order, so nothing depends on event arrival order.
// Transitions and profile spans are stored per row as ranges of flat arrays (CSR).

/** Rows are sorted by task id (task-ids.ts: `taskIdOf`); the attempts of one task are adjacent. */
/** Transitions of all rows, by row (see `transitionStart`); spans likewise (see `spanRow`). */
export interface TaskTable extends TaskIdsOf, EventColumns {
  count: number;
  pool: StringPool;
  hasDefinition: Uint8Array;
  /** The row of each span, ascending: a row's spans are adjacent, sorted by time. */
  spanRow: Int32Array;
}

const NONE = -1;

/** The table of these runs' attempts (task-runs.ts): one attempt in several runs is combined. */
export function freezeTasks(runs: readonly TaskRun[]): TaskTable {
  const merged = mergeRows(runs);
  const listed = listedRows(merged);
  const n = listed.length;
  const { pool, remaps } = mergedPool(runs, merged);
  const records = newTaskRecords(n);
  // Each run's row of each listed attempt (all are listed but restart echoes).
  const sources =
    n === merged.count ? merged.sources : merged.sources.map((rows) => gather(rows, listed));
  mergeColumns(records, runs, sources, remaps);
  const oddTaskIds = new Map<number, string>();
  const hasDefinition = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const m = listed[i]!;
    const taskId = merged.taskIds[m]!;
    records.attempt.set(i, merged.attempt[m]!);
    if (!storeTaskId(records, i, taskId)) oddTaskIds.set(i, taskId);
    if (merged.defined[m]) {
      hasDefinition[i] = 1;
      continue;
    }
    if (records.text.type.at(i) === 0) records.text.type.set(i, pool.idOf(taskTypeFromId(taskId)));
    if (records.text.actorId.at(i) === 0)
      records.text.actorId.set(i, pool.idOf(actorOfTaskId(taskId)));
  }
  const table: TaskTable = {
    ...records,
    count: n,
    pool,
    oddTaskIds,
    hasDefinition,
    ...mergeTransitions(runs, sources, remaps, pool, records.transitionStart),
    ...mergeSpans(runs, sources, remaps),
  };
  deriveStateAndTimes(table);
  return table;
}

/** The distinct attempts of all runs, in (task id, attempt) order, and each run's row of them. */
interface MergedRows {
  count: number;
  taskIds: string[];
  attempt: Int32Array;
  /** Whether any run has the attempt's definition. */
  defined: Uint8Array;
  /** Per run: its row of each merged attempt, or -1. */
  sources: Int32Array[];
}

function mergeRows(runs: readonly TaskRun[]): MergedRows {
  const k = runs.length;
  let most = 0;
  for (const run of runs) most += run.count;
  const taskIds = new Array<string>(most);
  const attempt = new Int32Array(most);
  const defined = new Uint8Array(most);
  const sources = runs.map(() => new Int32Array(most).fill(NONE));
  const at = new Int32Array(k);
  let m = 0;
  for (;;) {
    // The smallest (task id, attempt) at the runs' heads.
    let first = NONE;
    for (let j = 0; j < k; j++) {
      if (at[j]! === runs[j]!.count) continue;
      if (first === NONE || isBefore(runs[j]!, at[j]!, runs[first]!, at[first]!)) first = j;
    }
    if (first === NONE) break;
    const taskId = runs[first]!.taskIds[at[first]!]!;
    const number = runs[first]!.attempt[at[first]!]!;
    taskIds[m] = taskId;
    attempt[m] = number;
    for (let j = first; j < k; j++) {
      const run = runs[j]!;
      const row = at[j]!;
      if (row === run.count || run.attempt[row] !== number || run.taskIds[row] !== taskId) continue;
      sources[j]![m] = row;
      if (run.hasDefinition[row]) defined[m] = 1;
      at[j] = row + 1;
    }
    m++;
  }
  return {
    count: m,
    taskIds,
    attempt,
    defined,
    sources: sources.map((rows) => rows.subarray(0, m)),
  };
}

function isBefore(a: TaskRun, x: number, b: TaskRun, y: number): boolean {
  const idA = a.taskIds[x]!;
  const idB = b.taskIds[y]!;
  return idA < idB || (idA === idB && a.attempt[x]! < b.attempt[y]!);
}

/**
 * Merged attempts listed: all but a restarted actor's restart echoes. Its creation task reports
 * each restart as a lifecycle event under a new attempt number, with no definition: Ray lists
 * only the defined attempt, and so do we.
 */
function listedRows(merged: MergedRows): Int32Array {
  const listed = new Int32Array(merged.count);
  let n = 0;
  for (let m = 0; m < merged.count; m++) {
    const echo =
      !merged.defined[m] &&
      merged.attempt[m]! > 0 &&
      taskTypeFromId(merged.taskIds[m]!) === 'ACTOR_CREATION_TASK';
    if (!echo) listed[n++] = m;
  }
  return listed.subarray(0, n);
}

/**
 * The runs' pools merged, with the strings the freeze adds: NIL, and the type and actor a task
 * id implies, for attempts without a definition.
 */
function mergedPool(
  runs: readonly TaskRun[],
  merged: MergedRows,
): { pool: StringPool; remaps: Int32Array[] } {
  const added = new Set<string>(['NIL']);
  for (let m = 0; m < merged.count; m++) {
    if (merged.defined[m]) continue;
    added.add(taskTypeFromId(merged.taskIds[m]!));
    added.add(actorOfTaskId(merged.taskIds[m]!));
  }
  const { values, remaps } = mergeSortedStrings([
    ...runs.map((run) => run.pool),
    [...added].sort(compareStrings),
  ]);
  const pool = new StringPool();
  for (const value of values) pool.intern(value);
  return { pool, remaps };
}

/**
 * One row's transitions or spans gathered from its runs, as numbers into a scratch list reused
 * for every row, so the freeze allocates nothing per row.
 */
class Scratch {
  items = new Int32Array(16);
  count = 0;

  push(item: number): void {
    if (this.count === this.items.length) this.items = grow(this.items, this.count + 1);
    this.items[this.count++] = item;
  }
}

/** More than one run: see `runWithItems`. */
const SEVERAL = -2;
const transitionOffsetOf = (run: TaskRun) => run.transitionOffset;
const spanOffsetOf = (run: TaskRun) => run.spanOffset;

/**
 * The one run holding items (transitions or spans, ranged by `offsetsOf`) for merged row `i`:
 * its index; NONE when no run does, SEVERAL when more than one does (they must be merged).
 */
function runWithItems(
  runs: readonly TaskRun[],
  sources: Int32Array[],
  i: number,
  offsetsOf: (run: TaskRun) => Int32Array,
): number {
  let only = NONE;
  for (let j = 0; j < runs.length; j++) {
    const r = sources[j]![i]!;
    if (r === NONE) continue;
    const offsets = offsetsOf(runs[j]!);
    if (offsets[r] === offsets[r + 1]) continue;
    if (only !== NONE) return SEVERAL;
    only = j;
  }
  return only;
}

function mergeTransitions(
  runs: readonly TaskRun[],
  sources: Int32Array[],
  remaps: Int32Array[],
  pool: StringPool,
  transitionStart: IntField,
) {
  const n = sources[0]?.length ?? 0;
  let total = 0;
  for (const run of runs) total += run.transitionState.length;
  const transitionState = new Int32Array(total);
  const transitionTime = new Float64Array(total);
  const rank = Int32Array.from(pool.values, (state) => taskStateRank(state));
  // A row in several runs: its transitions of all of them, in one sorted list, without repeats.
  const states = new Int32Array(total);
  const times = new Float64Array(total);
  const byTimeRankState = (x: number, y: number) =>
    times[x]! - times[y]! || rank[states[x]!]! - rank[states[y]!]! || states[x]! - states[y]!;
  const row = new Scratch();
  let k = 0;
  for (let i = 0; i < n; i++) {
    transitionStart.set(i, k);
    const only = runWithItems(runs, sources, i, transitionOffsetOf);
    if (only === NONE) continue;
    if (only !== SEVERAL) {
      // The common case: the run's list is final, but for the pool ids.
      const run = runs[only]!;
      const remap = remaps[only]!;
      const r = sources[only]![i]!;
      for (let t = run.transitionOffset[r]!; t < run.transitionOffset[r + 1]!; t++) {
        transitionState[k] = remap[run.transitionState[t]!]!;
        transitionTime[k++] = run.transitionTime[t]!;
      }
      continue;
    }
    row.count = 0;
    let used = 0;
    for (let j = 0; j < runs.length; j++) {
      const r = sources[j]![i]!;
      if (r === NONE) continue;
      const run = runs[j]!;
      for (let t = run.transitionOffset[r]!; t < run.transitionOffset[r + 1]!; t++) {
        states[used] = remaps[j]![run.transitionState[t]!]!;
        times[used] = run.transitionTime[t]!;
        row.push(used++);
      }
    }
    sortRange(row.items, 0, row.count, byTimeRankState);
    for (let p = 0; p < row.count; p++) {
      const t = row.items[p]!;
      const previous = p > 0 ? row.items[p - 1]! : NONE;
      if (previous !== NONE && states[previous] === states[t] && times[previous] === times[t])
        continue;
      transitionState[k] = states[t]!;
      transitionTime[k++] = times[t]!;
    }
  }
  transitionStart.set(n, k);
  if (k === total) return { transitionState, transitionTime };
  return {
    transitionState: transitionState.slice(0, k),
    transitionTime: transitionTime.slice(0, k),
  };
}

function mergeSpans(runs: readonly TaskRun[], sources: Int32Array[], remaps: Int32Array[]) {
  const n = sources[0]?.length ?? 0;
  let total = 0;
  for (const run of runs) total += run.spanName.length;
  // One row number per span, not an offset per row: few attempts have spans.
  const spanRow = new Int32Array(total);
  const spanName = new Int32Array(total);
  const spanWorker = new Int32Array(total);
  const spanNodeIp = new Int32Array(total);
  const spanStart = new Float64Array(total);
  const spanEnd = new Float64Array(total);
  // A row in several runs: its spans of all of them, the first run's where two are the same
  // span (same name, times and worker), as a builder keeps the first it was given.
  const names = new Int32Array(total);
  const workers = new Int32Array(total);
  const ips = new Int32Array(total);
  const starts = new Float64Array(total);
  const ends = new Float64Array(total);
  const sameSpanBefore = (x: number, y: number) =>
    starts[x]! - starts[y]! ||
    ends[x]! - ends[y]! ||
    names[x]! - names[y]! ||
    workers[x]! - workers[y]!;
  const isRepeat = (x: number, y: number) =>
    names[x] === names[y] &&
    starts[x] === starts[y] &&
    ends[x] === ends[y] &&
    workers[x] === workers[y];
  const row = new Scratch();
  let k = 0;
  const write = (
    i: number,
    name: number,
    worker: number,
    ip: number,
    start: number,
    end: number,
  ) => {
    spanRow[k] = i;
    spanName[k] = name;
    spanWorker[k] = worker;
    spanNodeIp[k] = ip;
    spanStart[k] = start;
    spanEnd[k++] = end;
  };
  for (let i = 0; i < n; i++) {
    const only = runWithItems(runs, sources, i, spanOffsetOf);
    if (only === NONE) continue;
    if (only !== SEVERAL) {
      const run = runs[only]!;
      const remap = remaps[only]!;
      const r = sources[only]![i]!;
      for (let s = run.spanOffset[r]!; s < run.spanOffset[r + 1]!; s++) {
        const [name, worker, ip] = [run.spanName[s]!, run.spanWorker[s]!, run.spanNodeIp[s]!];
        write(i, remap[name]!, remap[worker]!, remap[ip]!, run.spanStart[s]!, run.spanEnd[s]!);
      }
      continue;
    }
    row.count = 0;
    let used = 0;
    for (let j = 0; j < runs.length; j++) {
      const r = sources[j]![i]!;
      if (r === NONE) continue;
      const run = runs[j]!;
      const remap = remaps[j]!;
      for (let s = run.spanOffset[r]!; s < run.spanOffset[r + 1]!; s++) {
        names[used] = remap[run.spanName[s]!]!;
        workers[used] = remap[run.spanWorker[s]!]!;
        ips[used] = remap[run.spanNodeIp[s]!]!;
        starts[used] = run.spanStart[s]!;
        ends[used] = run.spanEnd[s]!;
        row.push(used++);
      }
    }
    // Stable: of the same span, the first run's stays first. Once those repeats are dropped, no
    // two spans left are equal but for the node IP, so this is also the (…, node IP) order.
    sortRange(row.items, 0, row.count, sameSpanBefore);
    for (let p = 0; p < row.count; p++) {
      const s = row.items[p]!;
      if (p > 0 && isRepeat(row.items[p - 1]!, s)) continue;
      write(i, names[s]!, workers[s]!, ips[s]!, starts[s]!, ends[s]!);
    }
  }
  if (k === total) return { spanRow, spanName, spanWorker, spanNodeIp, spanStart, spanEnd };
  // Spans of attempts left out (restart echoes) or repeated in several runs: no room kept.
  return {
    spanRow: spanRow.slice(0, k),
    spanName: spanName.slice(0, k),
    spanWorker: spanWorker.slice(0, k),
    spanNodeIp: spanNodeIp.slice(0, k),
    spanStart: spanStart.slice(0, k),
    spanEnd: spanEnd.slice(0, k),
  };
}

/** state = last transition; creation = first PENDING_ARGS_AVAIL (none without it: a driver
 * task is only ever RUNNING, and Ray shows no creation time for it); start = first RUNNING;
 * end = last FINISHED/FAILED. */
function deriveStateAndTimes(t: TaskTable): void {
  const nil = t.pool.idOf('NIL');
  const pendingArgs = t.pool.idOf('PENDING_ARGS_AVAIL');
  const running = t.pool.idOf('RUNNING');
  for (let row = 0; row < t.count; row++) {
    const from = t.transitionStart.at(row);
    const to = t.transitionStart.at(row + 1);
    if (to === from) {
      t.state.set(row, nil);
      t.creationMs.set(row, NaN);
      t.startMs.set(row, NaN);
      t.endMs.set(row, NaN);
      continue;
    }
    t.state.set(row, t.transitionState[to - 1]!);
    let creation = NaN;
    let start = NaN;
    let end = NaN;
    for (let k = from; k < to; k++) {
      const state = t.transitionState[k]!;
      const time = t.transitionTime[k]!;
      if (state === pendingArgs && Number.isNaN(creation)) creation = time;
      if (state === running && Number.isNaN(start)) start = time;
      if (isEndState(t.pool.get(state))) end = time;
    }
    t.creationMs.set(row, creation);
    t.startMs.set(row, start);
    t.endMs.set(row, end);
  }
}

/** First row of a task id (binary search over the sorted ids), or -1. */
export function firstRowOfTask(t: TaskTable, taskId: string): number {
  let lo = 0;
  let hi = t.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (taskIdOf(t, mid) < taskId) lo = mid + 1;
    else hi = mid;
  }
  return lo < t.count && taskIdOf(t, lo) === taskId ? lo : -1;
}

export function approxTaskTableBytes(t: TaskTable): number {
  const arrays = [
    t.floats,
    t.hasDefinition,
    t.transitionState,
    t.transitionTime,
    t.spanRow,
    t.spanName,
    t.spanWorker,
    t.spanNodeIp,
    t.spanStart,
    t.spanEnd,
  ];
  // The pool, and the JSON of its strings the tasks page writer keeps.
  let bytes = t.pool.approxBytes() + approxPoolJsonBytes(t.pool);
  for (const a of arrays) bytes += a.byteLength;
  // The ids not in the records: a Map entry and a string each.
  for (const id of t.oddTaskIds.values()) bytes += 64 + id.length;
  return bytes;
}
