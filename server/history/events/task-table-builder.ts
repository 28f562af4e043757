import type { TaskDefinition, TaskLifecycle, TaskProfile } from './decoded.ts';
import { grow } from './growable.ts';
import { StringPool, compareStrings } from './string-pool.ts';
import {
  TASK_NUMBER_COLUMNS,
  TASK_TEXT_COLUMNS,
  mapColumns,
  type NumberColumns,
  type TaskNumberColumn,
  type TaskTextColumn,
  type TextColumns,
} from './task-columns.ts';

// Accumulates task attempts while events arrive, in typed arrays: one row per (taskId, attempt).
// Merges are order-independent: when two events disagree on a value, the same one wins
// whatever their order (smallest string; largest log offset; smallest pid).

const NONE = -1;

/**
 * A builder's rows as plain data (strings as pool ids into `pool`), to move a partial
 * reduction between threads and merge it into another builder.
 */
export interface TaskRows {
  pool: string[];
  count: number;
  taskIds: string[];
  attempt: Int32Array;
  hasDefinition: Uint8Array;
  text: TextColumns;
  numbers: NumberColumns;
  transitionHead: Int32Array;
  transitionState: Int32Array<ArrayBuffer>;
  transitionTime: Float64Array<ArrayBuffer>;
  transitionNext: Int32Array<ArrayBuffer>;
  spanHead: Int32Array;
  spanName: Int32Array<ArrayBuffer>;
  spanWorker: Int32Array<ArrayBuffer>;
  spanNodeIp: Int32Array<ArrayBuffer>;
  spanStart: Float64Array<ArrayBuffer>;
  spanEnd: Float64Array<ArrayBuffer>;
  spanNext: Int32Array<ArrayBuffer>;
}

export class TaskTableBuilder {
  readonly pool = new StringPool();
  count = 0;
  readonly taskIds: string[] = [];
  /** First row of each task id; further attempts are chained through `nextAttempt`. */
  readonly firstRow = new Map<string, number>();
  /** The last task id rowFor was asked for and its first row: task events come in runs of one task. */
  private lastTaskId = '';
  private lastFirstRow = NONE;
  attempt = new Int32Array(0);
  nextAttempt = new Int32Array(0);
  hasDefinition = new Uint8Array(0);
  text: TextColumns = mapColumns(TASK_TEXT_COLUMNS, () => new Int32Array(0));
  numbers: NumberColumns = mapColumns(TASK_NUMBER_COLUMNS, () => new Float64Array(0));

  // State transitions and profile spans: singly linked lists per row, in flat arrays.
  transitionHead = new Int32Array(0);
  transitionCount = 0;
  transitionState = new Int32Array(0);
  transitionTime = new Float64Array(0);
  transitionNext = new Int32Array(0);

  spanHead = new Int32Array(0);
  spanCount = 0;
  spanName = new Int32Array(0);
  spanWorker = new Int32Array(0);
  spanNodeIp = new Int32Array(0);
  spanStart = new Float64Array(0);
  spanEnd = new Float64Array(0);
  spanNext = new Int32Array(0);

  addDefinition(e: TaskDefinition): void {
    const row = this.rowFor(e.taskId, e.attempt);
    this.hasDefinition[row] = 1;
    this.setText(row, 'type', e.taskType);
    this.setText(row, 'language', e.language);
    this.setText(row, 'name', e.name);
    this.setText(row, 'funcOrClassName', e.funcOrClassName);
    this.setText(row, 'jobId', e.jobId);
    this.setText(row, 'actorId', e.actorId);
    this.setText(row, 'parentTaskId', e.parentTaskId);
    this.setText(row, 'placementGroupId', e.placementGroupId);
    this.setText(row, 'requiredResources', JSON.stringify(e.requiredResources));
    this.setText(row, 'labelSelector', JSON.stringify(e.labelSelector));
    this.setText(row, 'runtimeEnv', e.serializedRuntimeEnv);
  }

  addLifecycle(e: TaskLifecycle): void {
    const row = this.rowFor(e.taskId, e.attempt);
    for (const t of e.transitions) this.addTransition(row, this.pool.intern(t.state), t.timeMs);
    this.setText(row, 'jobId', e.jobId);
    this.setText(row, 'nodeId', e.nodeId);
    this.setText(row, 'workerId', e.workerId);
    this.setText(row, 'errorType', e.errorType);
    this.setText(row, 'errorMessage', e.errorMessage);
    if (e.workerPid !== null) this.setMinNumber(row, 'workerPid', e.workerPid);
    const log = e.logInfo;
    if (log) {
      this.setText(row, 'stdoutFile', log.stdoutFile);
      this.setText(row, 'stderrFile', log.stderrFile);
      // Defaults are printed as 0, so the largest value seen is the real one.
      this.setMaxNumber(row, 'stdoutStart', log.stdoutStart);
      this.setMaxNumber(row, 'stdoutEnd', log.stdoutEnd);
      this.setMaxNumber(row, 'stderrStart', log.stderrStart);
      this.setMaxNumber(row, 'stderrEnd', log.stderrEnd);
    }
  }

  addProfile(e: TaskProfile): void {
    const row = this.rowFor(e.taskId, e.attempt);
    this.setText(row, 'jobId', e.jobId);
    const worker = this.pool.intern(e.componentId);
    const ip = this.pool.intern(e.nodeIpAddress);
    for (const span of e.spans) {
      this.addSpan(row, this.pool.intern(span.name), worker, ip, span.startMs, span.endMs);
    }
  }

  rows(): TaskRows {
    const n = this.count;
    return {
      pool: this.pool.values,
      count: n,
      taskIds: this.taskIds,
      attempt: this.attempt.slice(0, n),
      hasDefinition: this.hasDefinition.slice(0, n),
      text: mapColumns(TASK_TEXT_COLUMNS, (name) => this.text[name].slice(0, n)),
      numbers: mapColumns(TASK_NUMBER_COLUMNS, (name) => this.numbers[name].slice(0, n)),
      transitionHead: this.transitionHead.slice(0, n),
      transitionState: this.transitionState.slice(0, this.transitionCount),
      transitionTime: this.transitionTime.slice(0, this.transitionCount),
      transitionNext: this.transitionNext.slice(0, this.transitionCount),
      spanHead: this.spanHead.slice(0, n),
      spanName: this.spanName.slice(0, this.spanCount),
      spanWorker: this.spanWorker.slice(0, this.spanCount),
      spanNodeIp: this.spanNodeIp.slice(0, this.spanCount),
      spanStart: this.spanStart.slice(0, this.spanCount),
      spanEnd: this.spanEnd.slice(0, this.spanCount),
      spanNext: this.spanNext.slice(0, this.spanCount),
    };
  }

  /** Adds another builder's rows with the same rules as events, so merging keeps order-independence. */
  merge(other: TaskRows): void {
    if (this.count === 0 && this.pool.size === 1) return this.adopt(other);
    const ids = new Int32Array(other.pool.length).fill(NONE);
    const idOf = (otherId: number) => {
      let id = ids[otherId]!;
      if (id === NONE) id = ids[otherId] = this.pool.intern(other.pool[otherId]!);
      return id;
    };
    // Room for every row of `other` first, so the columns taken below are not replaced by a
    // growth half-way (this runs serially at the end of every parallel load).
    this.ensureRows(this.count + other.count);
    const textsFrom = TASK_TEXT_COLUMNS.map((name) => other.text[name]);
    const textsTo = TASK_TEXT_COLUMNS.map((name) => this.text[name]);
    const [fromPid, toPid] = [other.numbers.workerPid, this.numbers.workerPid];
    const offsetNames = ['stdoutStart', 'stdoutEnd', 'stderrStart', 'stderrEnd'] as const;
    const offsetsFrom = offsetNames.map((name) => other.numbers[name]);
    const offsetsTo = offsetNames.map((name) => this.numbers[name]);
    const { transitionHead, transitionState, transitionTime, transitionNext } = other;
    const { spanHead, spanName, spanWorker, spanNodeIp, spanStart, spanEnd, spanNext } = other;
    const rowsBefore = this.count;
    for (let r = 0; r < other.count; r++) {
      const row = this.rowFor(other.taskIds[r]!, other.attempt[r]!);
      // A row this merge added holds nothing yet (other's rows are distinct attempts): its
      // values are other's as they are, and other's lists hold no repeats.
      const added = row >= rowsBefore;
      if (other.hasDefinition[r]) this.hasDefinition[row] = 1;
      for (let c = 0; c < textsFrom.length; c++) {
        const value = textsFrom[c]![r]!;
        if (value === 0) continue;
        if (added) textsTo[c]![row] = idOf(value);
        else this.setTextId(textsTo[c]!, row, idOf(value));
      }
      // The same rules as setMinNumber (pid) and setMaxNumber (log offsets); NaN: none yet.
      const pid = fromPid[r]!;
      if (!Number.isNaN(pid) && (Number.isNaN(toPid[row]!) || pid < toPid[row]!)) toPid[row] = pid;
      for (let c = 0; c < offsetsFrom.length; c++) {
        const value = offsetsFrom[c]![r]!;
        const to = offsetsTo[c]!;
        if (!Number.isNaN(value) && (Number.isNaN(to[row]!) || value > to[row]!)) to[row] = value;
      }
      for (let t = transitionHead[r]!; t !== NONE; t = transitionNext[t]!) {
        const state = idOf(transitionState[t]!);
        if (added) this.appendTransition(row, state, transitionTime[t]!);
        else this.addTransition(row, state, transitionTime[t]!);
      }
      for (let s = spanHead[r]!; s !== NONE; s = spanNext[s]!) {
        this.addSpan(
          row,
          idOf(spanName[s]!),
          idOf(spanWorker[s]!),
          idOf(spanNodeIp[s]!),
          spanStart[s]!,
          spanEnd[s]!,
        );
      }
    }
  }

  /** setText for a string already in this pool (`id`, not 0). */
  private setTextId(column: Int32Array, row: number, id: number): void {
    const current = column[row]!;
    if (current === id) return;
    if (current !== 0 && compareStrings(this.pool.get(current), this.pool.get(id)) <= 0) return;
    column[row] = id;
  }

  /** Takes over the rows of another builder, into an empty one (no merging needed). */
  private adopt(other: TaskRows): void {
    for (const value of other.pool) this.pool.intern(value);
    const n = other.count;
    this.ensureRows(n);
    this.attempt.set(other.attempt);
    this.hasDefinition.set(other.hasDefinition);
    for (const name of TASK_TEXT_COLUMNS) this.text[name].set(other.text[name]);
    for (const name of TASK_NUMBER_COLUMNS) this.numbers[name].set(other.numbers[name]);
    this.transitionHead.set(other.transitionHead);
    this.transitionState = other.transitionState;
    this.transitionTime = other.transitionTime;
    this.transitionNext = other.transitionNext;
    this.transitionCount = other.transitionState.length;
    this.spanHead.set(other.spanHead);
    this.spanName = other.spanName;
    this.spanWorker = other.spanWorker;
    this.spanNodeIp = other.spanNodeIp;
    this.spanStart = other.spanStart;
    this.spanEnd = other.spanEnd;
    this.spanNext = other.spanNext;
    this.spanCount = other.spanName.length;
    // Chain the attempts of each task again.
    for (let row = 0; row < n; row++) {
      const taskId = other.taskIds[row]!;
      this.taskIds.push(taskId);
      this.nextAttempt[row] = NONE;
      let previous = this.firstRow.get(taskId) ?? NONE;
      if (previous === NONE) this.firstRow.set(taskId, row);
      else {
        while (this.nextAttempt[previous] !== NONE) previous = this.nextAttempt[previous]!;
        this.nextAttempt[previous] = row;
      }
    }
    this.count = n;
  }

  approxBytes(): number {
    const rows = this.attempt.length * (4 * 3 + 1 + 4 * TASK_TEXT_COLUMNS.length + 8 * 5);
    const transitions = this.transitionState.length * 16;
    const spans = this.spanName.length * 36;
    return rows + transitions + spans + this.count * 120 + this.pool.approxBytes();
  }

  private rowFor(taskId: string, attempt: number): number {
    if (taskId !== this.lastTaskId) {
      this.lastFirstRow = this.firstRow.get(taskId) ?? NONE;
      this.lastTaskId = taskId;
    }
    let last = NONE;
    for (let r = this.lastFirstRow; r !== NONE; r = this.nextAttempt[r]!) {
      if (this.attempt[r] === attempt) return r;
      last = r;
    }
    const row = this.count++;
    this.ensureRows(this.count);
    this.taskIds.push(taskId);
    this.attempt[row] = attempt;
    this.nextAttempt[row] = NONE;
    this.transitionHead[row] = NONE;
    this.spanHead[row] = NONE;
    if (last === NONE) this.firstRow.set(taskId, (this.lastFirstRow = row));
    else this.nextAttempt[last] = row;
    return row;
  }

  private ensureRows(n: number): void {
    if (n <= this.attempt.length) return;
    this.attempt = grow(this.attempt, n);
    this.nextAttempt = grow(this.nextAttempt, n);
    this.hasDefinition = grow(this.hasDefinition, n);
    this.transitionHead = grow(this.transitionHead, n);
    this.spanHead = grow(this.spanHead, n);
    for (const name of TASK_TEXT_COLUMNS) this.text[name] = grow(this.text[name], n);
    for (const name of TASK_NUMBER_COLUMNS) this.numbers[name] = grow(this.numbers[name], n, NaN);
  }

  private setText(row: number, column: TaskTextColumn, value: string): void {
    if (!value) return;
    const current = this.text[column][row]!;
    if (current !== 0 && compareStrings(this.pool.get(current), value) <= 0) return;
    this.text[column][row] = this.pool.intern(value);
  }

  private setMinNumber(row: number, column: TaskNumberColumn, value: number): void {
    const current = this.numbers[column][row]!;
    if (Number.isNaN(current) || value < current) this.numbers[column][row] = value;
  }

  private setMaxNumber(row: number, column: TaskNumberColumn, value: number | null): void {
    if (value === null) return;
    const current = this.numbers[column][row]!;
    if (Number.isNaN(current) || value > current) this.numbers[column][row] = value;
  }

  private addTransition(row: number, state: number, timeMs: number): void {
    for (let t = this.transitionHead[row]!; t !== NONE; t = this.transitionNext[t]!) {
      if (this.transitionState[t] === state && this.transitionTime[t] === timeMs) return;
    }
    this.appendTransition(row, state, timeMs);
  }

  /** addTransition for a transition the row is known not to hold. */
  private appendTransition(row: number, state: number, timeMs: number): void {
    const t = this.transitionCount++;
    if (t >= this.transitionState.length) {
      this.transitionState = grow(this.transitionState, t + 1);
      this.transitionTime = grow(this.transitionTime, t + 1);
      this.transitionNext = grow(this.transitionNext, t + 1);
    }
    this.transitionState[t] = state;
    this.transitionTime[t] = timeMs;
    this.transitionNext[t] = this.transitionHead[row]!;
    this.transitionHead[row] = t;
  }

  private addSpan(
    row: number,
    name: number,
    worker: number,
    ip: number,
    start: number,
    end: number,
  ): void {
    for (let s = this.spanHead[row]!; s !== NONE; s = this.spanNext[s]!) {
      if (
        this.spanName[s] === name &&
        this.spanStart[s] === start &&
        this.spanEnd[s] === end &&
        this.spanWorker[s] === worker
      ) {
        return;
      }
    }
    const s = this.spanCount++;
    if (s >= this.spanName.length) {
      this.spanName = grow(this.spanName, s + 1);
      this.spanWorker = grow(this.spanWorker, s + 1);
      this.spanNodeIp = grow(this.spanNodeIp, s + 1);
      this.spanStart = grow(this.spanStart, s + 1);
      this.spanEnd = grow(this.spanEnd, s + 1);
      this.spanNext = grow(this.spanNext, s + 1);
    }
    this.spanName[s] = name;
    this.spanWorker[s] = worker;
    this.spanNodeIp[s] = ip;
    this.spanStart[s] = start;
    this.spanEnd[s] = end;
    this.spanNext[s] = this.spanHead[row]!;
    this.spanHead[row] = s;
  }
}
