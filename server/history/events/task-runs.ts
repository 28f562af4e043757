import { gather, grow } from './growable.ts';
import { compareStrings } from './string-pool.ts';
import { stringOrder } from './sort-order.ts';
import { TASK_NUMBER_COLUMNS, TASK_TEXT_COLUMNS, mapColumns } from './task-columns.ts';
import type { NumberColumns, TextColumns } from './task-columns.ts';
import type { TaskTableBuilder } from './task-table-builder.ts';
import { taskStateRank } from './task-states.ts';

// A builder's task attempts as a sorted run: rows in canonical order (task id, then attempt),
// strings as ids into a sorted pool (so ids compare as the strings do), and each row's
// transitions and spans as a sorted range of flat arrays. A parse worker makes its run before it
// answers `finish`, in parallel with the other workers; the request thread then only merges the
// runs (task-table.ts, freezeTasks), one linear pass, instead of re-keying every row through a
// Map, sorting them and walking linked lists, serially, at the end of every load.

/**
 * The transitions and profile spans of a table's rows, columns of pool ids and times (a run's
 * ids are into its own pool, a table's into its string pool); where each row's start is kept
 * differs (offsets in a run, `transitionStart` and `spanRow` in a table).
 */
export interface EventColumns {
  transitionState: Int32Array;
  transitionTime: Float64Array;
  spanName: Int32Array;
  spanWorker: Int32Array;
  spanNodeIp: Int32Array;
  spanStart: Float64Array;
  spanEnd: Float64Array;
}

export interface TaskRun extends EventColumns {
  /** Sorted (code-unit order); id 0 is ''. */
  pool: string[];
  count: number;
  /** Ascending; the attempts of one task are adjacent, by attempt number. */
  taskIds: string[];
  attempt: Int32Array;
  hasDefinition: Uint8Array;
  text: TextColumns;
  numbers: NumberColumns;
  /** Row r's transitions are [transitionOffset[r], transitionOffset[r + 1]), by time, then
   * lifecycle rank, then state. */
  transitionOffset: Int32Array;
  /** Row r's spans are [spanOffset[r], spanOffset[r + 1]), by start, end, name, worker, node IP. */
  spanOffset: Int32Array;
}

const NONE = -1;

/** The typed arrays of a run (what crosses threads by transfer, not copy). */
export function runArrays(run: TaskRun): ArrayBufferView[] {
  return [
    run.attempt,
    run.hasDefinition,
    ...Object.values(run.text),
    ...Object.values(run.numbers),
    run.transitionOffset,
    run.transitionState,
    run.transitionTime,
    run.spanOffset,
    run.spanName,
    run.spanWorker,
    run.spanNodeIp,
    run.spanStart,
    run.spanEnd,
  ];
}

/** The builder's rows as a sorted run. */
export function taskRun(b: TaskTableBuilder): TaskRun {
  const n = b.count;
  const order = canonicalOrder(b);
  const { pool, remap } = sortedPool(b.pool.values);
  const taskIds = new Array<string>(n);
  for (let i = 0; i < n; i++) taskIds[i] = b.taskIds[order[i]!]!;
  const remapped = (column: Int32Array) => {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = remap[column[order[i]!]!]!;
    return out;
  };
  return {
    pool,
    count: n,
    taskIds,
    attempt: gather(b.attempt.subarray(0, n), order),
    hasDefinition: gather(b.hasDefinition.subarray(0, n), order),
    text: mapColumns(TASK_TEXT_COLUMNS, (name) => remapped(b.text[name])),
    numbers: mapColumns(TASK_NUMBER_COLUMNS, (name) =>
      gather(b.numbers[name].subarray(0, n), order),
    ),
    ...sortedTransitions(b, order, remap, pool),
    ...sortedSpans(b, order, remap),
  };
}

/** The pool's strings sorted, and old id -> new id. */
function sortedPool(values: readonly string[]): { pool: string[]; remap: Int32Array } {
  const order = stringOrder(values);
  const pool = new Array<string>(values.length);
  const remap = new Int32Array(values.length);
  for (let i = 0; i < order.length; i++) {
    pool[i] = values[order[i]!]!;
    remap[order[i]!] = i;
  }
  return { pool, remap };
}

/** Every row number, in (task id, attempt) order. */
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
      order[i++] = first;
      continue;
    }
    attempts.length = 0;
    for (let r = first; r !== NONE; r = b.nextAttempt[r]!) attempts.push(r);
    attempts.sort(byAttempt);
    for (const r of attempts) order[i++] = r;
  }
  return order;
}

/**
 * One row's transitions or spans (item numbers), read from the builder's linked list and sorted:
 * a scratch buffer reused for every row, so nothing is allocated per row.
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
   * more than the sorting. Same result as Array#sort: the comparators order distinct entries
   * totally.
   */
  sort(compare: (x: number, y: number) => number): void {
    sortRange(this.items, 0, this.count, compare);
  }
}

/** Stable insertion sort of items[from, to). */
export function sortRange(
  items: Int32Array,
  from: number,
  to: number,
  compare: (x: number, y: number) => number,
): void {
  for (let i = from + 1; i < to; i++) {
    const item = items[i]!;
    let j = i - 1;
    while (j >= from && compare(items[j]!, item) > 0) {
      items[j + 1] = items[j]!;
      j--;
    }
    items[j + 1] = item;
  }
}

function sortedTransitions(
  b: TaskTableBuilder,
  order: Int32Array,
  remap: Int32Array,
  pool: string[],
) {
  const n = order.length;
  const { transitionHead: head, transitionNext: next } = b;
  const { transitionState: states, transitionTime: times } = b;
  const transitionOffset = new Int32Array(n + 1);
  const transitionState = new Int32Array(b.transitionCount);
  const transitionTime = new Float64Array(b.transitionCount);
  const rank = Int32Array.from(pool, (state) => taskStateRank(state));
  const byTimeRankState = (x: number, y: number) =>
    times[x]! - times[y]! ||
    rank[remap[states[x]!]!]! - rank[remap[states[y]!]!]! ||
    remap[states[x]!]! - remap[states[y]!]!;
  const row = new RowItems();
  let k = 0;
  for (let i = 0; i < n; i++) {
    transitionOffset[i] = k;
    row.read(head[order[i]!]!, next);
    row.sort(byTimeRankState);
    for (let p = 0; p < row.count; p++) {
      const t = row.items[p]!;
      transitionState[k] = remap[states[t]!]!;
      transitionTime[k++] = times[t]!;
    }
  }
  transitionOffset[n] = k;
  return { transitionOffset, transitionState, transitionTime };
}

function sortedSpans(b: TaskTableBuilder, order: Int32Array, remap: Int32Array) {
  const n = order.length;
  const total = b.spanCount;
  const { spanHead: head, spanNext: next, spanName: names, spanWorker: workers } = b;
  const { spanNodeIp: ips, spanStart: starts, spanEnd: ends } = b;
  const spanOffset = new Int32Array(n + 1);
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
    spanOffset[i] = k;
    row.read(head[order[i]!]!, next);
    if (row.count > 1) row.sort(bySpan);
    for (let p = 0; p < row.count; p++) {
      const s = row.items[p]!;
      spanName[k] = remap[names[s]!]!;
      spanWorker[k] = remap[workers[s]!]!;
      spanNodeIp[k] = remap[ips[s]!]!;
      spanStart[k] = starts[s]!;
      spanEnd[k++] = ends[s]!;
    }
  }
  spanOffset[n] = k;
  return { spanOffset, spanName, spanWorker, spanNodeIp, spanStart, spanEnd };
}

/**
 * Sorted string lists merged into one sorted list without repeats, and for each list its
 * old id -> merged id.
 */
export function mergeSortedStrings(lists: readonly (readonly string[])[]): {
  values: string[];
  remaps: Int32Array[];
} {
  const k = lists.length;
  const remaps = lists.map((list) => new Int32Array(list.length));
  const at = new Int32Array(k);
  const values: string[] = [];
  for (;;) {
    let min: string | undefined;
    for (let j = 0; j < k; j++) {
      const value = lists[j]![at[j]!];
      if (value !== undefined && (min === undefined || compareStrings(value, min) < 0)) min = value;
    }
    if (min === undefined) return { values, remaps };
    const id = values.length;
    values.push(min);
    for (let j = 0; j < k; j++) if (lists[j]![at[j]!] === min) remaps[j]![at[j]!++] = id;
  }
}
