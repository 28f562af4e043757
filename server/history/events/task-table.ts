import { gather, grow } from './growable.ts';
import { actorOfTaskId, taskTypeFromId } from './ids.ts';
import { stringOrder } from './sort-order.ts';
import type { StringPool } from './string-pool.ts';
import { TASK_NUMBER_COLUMNS, TASK_TEXT_COLUMNS } from './task-columns.ts';
import { storeTaskId, taskIdOf, type TaskIdsOf } from './task-ids.ts';
import { newTaskRecords, type IntField, type TaskRecords } from './task-records.ts';
import type { TaskTableBuilder } from './task-table-builder.ts';
import { approxPoolJsonBytes } from './task-row-json.ts';
import { isEndState, taskStateRank } from './task-states.ts';

// The frozen, query-ready task attempts of one session. Rows are in canonical order (task id,
// then attempt) and string ids follow string order, so nothing depends on event arrival order.
// Transitions and profile spans are stored per row as ranges of flat arrays (CSR).

/** Rows are sorted by task id (task-ids.ts: `taskIdOf`); the attempts of one task are adjacent. */
export interface TaskTable extends TaskIdsOf {
  count: number;
  pool: StringPool;
  hasDefinition: Uint8Array;
  /** Transitions of all rows, by row (see `transitionStart`). */
  transitionState: Int32Array;
  transitionTime: Float64Array;
  /** The row of each span, ascending: a row's spans are adjacent, sorted by time. */
  spanRow: Int32Array;
  spanName: Int32Array;
  spanWorker: Int32Array;
  spanNodeIp: Int32Array;
  spanStart: Float64Array;
  spanEnd: Float64Array;
}

const NONE = -1;

export function freezeTasks(b: TaskTableBuilder): TaskTable {
  const order = canonicalOrder(b);
  const inferredType = new Int32Array(b.count);
  const inferredActor = new Int32Array(b.count);
  for (let row = 0; row < b.count; row++) {
    if (b.hasDefinition[row]) continue;
    inferredType[row] = b.pool.intern(taskTypeFromId(b.taskIds[row]!));
    inferredActor[row] = b.pool.intern(actorOfTaskId(b.taskIds[row]!));
  }
  b.pool.intern('NIL');
  const { pool, remap } = b.pool.sorted();
  const n = order.length;
  const records = newTaskRecords(n);
  const oddTaskIds = copyRecords(b, order, remap, records);
  for (let i = 0; i < n; i++) {
    const old = order[i]!;
    if (records.text.type.at(i) === 0) records.text.type.set(i, remap[inferredType[old]!]!);
    if (records.text.actorId.at(i) === 0) records.text.actorId.set(i, remap[inferredActor[old]!]!);
  }
  const table: TaskTable = {
    ...records,
    count: n,
    pool,
    oddTaskIds,
    hasDefinition: gather(b.hasDefinition.subarray(0, b.count), order),
    ...freezeTransitions(b, order, remap, records.transitionStart),
    ...freezeSpans(b, order, remap),
  };
  deriveStateAndTimes(table);
  return table;
}

/**
 * The builder's columns and task ids into the records, in canonical order, pool ids remapped;
 * returns the ids that are not stored in a record (task-ids.ts).
 */
function copyRecords(
  b: TaskTableBuilder,
  order: Int32Array,
  remap: Int32Array,
  records: TaskRecords,
): Map<number, string> {
  // Field by field: each loop is a tight gather (record by record through field objects and
  // per-cell closures cost several times more, serial at a load's end).
  const attempts = records.attempt;
  for (let i = 0; i < order.length; i++) attempts.set(i, b.attempt[order[i]!]!);
  for (const name of TASK_TEXT_COLUMNS) records.text[name].setGathered(b.text[name], order, remap);
  for (const name of TASK_NUMBER_COLUMNS) records.numbers[name].setGathered(b.numbers[name], order);
  const oddTaskIds = new Map<number, string>();
  for (let i = 0; i < order.length; i++) {
    const taskId = b.taskIds[order[i]!]!;
    if (!storeTaskId(records, i, taskId)) oddTaskIds.set(i, taskId);
  }
  return oddTaskIds;
}

/**
 * A restarted actor's creation task reports each restart as a lifecycle event under a new attempt
 * number, with no definition: Ray lists only the defined attempt, and so do we.
 */
function isRestartEcho(b: TaskTableBuilder, row: number): boolean {
  return (
    !b.hasDefinition[row] &&
    b.attempt[row]! > 0 &&
    taskTypeFromId(b.taskIds[row]!) === 'ACTOR_CREATION_TASK'
  );
}

/** Old row numbers of the listed attempts, in (task id, attempt) order. */
function canonicalOrder(b: TaskTableBuilder): Int32Array {
  const taskIds = new Array<string>(b.firstRow.size);
  const firstRows = new Int32Array(b.firstRow.size);
  let k = 0;
  for (const [taskId, row] of b.firstRow) {
    taskIds[k] = taskId;
    firstRows[k++] = row;
  }
  const order = new Int32Array(b.count);
  let i = 0;
  const attempts: number[] = [];
  const byAttempt = (x: number, y: number) => b.attempt[x]! - b.attempt[y]!;
  for (const task of stringOrder(taskIds)) {
    const first = firstRows[task]!;
    if (b.nextAttempt[first] === NONE) {
      // One attempt: by far the most common case.
      if (!isRestartEcho(b, first)) order[i++] = first;
      continue;
    }
    attempts.length = 0;
    for (let r = first; r !== NONE; r = b.nextAttempt[r]!)
      if (!isRestartEcho(b, r)) attempts.push(r);
    if (attempts.length > 1) attempts.sort(byAttempt);
    for (const r of attempts) order[i++] = r;
  }
  return order.subarray(0, i);
}

/**
 * One row's transitions or spans (item numbers), read from the builder's linked list and sorted:
 * a scratch buffer reused for every row, so the freeze allocates nothing per row.
 */
class RowItems {
  items = new Int32Array(16);
  count = 0;

  /** The list at `head` (newest first), oldest first: items mostly arrive in time order. */
  read(head: number, next: Int32Array): void {
    let n = 0;
    for (let item = head; item !== NONE; item = next[item]!) {
      if (n === this.items.length) this.items = grow(this.items, n + 1);
      this.items[n++] = item;
    }
    const items = this.items;
    for (let lo = 0, hi = n - 1; lo < hi; lo++, hi--) {
      const item = items[lo]!;
      items[lo] = items[hi]!;
      items[hi] = item;
    }
    this.count = n;
  }

  /**
   * Insertion sort: a row has a handful, nearly in order, and Array#sort's set-up per call cost
   * more than the sorting (100k rows, serial at a load's end). Same result as Array#sort: the
   * comparators order distinct entries totally.
   */
  sort(compare: (x: number, y: number) => number): void {
    const items = this.items;
    for (let i = 1; i < this.count; i++) {
      const item = items[i]!;
      let j = i - 1;
      while (j >= 0 && compare(items[j]!, item) > 0) {
        items[j + 1] = items[j]!;
        j--;
      }
      items[j + 1] = item;
    }
  }
}

function freezeTransitions(
  b: TaskTableBuilder,
  order: Int32Array,
  remap: Int32Array,
  transitionStart: IntField,
) {
  const n = order.length;
  const { transitionHead: head, transitionNext: next } = b;
  const { transitionState: states, transitionTime: times } = b;
  const transitionState = new Int32Array(b.transitionCount);
  const transitionTime = new Float64Array(b.transitionCount);
  const rank = Int32Array.from(b.pool.values, (state) => taskStateRank(state));
  const byTimeRankState = (x: number, y: number) =>
    times[x]! - times[y]! ||
    rank[states[x]!]! - rank[states[y]!]! ||
    remap[states[x]!]! - remap[states[y]!]!;
  const row = new RowItems();
  let k = 0;
  for (let i = 0; i < n; i++) {
    transitionStart.set(i, k);
    row.read(head[order[i]!]!, next);
    row.sort(byTimeRankState);
    for (let p = 0; p < row.count; p++) {
      const t = row.items[p]!;
      transitionState[k] = remap[states[t]!]!;
      transitionTime[k++] = times[t]!;
    }
  }
  transitionStart.set(n, k);
  return { transitionState, transitionTime };
}

function freezeSpans(b: TaskTableBuilder, order: Int32Array, remap: Int32Array) {
  const n = order.length;
  const total = b.spanCount;
  const { spanHead: head, spanNext: next, spanName: names, spanWorker: workers } = b;
  const { spanNodeIp: ips, spanStart: starts, spanEnd: ends } = b;
  // One row number per span, not an offset per row: few attempts have spans.
  const spanRow = new Int32Array(total);
  const spanName = new Int32Array(total);
  const spanWorker = new Int32Array(total);
  const spanNodeIp = new Int32Array(total);
  const spanStart = new Float64Array(total);
  const spanEnd = new Float64Array(total);
  const bySpan = (x: number, y: number) =>
    starts[x]! - starts[y]! ||
    ends[x]! - ends[y]! ||
    remap[names[x]!]! - remap[names[y]!]! ||
    remap[workers[x]!]! - remap[workers[y]!]! ||
    remap[ips[x]!]! - remap[ips[y]!]!;
  const row = new RowItems();
  let k = 0;
  for (let i = 0; i < n; i++) {
    row.read(head[order[i]!]!, next);
    if (row.count > 1) row.sort(bySpan);
    for (let p = 0; p < row.count; p++) {
      const s = row.items[p]!;
      spanRow[k] = i;
      spanName[k] = remap[names[s]!]!;
      spanWorker[k] = remap[workers[s]!]!;
      spanNodeIp[k] = remap[ips[s]!]!;
      spanStart[k] = starts[s]!;
      spanEnd[k++] = ends[s]!;
    }
  }
  if (k === total) return { spanRow, spanName, spanWorker, spanNodeIp, spanStart, spanEnd };
  // The spans of attempts left out (restart echoes) were not written: no room kept for them.
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
