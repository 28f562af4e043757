import type { StringPool } from './string-pool.ts';
import type { TaskTable } from './task-table.ts';
import { isNilId } from './ids.ts';
import { asciiBytes, type JsonBytes } from './json-bytes.ts';
import { PoolBytes } from './pool-bytes.ts';
import { wholeMs } from './time.ts';

// One stored task attempt written straight to the JSON text of its Ray state-API Task object:
// the same bytes `JSON.stringify(taskRow(t, row, detail))` gives (task-row.ts is the reference and
// the tests hold the two equal), without building the object, its nested objects and the
// transitions list for every row of every page. Strings come from the pool, so each distinct
// value is JSON-quoted and encoded once per table and copied by every page after.

type MakeText = (id: number) => string;

interface PoolJson {
  /** JSON text of each pool string. */
  quoted: PoolBytes;
  quote: MakeText;
  /** Id columns as Ray shows them: null for the nil id, else quoted. */
  optionalIds: PoolBytes;
  optionalId: MakeText;
  /** Pool strings holding JSON (resources, label selectors), re-serialised as JSON.stringify would. */
  reserialised: PoolBytes;
  reserialise: MakeText;
}

const poolJson = new WeakMap<StringPool, PoolJson>();

function poolJsonOf(pool: StringPool): PoolJson {
  let cached = poolJson.get(pool);
  if (!cached) {
    cached = {
      quoted: new PoolBytes(pool.size),
      quote: (id) => JSON.stringify(pool.get(id)),
      optionalIds: new PoolBytes(pool.size),
      optionalId: (id) => (isNilId(pool.get(id)) ? 'null' : JSON.stringify(pool.get(id))),
      reserialised: new PoolBytes(pool.size),
      reserialise: (id) => JSON.stringify(JSON.parse(pool.get(id))),
    };
    poolJson.set(pool, cached);
  }
  return cached;
}

/**
 * What the page writer's JSON of a pool's strings may come to (it fills in as pages are asked):
 * offsets for every string in three caches, and each string's text in up to two forms plus
 * the arena's doubling slack. Counted with the snapshot, so the snapshot cache's budget holds it.
 */
export function approxPoolJsonBytes(pool: StringPool): number {
  let text = 0;
  for (const value of pool.values) text += value.length + 2;
  return 3 * 8 * pool.size + 4 * text;
}

/** What the page writer's JSON of a pool's strings holds now (0 before any page). */
export function heldPoolJsonBytes(pool: StringPool): number {
  const cached = poolJson.get(pool);
  if (!cached) return 0;
  return cached.quoted.byteSize + cached.optionalIds.byteSize + cached.reserialised.byteSize;
}

// Every key with the punctuation before it, as bytes once.
const K = {
  taskId: asciiBytes('{"task_id":'),
  attempt: asciiBytes(',"attempt_number":'),
  name: asciiBytes(',"name":'),
  state: asciiBytes(',"state":'),
  jobId: asciiBytes(',"job_id":'),
  actorId: asciiBytes(',"actor_id":'),
  type: asciiBytes(',"type":'),
  funcOrClassName: asciiBytes(',"func_or_class_name":'),
  parentTaskId: asciiBytes(',"parent_task_id":'),
  nodeId: asciiBytes(',"node_id":'),
  workerId: asciiBytes(',"worker_id":'),
  workerPid: asciiBytes(',"worker_pid":'),
  errorType: asciiBytes(',"error_type":'),
  errorMessage: asciiBytes(',"error_message":'),
  language: asciiBytes(',"language":'),
  requiredResources: asciiBytes(',"required_resources":'),
  runtimeEnv: asciiBytes(',"runtime_env_info":{"serialized_runtime_env":'),
  noRuntimeEnv: asciiBytes(',"runtime_env_info":{}'),
  placementGroupId: asciiBytes(',"placement_group_id":'),
  events: asciiBytes(',"events":['),
  noEvents: asciiBytes(',"events":[]'),
  eventState: asciiBytes('{"state":'),
  eventTime: asciiBytes(',"created_ms":'),
  logInfo: asciiBytes(',"task_log_info":'),
  stdoutFile: asciiBytes('"stdout_file":'),
  stderrFile: asciiBytes('"stderr_file":'),
  stdoutStart: asciiBytes('"stdout_start":'),
  stdoutEnd: asciiBytes('"stdout_end":'),
  stderrStart: asciiBytes('"stderr_start":'),
  stderrEnd: asciiBytes('"stderr_end":'),
  callSiteAndLabels: asciiBytes(',"call_site":null,"label_selector":'),
  creationTime: asciiBytes(',"creation_time_ms":'),
  startTime: asciiBytes(',"start_time_ms":'),
  endTime: asciiBytes(',"end_time_ms":'),
  null: asciiBytes('null'),
  emptyObject: asciiBytes('{}'),
  comma: asciiBytes(','),
  openObject: asciiBytes('{'),
  closeObject: asciiBytes('}'),
  closeList: asciiBytes(']'),
};

/** The per-attempt columns a row reads, grouped by element type (one loop shape per group). */
interface RowColumns {
  /** Pool ids, written through the pool's JSON caches. */
  poolIds: Int32Array[];
  ints: Int32Array[];
  floats: Float64Array[];
}

const rowColumns = new WeakMap<TaskTable, RowColumns>();

function rowColumnsOf(t: TaskTable): RowColumns {
  let columns = rowColumns.get(t);
  if (!columns) {
    columns = {
      poolIds: [...Object.values(t.text), t.state],
      ints: [t.attempt, t.transitionOffset],
      floats: [...Object.values(t.numbers), t.creationMs, t.startMs, t.endMs],
    };
    rowColumns.set(t, columns);
  }
  return columns;
}

/** Where the prefetch pass leaves what it read (see `prefetch`). */
let prefetched = 0;

/** Writes rows of one table; build one per page (it holds the table's string caches). */
export class TaskRowJson {
  private readonly t: TaskTable;
  private readonly json: PoolJson;
  private readonly out: JsonBytes;

  constructor(t: TaskTable, out: JsonBytes) {
    this.t = t;
    this.json = poolJsonOf(t.pool);
    this.out = out;
  }

  /**
   * Reads every value `row` will read for these rows, column by column, before any is written.
   * A sorted page's rows lie scattered over the whole table, so nearly each of a row's ~30
   * column reads misses the caches; written row by row, with a few hundred instructions of
   * copying between two reads, the misses come one after another. Here the loads of one column
   * do not depend on each other, so the processor keeps many misses in flight at once, and the
   * writing that follows finds its values in the cache (100 rows × ~40 lines ≈ 250 KB).
   * Measured on the million-attempt sample: a random page 1.4–1.6 ms → 0.75–1.0 ms (docs/bench.md).
   */
  prefetch(rows: Int32Array): void {
    const t = this.t;
    const { poolIds, ints, floats } = rowColumnsOf(t);
    const quoted = this.json.quoted;
    let sum = 0;
    for (const column of ints) for (let i = 0; i < rows.length; i++) sum += column[rows[i]!]!;
    for (const column of floats)
      for (let i = 0; i < rows.length; i++) sum += column[rows[i]!]! || 0;
    // Second level: what the values point at (pool text, transitions, the id strings).
    for (const column of poolIds)
      for (let i = 0; i < rows.length; i++) sum += quoted.touch(column[rows[i]!]!);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const from = t.transitionOffset[row]!;
      const last = t.transitionOffset[row + 1]! - 1;
      if (last >= from)
        sum += t.transitionState[from]! + t.transitionState[last]! + t.transitionTime[last]!;
      sum += t.taskIds[row]!.charCodeAt(0);
    }
    prefetched = sum;
  }

  /** The last prefetch's sum of what it read (kept so the reads are not optimised away). */
  static get prefetched(): number {
    return prefetched;
  }

  private quote(id: number): void {
    this.json.quoted.write(this.out, id, this.json.quote);
  }

  private optionalId(id: number): void {
    this.json.optionalIds.write(this.out, id, this.json.optionalId);
  }

  /** A stored JSON text as JSON.stringify(JSON.parse(text)) writes it; `empty` when none. */
  private reserialise(id: number, empty: Buffer): void {
    if (id === 0) this.out.bytes(empty);
    else this.json.reserialised.write(this.out, id, this.json.reserialise);
  }

  /** `"key":value` of a log offset, after a comma unless first; whether it wrote one. */
  private offset(key: Buffer, n: number, first: boolean): boolean {
    if (Number.isNaN(n)) return first;
    this.out.bytes(first ? K.openObject : K.comma);
    this.out.bytes(key);
    this.out.number(n);
    return false;
  }

  private logInfo(row: number): void {
    const { text, numbers } = this.t;
    const out = this.out;
    out.bytes(K.logInfo);
    let first = true;
    const stdoutFile = text.stdoutFile[row]!;
    const stderrFile = text.stderrFile[row]!;
    if (stdoutFile !== 0) {
      out.bytes(K.openObject);
      out.bytes(K.stdoutFile);
      this.quote(stdoutFile);
      first = false;
    }
    if (stderrFile !== 0) {
      out.bytes(first ? K.openObject : K.comma);
      out.bytes(K.stderrFile);
      this.quote(stderrFile);
      first = false;
    }
    first = this.offset(K.stdoutStart, numbers.stdoutStart[row]!, first);
    first = this.offset(K.stdoutEnd, numbers.stdoutEnd[row]!, first);
    first = this.offset(K.stderrStart, numbers.stderrStart[row]!, first);
    first = this.offset(K.stderrEnd, numbers.stderrEnd[row]!, first);
    out.bytes(first ? K.null : K.closeObject);
  }

  private events(row: number): void {
    const t = this.t;
    const out = this.out;
    const from = t.transitionOffset[row]!;
    const to = t.transitionOffset[row + 1]!;
    out.bytes(K.events);
    for (let k = from; k < to; k++) {
      if (k > from) out.bytes(K.comma);
      out.bytes(K.eventState);
      this.quote(t.transitionState[k]!);
      out.bytes(K.eventTime);
      out.number(wholeMs(t.transitionTime[k]!));
      out.bytes(K.closeObject);
    }
    out.bytes(K.closeList);
  }

  /** A number that may be missing (NaN): null then. */
  private optionalNumber(n: number): void {
    if (Number.isNaN(n)) this.out.bytes(K.null);
    else this.out.number(n);
  }

  private optionalMs(ms: number): void {
    this.optionalNumber(Number.isNaN(ms) ? ms : wholeMs(ms));
  }

  row(row: number, detail: boolean): void {
    const t = this.t;
    const text = t.text;
    const out = this.out;
    const name = text.name[row] || text.funcOrClassName[row]!;
    // Id 0 is the empty string: "no value" in every text column.
    const hasError = text.errorType[row] !== 0;
    const runtimeEnv = text.runtimeEnv[row]!;
    out.bytes(K.taskId);
    out.quoted(t.taskIds[row]!);
    out.bytes(K.attempt);
    out.number(t.attempt[row]!);
    out.bytes(K.name);
    this.quote(name);
    out.bytes(K.state);
    this.quote(t.state[row]!);
    out.bytes(K.jobId);
    this.quote(text.jobId[row]!);
    out.bytes(K.actorId);
    this.optionalId(text.actorId[row]!);
    out.bytes(K.type);
    this.quote(text.type[row]!);
    out.bytes(K.funcOrClassName);
    this.quote(text.funcOrClassName[row]!);
    out.bytes(K.parentTaskId);
    this.quote(text.parentTaskId[row]!);
    out.bytes(K.nodeId);
    this.optionalId(text.nodeId[row]!);
    out.bytes(K.workerId);
    this.optionalId(text.workerId[row]!);
    out.bytes(K.workerPid);
    this.optionalNumber(t.numbers.workerPid[row]!);
    out.bytes(K.errorType);
    if (hasError) this.quote(text.errorType[row]!);
    else out.bytes(K.null);
    out.bytes(K.errorMessage);
    if (hasError) this.quote(text.errorMessage[row]!);
    else out.bytes(K.null);
    out.bytes(K.language);
    this.quote(text.language[row]!);
    out.bytes(K.requiredResources);
    this.reserialise(text.requiredResources[row]!, K.emptyObject);
    if (runtimeEnv !== 0) {
      out.bytes(K.runtimeEnv);
      this.quote(runtimeEnv);
      out.bytes(K.closeObject);
    } else out.bytes(K.noRuntimeEnv);
    out.bytes(K.placementGroupId);
    this.optionalId(text.placementGroupId[row]!);
    if (detail) this.events(row);
    else out.bytes(K.noEvents);
    this.logInfo(row);
    out.bytes(K.callSiteAndLabels);
    this.reserialise(text.labelSelector[row]!, K.null);
    out.bytes(K.creationTime);
    this.optionalMs(t.creationMs[row]!);
    out.bytes(K.startTime);
    this.optionalMs(t.startMs[row]!);
    out.bytes(K.endTime);
    this.optionalMs(t.endMs[row]!);
    out.bytes(K.closeObject);
  }
}
