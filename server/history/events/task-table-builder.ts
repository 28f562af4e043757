import type { TaskDefinition, TaskLifecycle, TaskProfile } from './decoded.ts';
import { grow } from './growable.ts';
import { StringPool, compareStrings } from './string-pool.ts';
import { taskRun, type TaskRun } from './task-runs.ts';
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

  /** Runs of other builders merged into this one (task-runs.ts), in the order they came. */
  readonly runs: TaskRun[] = [];

  /** This builder's rows as a sorted run, to move between threads and merge into another. */
  run(): TaskRun {
    return taskRun(this);
  }

  /**
   * Adds another builder's rows. They are combined with this builder's when frozen (task-table.ts,
   * freezeTasks), with the same rules as events, so merging keeps order-independence.
   */
  merge(other: TaskRun): void {
    this.runs.push(other);
  }

  /** Every run to freeze: this builder's rows first (when it has any), then the merged ones. */
  allRuns(): TaskRun[] {
    return this.count === 0 ? this.runs : [this.run(), ...this.runs];
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
