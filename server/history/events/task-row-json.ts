import type { TaskTable } from './task-table.ts';
import { isNilId } from './ids.ts';
import { wholeMs } from './time.ts';

// One stored task attempt written straight to the JSON text of its Ray state-API Task object:
// the same bytes `JSON.stringify(taskRow(t, row, detail))` gives (task-row.ts is the reference and
// the tests hold the two equal), without building the object, its nested objects and the
// transitions list for every row of every page. Strings come from the pool, so each distinct
// value is JSON-quoted once per table and reused by every page after.

interface PoolJson {
  /** JSON text of each pool string, quoted on first use. */
  quoted: (string | undefined)[];
  /** Id columns as Ray shows them: null for the nil id, else quoted. */
  optionalIds: (string | undefined)[];
  /** Pool strings holding JSON (resources, label selectors), re-serialised as JSON.stringify would. */
  reserialised: (string | undefined)[];
}

const poolJson = new WeakMap<TaskTable, PoolJson>();

function poolJsonOf(t: TaskTable): PoolJson {
  let cached = poolJson.get(t);
  if (!cached) {
    cached = {
      quoted: new Array(t.pool.size),
      optionalIds: new Array(t.pool.size),
      reserialised: new Array(t.pool.size),
    };
    poolJson.set(t, cached);
  }
  return cached;
}

/** Writes rows of one table; build one per page (it holds the table's string caches). */
export class TaskRowJson {
  private readonly t: TaskTable;
  private readonly json: PoolJson;

  constructor(t: TaskTable) {
    this.t = t;
    this.json = poolJsonOf(t);
  }

  private quote(id: number): string {
    return (this.json.quoted[id] ??= JSON.stringify(this.t.pool.get(id)));
  }

  /** A stored JSON text as JSON.stringify(JSON.parse(text)) writes it; `empty` when none. */
  private reserialise(id: number, empty: string): string {
    if (id === 0) return empty;
    return (this.json.reserialised[id] ??= JSON.stringify(JSON.parse(this.t.pool.get(id))));
  }

  private optionalId(id: number): string {
    return (this.json.optionalIds[id] ??= isNilId(this.t.pool.get(id)) ? 'null' : this.quote(id));
  }

  private logInfo(row: number): string {
    const { text, numbers } = this.t;
    let fields = '';
    const stdoutFile = text.stdoutFile[row]!;
    const stderrFile = text.stderrFile[row]!;
    if (stdoutFile !== 0) fields += `,"stdout_file":${this.quote(stdoutFile)}`;
    if (stderrFile !== 0) fields += `,"stderr_file":${this.quote(stderrFile)}`;
    fields += offset('stdout_start', numbers.stdoutStart[row]!);
    fields += offset('stdout_end', numbers.stdoutEnd[row]!);
    fields += offset('stderr_start', numbers.stderrStart[row]!);
    fields += offset('stderr_end', numbers.stderrEnd[row]!);
    return fields ? `{${fields.slice(1)}}` : 'null';
  }

  private events(row: number): string {
    const t = this.t;
    const from = t.transitionOffset[row]!;
    const to = t.transitionOffset[row + 1]!;
    let out = '[';
    for (let k = from; k < to; k++) {
      if (k > from) out += ',';
      out += `{"state":${this.quote(t.transitionState[k]!)},"created_ms":${number(wholeMs(t.transitionTime[k]!))}}`;
    }
    return `${out}]`;
  }

  row(row: number, detail: boolean): string {
    const t = this.t;
    const text = t.text;
    const name = text.name[row] || text.funcOrClassName[row]!;
    // Id 0 is the empty string: "no value" in every text column.
    const hasError = text.errorType[row] !== 0;
    const runtimeEnv = text.runtimeEnv[row]!;
    return (
      `{"task_id":${JSON.stringify(t.taskIds[row]!)}` +
      `,"attempt_number":${number(t.attempt[row]!)}` +
      `,"name":${this.quote(name)}` +
      `,"state":${this.quote(t.state[row]!)}` +
      `,"job_id":${this.quote(text.jobId[row]!)}` +
      `,"actor_id":${this.optionalId(text.actorId[row]!)}` +
      `,"type":${this.quote(text.type[row]!)}` +
      `,"func_or_class_name":${this.quote(text.funcOrClassName[row]!)}` +
      `,"parent_task_id":${this.quote(text.parentTaskId[row]!)}` +
      `,"node_id":${this.optionalId(text.nodeId[row]!)}` +
      `,"worker_id":${this.optionalId(text.workerId[row]!)}` +
      `,"worker_pid":${optionalNumber(t.numbers.workerPid[row]!)}` +
      `,"error_type":${hasError ? this.quote(text.errorType[row]!) : 'null'}` +
      `,"error_message":${hasError ? this.quote(text.errorMessage[row]!) : 'null'}` +
      `,"language":${this.quote(text.language[row]!)}` +
      `,"required_resources":${this.reserialise(text.requiredResources[row]!, '{}')}` +
      `,"runtime_env_info":${runtimeEnv !== 0 ? `{"serialized_runtime_env":${this.quote(runtimeEnv)}}` : '{}'}` +
      `,"placement_group_id":${this.optionalId(text.placementGroupId[row]!)}` +
      `,"events":${detail ? this.events(row) : '[]'}` +
      `,"task_log_info":${this.logInfo(row)}` +
      `,"call_site":null` +
      `,"label_selector":${this.reserialise(text.labelSelector[row]!, 'null')}` +
      `,"creation_time_ms":${optionalMs(t.creationMs[row]!)}` +
      `,"start_time_ms":${optionalMs(t.startMs[row]!)}` +
      `,"end_time_ms":${optionalMs(t.endMs[row]!)}}`
    );
  }
}

/** A log offset field with its leading comma; nothing when not recorded. */
function offset(key: string, n: number): string {
  return Number.isNaN(n) ? '' : `,"${key}":${number(n)}`;
}

/** A number as JSON.stringify writes it (null when not finite). */
function number(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

function optionalNumber(n: number): string {
  return Number.isNaN(n) ? 'null' : number(n);
}

function optionalMs(ms: number): string {
  return Number.isNaN(ms) ? 'null' : number(wholeMs(ms));
}
