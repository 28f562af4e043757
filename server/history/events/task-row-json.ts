import { RAY_TASK_FIELDS, type RayTaskField } from '../../../contract/ray.ts';
import type { StringPool } from './string-pool.ts';
import { taskIdAt } from './task-ids.ts';
import { TASK_ID_BYTES, touchRecords, type IntField } from './task-records.ts';
import type { TaskTable } from './task-table.ts';
import { isNilId } from './ids.ts';
import { asciiRun, type JsonBytes } from './json-bytes.ts';
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

// Every key with the punctuation before it, as bytes once. Where a value is often a constant
// (no error, no runtime env, no events, log offsets), the constant and the next key are one run:
// a row is ~50 short copies, and each copy costs about as much as its bytes.
const K = {
  taskId: asciiRun('{"task_id":'),
  attempt: asciiRun(',"attempt_number":'),
  name: asciiRun(',"name":'),
  state: asciiRun(',"state":'),
  jobId: asciiRun(',"job_id":'),
  actorId: asciiRun(',"actor_id":'),
  type: asciiRun(',"type":'),
  funcOrClassName: asciiRun(',"func_or_class_name":'),
  parentTaskId: asciiRun(',"parent_task_id":'),
  nodeId: asciiRun(',"node_id":'),
  workerId: asciiRun(',"worker_id":'),
  workerPid: asciiRun(',"worker_pid":'),
  errorType: asciiRun(',"error_type":'),
  errorMessage: asciiRun(',"error_message":'),
  language: asciiRun(',"language":'),
  noErrorThenLanguage: asciiRun(',"error_type":null,"error_message":null,"language":'),
  requiredResources: asciiRun(',"required_resources":'),
  runtimeEnv: asciiRun(',"runtime_env_info":{"serialized_runtime_env":'),
  runtimeEnvEndThenPlacementGroupId: asciiRun('},"placement_group_id":'),
  noRuntimeEnvThenPlacementGroupId: asciiRun(',"runtime_env_info":{},"placement_group_id":'),
  events: asciiRun(',"events":['),
  eventState: asciiRun('{"state":'),
  eventTime: asciiRun(',"created_ms":'),
  eventsEndThenLogInfo: asciiRun('],"task_log_info":'),
  noEventsThenLogInfo: asciiRun(',"events":[],"task_log_info":'),
  stdoutFile: asciiRun('{"stdout_file":'),
  stderrFile: logKey('stderr_file'),
  stdoutStart: logKey('stdout_start'),
  stdoutEnd: logKey('stdout_end'),
  stderrStart: logKey('stderr_start'),
  stderrEnd: logKey('stderr_end'),
  noLogInfoThenCallSite: asciiRun('null,"call_site":null,"label_selector":'),
  logInfoEndThenCallSite: asciiRun('},"call_site":null,"label_selector":'),
  runtimeEnvStart: asciiRun('{"serialized_runtime_env":'),
  openList: asciiRun('['),
  closeList: asciiRun(']'),
  creationTime: asciiRun(',"creation_time_ms":'),
  startTime: asciiRun(',"start_time_ms":'),
  endTime: asciiRun(',"end_time_ms":'),
  null: asciiRun('null'),
  emptyObject: asciiRun('{}'),
  comma: asciiRun(','),
  closeObject: asciiRun('}'),
};

/** A key of an object, as its first key and as a later one. */
function logKey(key: string): { first: DataView; next: DataView } {
  return { first: asciiRun(`{"${key}":`), next: asciiRun(`,"${key}":`) };
}

/** Each field's key, by its index in RAY_TASK_FIELDS (for rows of chosen fields). */
const FIELD_KEYS = RAY_TASK_FIELDS.map(logKey);
/** Each field's index in RAY_TASK_FIELDS, by name. */
const FIELD = Object.fromEntries(RAY_TASK_FIELDS.map((name, i) => [name, i])) as Readonly<
  Record<RayTaskField, number>
>;
/** The same, for names from a request (a Map: no inherited keys). */
const FIELD_INDEX = new Map<string, number>(RAY_TASK_FIELDS.map((name, i) => [name, i]));

/** Fields chosen by name, as `fields` takes them: their indices, once each, in Ray's order. */
export function fieldIndices(columns: readonly RayTaskField[]): number[] {
  const indices = columns.flatMap((name) => FIELD_INDEX.get(name) ?? []);
  return [...new Set(indices)].sort((a, b) => a - b);
}

/** The per-attempt columns a row reads, grouped by how they are read (one loop shape per group). */
interface RowColumns {
  /** Pool ids, each group written through one of the pool's JSON caches. */
  quoted: IntField[];
  optionalIds: IntField[];
  reserialised: IntField[];
}

const rowColumns = new WeakMap<TaskTable, RowColumns>();

function rowColumnsOf(t: TaskTable): RowColumns {
  let columns = rowColumns.get(t);
  if (!columns) {
    const { actorId, nodeId, workerId, placementGroupId, requiredResources, labelSelector } =
      t.text;
    const optionalIds = [actorId, nodeId, workerId, placementGroupId];
    const reserialised = [requiredResources, labelSelector];
    const quoted = Object.values(t.text).filter(
      (column) => !optionalIds.includes(column) && !reserialised.includes(column),
    );
    columns = {
      quoted: [...quoted, t.state],
      optionalIds,
      reserialised,
    };
    rowColumns.set(t, columns);
  }
  return columns;
}

/** Where the prefetch pass leaves what it read (see `prefetch`). */
let prefetched = 0;

/** Reads each row's pool text in `cache` for these columns; a sum of what it read. */
function touchPoolText(columns: IntField[], cache: PoolBytes, rows: Int32Array): number {
  let sum = 0;
  for (const column of columns)
    for (let i = 0; i < rows.length; i++) sum += cache.touch(column.at(rows[i]!));
  return sum;
}

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
   * Reads everything `row` will read for these rows before any is written: first each row's
   * record (task-records.ts, with the task id), then what their values point at (pool text, and the
   * transitions when `detail`). A sorted page's rows lie scattered over the whole table, so
   * those reads miss the caches; written row by row, with a few hundred instructions of copying
   * between two reads, the misses come one after another. Here the loads of one pass do not
   * depend on each other, so the processor keeps many misses in flight at once, and the writing
   * that follows finds its values in the cache. On the million-attempt sample a random page took
   * 1.5–1.9 ms of CPU without this pass, 0.7–1.0 ms with it, when each value was in a column
   * array of its own (docs/bench.md, third pass).
   */
  prefetch(rows: Int32Array, detail: boolean): void {
    const t = this.t;
    const columns = rowColumnsOf(t);
    let sum = touchRecords(t, rows);
    sum += touchPoolText(columns.quoted, this.json.quoted, rows);
    sum += touchPoolText(columns.optionalIds, this.json.optionalIds, rows);
    sum += touchPoolText(columns.reserialised, this.json.reserialised, rows);
    if (detail)
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        const from = t.transitionStart.at(row);
        const last = t.transitionStart.at(row + 1) - 1;
        if (last >= from)
          sum += t.transitionState[from]! + t.transitionState[last]! + t.transitionTime[last]!;
      }
    prefetched = sum;
  }

  /** The last prefetch's sum of what it read: stored so the reads are not optimised away. */
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
  private reserialise(id: number, empty: DataView): void {
    if (id === 0) this.out.run(empty);
    else this.json.reserialised.write(this.out, id, this.json.reserialise);
  }

  /** `"key":value` of a log offset, opening the object if first; whether none was written yet. */
  private offset(key: { first: DataView; next: DataView }, n: number, first: boolean): boolean {
    if (Number.isNaN(n)) return first;
    this.out.run(first ? key.first : key.next);
    this.out.number(n);
    return false;
  }

  /** The log info object (or null), then the keys up to the label selector's value. */
  private logInfoThenCallSite(row: number): void {
    const none = this.logInfoFields(row);
    this.out.run(none ? K.noLogInfoThenCallSite : K.logInfoEndThenCallSite);
  }

  /** The log info object but its closing brace; whether it has no fields (nothing written). */
  private logInfoFields(row: number): boolean {
    const { text, numbers } = this.t;
    const out = this.out;
    let first = true;
    const stdoutFile = text.stdoutFile.at(row);
    const stderrFile = text.stderrFile.at(row);
    if (stdoutFile !== 0) {
      out.run(K.stdoutFile);
      this.quote(stdoutFile);
      first = false;
    }
    if (stderrFile !== 0) {
      out.run(first ? K.stderrFile.first : K.stderrFile.next);
      this.quote(stderrFile);
      first = false;
    }
    first = this.offset(K.stdoutStart, numbers.stdoutStart.at(row), first);
    first = this.offset(K.stdoutEnd, numbers.stdoutEnd.at(row), first);
    first = this.offset(K.stderrStart, numbers.stderrStart.at(row), first);
    first = this.offset(K.stderrEnd, numbers.stderrEnd.at(row), first);
    return first;
  }

  /** The events list, then the log info key. */
  private eventsThenLogInfo(row: number): void {
    this.out.run(K.events);
    this.eventItems(row);
    this.out.run(K.eventsEndThenLogInfo);
  }

  /** The items of the events list, without its brackets. */
  private eventItems(row: number): void {
    const t = this.t;
    const out = this.out;
    const from = t.transitionStart.at(row);
    const to = t.transitionStart.at(row + 1);
    for (let k = from; k < to; k++) {
      if (k > from) out.run(K.comma);
      out.run(K.eventState);
      this.quote(t.transitionState[k]!);
      out.run(K.eventTime);
      out.number(wholeMs(t.transitionTime[k]!));
      out.run(K.closeObject);
    }
  }

  /** A number that may be missing (NaN): null then. */
  private optionalNumber(n: number): void {
    if (Number.isNaN(n)) this.out.run(K.null);
    else this.out.number(n);
  }

  private optionalMs(ms: number): void {
    this.optionalNumber(Number.isNaN(ms) ? ms : wholeMs(ms));
  }

  row(row: number, detail: boolean): void {
    const t = this.t;
    const text = t.text;
    const out = this.out;
    const name = text.name.at(row) || text.funcOrClassName.at(row);
    // Id 0 is the empty string: "no value" in every text column.
    const hasError = text.errorType.at(row) !== 0;
    const runtimeEnv = text.runtimeEnv.at(row);
    out.run(K.taskId);
    const oddId = t.oddTaskIds.size === 0 ? undefined : t.oddTaskIds.get(row);
    if (oddId === undefined) out.quotedHex(t.bytes, taskIdAt(row), TASK_ID_BYTES);
    else out.quoted(oddId);
    out.run(K.attempt);
    out.number(t.attempt.at(row));
    out.run(K.name);
    this.quote(name);
    out.run(K.state);
    this.quote(t.state.at(row));
    out.run(K.jobId);
    this.quote(text.jobId.at(row));
    out.run(K.actorId);
    this.optionalId(text.actorId.at(row));
    out.run(K.type);
    this.quote(text.type.at(row));
    out.run(K.funcOrClassName);
    this.quote(text.funcOrClassName.at(row));
    out.run(K.parentTaskId);
    this.quote(text.parentTaskId.at(row));
    out.run(K.nodeId);
    this.optionalId(text.nodeId.at(row));
    out.run(K.workerId);
    this.optionalId(text.workerId.at(row));
    out.run(K.workerPid);
    this.optionalNumber(t.numbers.workerPid.at(row));
    if (hasError) {
      out.run(K.errorType);
      this.quote(text.errorType.at(row));
      out.run(K.errorMessage);
      this.quote(text.errorMessage.at(row));
      out.run(K.language);
    } else out.run(K.noErrorThenLanguage);
    this.quote(text.language.at(row));
    out.run(K.requiredResources);
    this.reserialise(text.requiredResources.at(row), K.emptyObject);
    if (runtimeEnv !== 0) {
      out.run(K.runtimeEnv);
      this.quote(runtimeEnv);
      out.run(K.runtimeEnvEndThenPlacementGroupId);
    } else out.run(K.noRuntimeEnvThenPlacementGroupId);
    this.optionalId(text.placementGroupId.at(row));
    if (detail) this.eventsThenLogInfo(row);
    else out.run(K.noEventsThenLogInfo);
    this.logInfoThenCallSite(row);
    this.reserialise(text.labelSelector.at(row), K.null);
    out.run(K.creationTime);
    this.optionalMs(t.creationMs.at(row));
    out.run(K.startTime);
    this.optionalMs(t.startMs.at(row));
    out.run(K.endTime);
    this.optionalMs(t.endMs.at(row));
    out.run(K.closeObject);
  }

  /**
   * The row with only the fields `wanted` (indices into RAY_TASK_FIELDS, ascending, at least
   * one): the same bytes as `row` with the other keys left out.
   */
  fields(row: number, detail: boolean, wanted: readonly number[]): void {
    for (let i = 0; i < wanted.length; i++) {
      const field = wanted[i]!;
      this.out.run(i === 0 ? FIELD_KEYS[field]!.first : FIELD_KEYS[field]!.next);
      this.value(row, field, detail);
    }
    this.out.run(K.closeObject);
  }

  /** The value of one field of the row, as `row` writes it. */
  private value(row: number, field: number, detail: boolean): void {
    const t = this.t;
    const text = t.text;
    const out = this.out;
    const hasError = text.errorType.at(row) !== 0;
    switch (field) {
      case FIELD.task_id: {
        const oddId = t.oddTaskIds.size === 0 ? undefined : t.oddTaskIds.get(row);
        if (oddId === undefined) out.quotedHex(t.bytes, taskIdAt(row), TASK_ID_BYTES);
        else out.quoted(oddId);
        return;
      }
      case FIELD.attempt_number:
        return out.number(t.attempt.at(row));
      case FIELD.name:
        return this.quote(text.name.at(row) || text.funcOrClassName.at(row));
      case FIELD.state:
        return this.quote(t.state.at(row));
      case FIELD.job_id:
        return this.quote(text.jobId.at(row));
      case FIELD.actor_id:
        return this.optionalId(text.actorId.at(row));
      case FIELD.type:
        return this.quote(text.type.at(row));
      case FIELD.func_or_class_name:
        return this.quote(text.funcOrClassName.at(row));
      case FIELD.parent_task_id:
        return this.quote(text.parentTaskId.at(row));
      case FIELD.node_id:
        return this.optionalId(text.nodeId.at(row));
      case FIELD.worker_id:
        return this.optionalId(text.workerId.at(row));
      case FIELD.worker_pid:
        return this.optionalNumber(t.numbers.workerPid.at(row));
      case FIELD.error_type:
        return hasError ? this.quote(text.errorType.at(row)) : out.run(K.null);
      case FIELD.error_message:
        return hasError ? this.quote(text.errorMessage.at(row)) : out.run(K.null);
      case FIELD.language:
        return this.quote(text.language.at(row));
      case FIELD.required_resources:
        return this.reserialise(text.requiredResources.at(row), K.emptyObject);
      case FIELD.runtime_env_info: {
        const runtimeEnv = text.runtimeEnv.at(row);
        if (runtimeEnv === 0) return out.run(K.emptyObject);
        out.run(K.runtimeEnvStart);
        this.quote(runtimeEnv);
        return out.run(K.closeObject);
      }
      case FIELD.placement_group_id:
        return this.optionalId(text.placementGroupId.at(row));
      case FIELD.events:
        out.run(K.openList);
        if (detail) this.eventItems(row);
        return out.run(K.closeList);
      case FIELD.task_log_info:
        return out.run(this.logInfoFields(row) ? K.null : K.closeObject);
      case FIELD.call_site:
        return out.run(K.null);
      case FIELD.label_selector:
        return this.reserialise(text.labelSelector.at(row), K.null);
      case FIELD.creation_time_ms:
        return this.optionalMs(t.creationMs.at(row));
      case FIELD.start_time_ms:
        return this.optionalMs(t.startMs.at(row));
      case FIELD.end_time_ms:
        return this.optionalMs(t.endMs.at(row));
    }
  }
}
