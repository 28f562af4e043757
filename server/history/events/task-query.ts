import {
  RAY_TASK_FIELDS,
  type RayTask,
  type RayTaskField,
  type TaskPage,
} from '../../../contract/ray.ts';
import { normalizeId } from './ids.ts';
import type { SessionSnapshot } from './snapshot.ts';
import { taskRow } from './task-row.ts';
import { sameTaskId, taskIdEquals } from './task-ids.ts';
import { TaskRowJson, fieldIndices } from './task-row-json.ts';
import { asciiRun, JsonBytes } from './json-bytes.ts';
import { sortedRows, type TaskSortKey } from './task-sort.ts';
import type { IntField } from './task-records.ts';
import { AllRowsExcept, ListedRows, type PassRows } from './pass-rows.ts';
import { firstRowOfTask, type TaskTable } from './task-table.ts';
import { taskStateRank } from './task-states.ts';
import { dictionary } from './dictionary.ts';

// `/api/v0/tasks`: filter, count per state, sort and page a session's task attempts without
// materialising more than the page.

export const TASK_FILTER_KEYS = [
  'task_type',
  'job_id',
  'task_id',
  'actor_id',
  'task_name',
  'state',
  'node_id',
  'func_or_class_name',
  'error_type',
  'worker_id',
] as const;
export type TaskFilterKey = (typeof TASK_FILTER_KEYS)[number];

export interface TaskFilter {
  key: TaskFilterKey;
  predicate: '=' | '!=';
  value: string;
}

export interface TaskQuery {
  filters?: TaskFilter[];
  /** Leave out driver tasks (default true, as Ray does). */
  excludeDriver?: boolean;
  offset?: number;
  /** Default 100. */
  limit?: number;
  /** Default: task id, then attempt. */
  sortBy?: TaskSortKey;
  order?: 'asc' | 'desc';
  /** With state transitions (`events`); default true. */
  detail?: boolean;
  /** Only these fields of each attempt (our addition, `columns=`); default all. */
  columns?: readonly RayTaskField[];
}

type RowTest = (row: number) => boolean;

/** Matches a pool-backed column against one value (-1 when the value never occurs). */
function columnEquals(t: TaskTable, column: IntField, value: string): RowTest {
  const id = t.pool.idOf(value);
  return (row) => column.at(row) === id;
}

function equalsTest(t: TaskTable, f: TaskFilter): RowTest {
  const text = t.text;
  switch (f.key) {
    case 'task_type':
      return columnEquals(t, text.type, f.value.toUpperCase());
    case 'job_id':
      return columnEquals(t, text.jobId, normalizeId(f.value));
    case 'task_id': {
      return taskIdEquals(t, normalizeId(f.value));
    }
    case 'actor_id':
      return columnEquals(t, text.actorId, normalizeId(f.value));
    case 'task_name': {
      const id = t.pool.idOf(f.value);
      return (row) => (text.name.at(row) || text.funcOrClassName.at(row)) === id;
    }
    case 'state':
      return columnEquals(t, t.state, f.value.toUpperCase());
    case 'node_id':
      return columnEquals(t, text.nodeId, normalizeId(f.value));
    case 'func_or_class_name':
      return columnEquals(t, text.funcOrClassName, f.value);
    case 'error_type':
      return columnEquals(t, text.errorType, f.value);
    case 'worker_id':
      return columnEquals(t, text.workerId, normalizeId(f.value));
  }
}

function compile(t: TaskTable, query: TaskQuery): RowTest {
  const tests: RowTest[] = (query.filters ?? []).map((f) => {
    const equals = equalsTest(t, f);
    return f.predicate === '!=' ? (row: number) => !equals(row) : equals;
  });
  if (query.excludeDriver ?? true) {
    const driver = t.pool.idOf('DRIVER_TASK');
    tests.push((row) => t.text.type.at(row) !== driver);
  }
  return (row) => tests.every((test) => test(row));
}

/** Per-state counts, keyed in lifecycle order. */
function stateCounts(t: TaskTable, perStateId: Int32Array): Record<string, number> {
  const states = [...perStateId.keys()]
    .filter((id) => perStateId[id]! > 0)
    .map((id) => t.pool.get(id))
    .sort((a, b) => taskStateRank(a) - taskStateRank(b) || (a < b ? -1 : 1));
  const out = dictionary<number>();
  for (const state of states) out[state] = perStateId[t.pool.idOf(state)]!;
  return out;
}

/**
 * One filter-and-sort pass over every attempt: the matching rows in page order and the counts.
 * Paging through a million attempts asks for the same pass again and again with only the
 * offset changed, so the last few passes of each snapshot are kept (up to 4 bytes per row).
 */
interface TaskScan {
  rows: PassRows;
  perState: Int32Array;
  total: number;
  /** perState as Ray's `state_counts`, made on the first page asked. */
  stateCounts?: Record<string, number>;
}

const MAX_SCANS_PER_SNAPSHOT = 8;
const scans = new WeakMap<SessionSnapshot, Map<string, TaskScan>>();

function scanKey(query: TaskQuery): string {
  return JSON.stringify([
    (query.filters ?? []).map((f) => [f.key, f.predicate, f.value]),
    query.excludeDriver ?? true,
    query.sortBy ?? 'task_id',
    query.order ?? 'asc',
  ]);
}

function scan(snapshot: SessionSnapshot, query: TaskQuery): TaskScan {
  const t = snapshot.tasks;
  const matches = compile(t, query);
  const perState = new Int32Array(t.pool.size);
  // Tested in row order, so the task records are read front to back, not scattered in sort order.
  const matching = new Int32Array(t.count);
  let filtered = 0;
  for (let r = 0; r < t.count; r++) {
    if (!matches(r)) continue;
    perState[t.state.at(r)]!++;
    matching[filtered++] = r;
  }
  const byTaskId = matching.subarray(0, filtered);
  let rows: PassRows;
  if (query.sortBy && query.sortBy !== 'task_id')
    rows = new ListedRows(
      inSortOrder(snapshot, query.sortBy, query.order ?? 'asc', byTaskId, t.count),
    );
  else if (filtered * 2 >= t.count)
    rows = new AllRowsExcept(t.count, rowsNotIn(byTaskId, t.count), query.order === 'desc');
  else
    rows = new ListedRows(query.order === 'desc' ? byTaskId.slice().reverse() : byTaskId.slice());
  return { rows, perState, total: countConsidered(t, query.excludeDriver ?? true) };
}

/** The rows below `count` not in `rows` (both ascending). */
function rowsNotIn(rows: Int32Array, count: number): Int32Array {
  const out = new Int32Array(count - rows.length);
  let n = 0;
  let next = 0;
  for (let r = 0; r < count; r++) {
    if (next < rows.length && rows[next] === r) next++;
    else out[n++] = r;
  }
  return out;
}

/** These rows (ascending) in the order of a sort key; rows without a value last either way. */
function inSortOrder(
  snapshot: SessionSnapshot,
  key: TaskSortKey,
  order: 'asc' | 'desc',
  rows: Int32Array,
  count: number,
): Int32Array {
  const selected = new Uint8Array(count);
  for (let i = 0; i < rows.length; i++) selected[rows[i]!] = 1;
  const out = new Int32Array(rows.length);
  let n = 0;
  const { rows: sorted, withValue } = sortedRows(snapshot, key);
  if (order === 'desc') {
    for (let i = withValue - 1; i >= 0; i--) if (selected[sorted[i]!]) out[n++] = sorted[i]!;
  } else for (let i = 0; i < withValue; i++) if (selected[sorted[i]!]) out[n++] = sorted[i]!;
  for (let i = withValue; i < sorted.length; i++) if (selected[sorted[i]!]) out[n++] = sorted[i]!;
  return out;
}

/** The pass for this query, from the snapshot's recent passes when it was asked before. */
function cachedScan(snapshot: SessionSnapshot, query: TaskQuery): TaskScan {
  let recent = scans.get(snapshot);
  if (!recent) scans.set(snapshot, (recent = new Map()));
  const key = scanKey(query);
  const hit = recent.get(key);
  if (hit) {
    recent.delete(key);
    recent.set(key, hit);
    return hit;
  }
  const fresh = scan(snapshot, query);
  recent.set(key, fresh);
  if (recent.size > MAX_SCANS_PER_SNAPSHOT) recent.delete(recent.keys().next().value!);
  return fresh;
}

/** The rows of one page and the figures every page of the same filter and sort shares. */
interface PageRows {
  rows: Int32Array;
  total: number;
  filtered: number;
  stateCounts: Record<string, number>;
}

function pageRows(snapshot: SessionSnapshot, query: TaskQuery): PageRows {
  const offset = Math.max(0, Math.floor(query.offset ?? 0));
  const limit = Math.max(0, Math.floor(query.limit ?? 100));
  const scan = cachedScan(snapshot, query);
  return {
    rows: scan.rows.page(offset, limit),
    total: scan.total,
    filtered: scan.rows.length,
    stateCounts: (scan.stateCounts ??= stateCounts(snapshot.tasks, scan.perState)),
  };
}

export function queryTasks(snapshot: SessionSnapshot, query: TaskQuery = {}): TaskPage {
  const { rows, total, filtered, stateCounts } = pageRows(snapshot, query);
  return {
    total,
    num_after_truncation: total,
    num_filtered: filtered,
    result: Array.from(rows, (row) =>
      chosenFields(taskRow(snapshot.tasks, row, query.detail ?? true), query.columns),
    ),
    // A copy: the counts are shared by every page of the pass.
    state_counts: Object.assign(dictionary<number>(), stateCounts),
  };
}

/** `task` with only the fields in `columns` (all when none are named), in Ray's order. */
function chosenFields(task: RayTask, columns: readonly RayTaskField[] | undefined): RayTask {
  if (!columns?.length) return task;
  const kept = dictionary<unknown>();
  for (const name of RAY_TASK_FIELDS) if (columns.includes(name)) kept[name] = task[name];
  return kept as unknown as RayTask;
}

/** One writer for every page: pages are written synchronously, one at a time. */
const pageBytes = new JsonBytes();
/** Copied, not encoded: `append` is a native string write per call. */
const ROW_SEPARATOR = asciiRun(',');

/**
 * Ray's answer to `/api/v0/tasks` as JSON bytes: the page of queryTasks with the list API's
 * `partial_failure_warning` and `warnings`, written without building the rows as objects
 * (identical to JSON.stringify of the same object; the tests hold the two equal). `envelope`
 * wraps it: the text before and after the list object.
 */
export function taskListJson(
  snapshot: SessionSnapshot,
  query: TaskQuery = {},
  envelope: readonly [string, string] = ['', ''],
): Buffer {
  writeTaskList(snapshot, query, envelope);
  return pageBytes.take();
}

/** A page left in the shared writer's buffer instead of copied out (`JsonBytes.lend`). */
export interface LentTaskList {
  /** Valid until the next page is written, unless `keep` is called before. */
  bytes: Buffer;
  /** The bytes are needed after this turn (sent later): the writer leaves them to the caller. */
  keep(): void;
}

/** `taskListJson` without the copy, for a caller done with the bytes within this turn. */
export function lentTaskListJson(
  snapshot: SessionSnapshot,
  query: TaskQuery = {},
  envelope: readonly [string, string] = ['', ''],
): LentTaskList {
  writeTaskList(snapshot, query, envelope);
  return { bytes: pageBytes.lend(), keep: keepLentPage };
}

function keepLentPage(): void {
  pageBytes.keepLent();
}

function writeTaskList(
  snapshot: SessionSnapshot,
  query: TaskQuery,
  envelope: readonly [string, string],
): void {
  const { rows, total, filtered, stateCounts } = pageRows(snapshot, query);
  const out = pageBytes;
  const writer = new TaskRowJson(snapshot.tasks, out);
  const detail = query.detail ?? true;
  out.append(
    `${envelope[0]}{"total":${total},"num_after_truncation":${total},"num_filtered":${filtered},"result":[`,
  );
  writer.prefetch(rows, detail);
  // No field named is read as every field, as JSON has no empty row to write for it.
  const wanted = query.columns?.length ? fieldIndices(query.columns) : null;
  for (let i = 0; i < rows.length; i++) {
    if (i > 0) out.run(ROW_SEPARATOR);
    if (wanted) writer.fields(rows[i]!, detail, wanted);
    else writer.row(rows[i]!, detail);
  }
  out.append(
    `],"state_counts":${JSON.stringify(stateCounts)},"partial_failure_warning":null,"warnings":null}${envelope[1]}`,
  );
}

function countConsidered(t: TaskTable, excludeDriver: boolean): number {
  if (!excludeDriver) return t.count;
  const driver = t.pool.idOf('DRIVER_TASK');
  let n = 0;
  for (let r = 0; r < t.count; r++) if (t.text.type.at(r) !== driver) n++;
  return n;
}

/** Every attempt of one task, oldest first (empty when unknown). */
export function taskAttempts(snapshot: SessionSnapshot, taskId: string): RayTask[] {
  const t = snapshot.tasks;
  const id = normalizeId(taskId);
  const out: RayTask[] = [];
  const first = firstRowOfTask(t, id);
  if (first === -1) return out;
  for (let r = first; r < t.count && sameTaskId(t, r, first); r++) out.push(taskRow(t, r));
  return out;
}
