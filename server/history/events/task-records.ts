import {
  TASK_NUMBER_COLUMNS,
  TASK_TEXT_COLUMNS,
  mapColumns,
  type TaskNumberColumn,
  type TaskTextColumn,
} from './task-columns.ts';

// The fixed-width values of every frozen task attempt, row-major: one record of RECORD_BYTES per
// attempt in one buffer, read through an Int32Array and a Float64Array over the same bytes. A
// tasks page reads ~30 values of each of 100 attempts scattered over the whole table: as ~30
// separate column arrays (4–8 MB each at a million attempts) nearly every read was a cache and
// TLB miss of its own; in one record they share three cache lines (docs/bench.md, fourth pass).
// The same bytes per attempt as the columns were, plus the task id as 24 bytes (task-ids.ts); a
// scan of one field over all attempts (a filter, a sort key) reads a cache line per attempt
// instead of 4–8 bytes.

/** Float fields (NaN = not recorded) first, so they are 8-byte aligned in every record. */
const FLOAT_FIELDS = [...TASK_NUMBER_COLUMNS, 'creationMs', 'startMs', 'endMs'] as const;
/**
 * Int fields: the attempt number, where the row's transitions start (task-table.ts), then pool
 * ids (the state and the text columns).
 */
const INT_FIELDS = ['attempt', 'transitionStart', 'state', ...TASK_TEXT_COLUMNS] as const;

/** The task id's bytes, after the int fields (task-ids.ts). */
export const TASK_ID_BYTES = 24;

/**
 * 8 floats, 20 ints and the task id: 168 bytes, the 141 of the columns the records replaced, a
 * transition offset, and the id that was a string of its own (a pointer and ~64 bytes).
 */
export const RECORD_BYTES =
  8 * Math.ceil((8 * FLOAT_FIELDS.length + 4 * INT_FIELDS.length + TASK_ID_BYTES) / 8);
const FLOATS_PER_RECORD = RECORD_BYTES / 8;
const INTS_PER_RECORD = RECORD_BYTES / 4;
const FIRST_INT = 2 * FLOAT_FIELDS.length;
/** Where a record's task id starts, in bytes from the record's start. */
export const TASK_ID_AT = 4 * (FIRST_INT + INT_FIELDS.length);

/** One int field of every record. */
export class IntField {
  private readonly ints: Int32Array;
  private readonly index: number;

  constructor(ints: Int32Array, index: number) {
    this.ints = ints;
    this.index = index;
  }

  at(row: number): number {
    return this.ints[row * INTS_PER_RECORD + this.index]!;
  }

  set(row: number, value: number): void {
    this.ints[row * INTS_PER_RECORD + this.index] = value;
  }
}

/** One float field of every record. */
export class FloatField {
  private readonly floats: Float64Array;
  private readonly index: number;

  constructor(floats: Float64Array, index: number) {
    this.floats = floats;
    this.index = index;
  }

  at(row: number): number {
    return this.floats[row * FLOATS_PER_RECORD + this.index]!;
  }

  set(row: number, value: number): void {
    this.floats[row * FLOATS_PER_RECORD + this.index] = value;
  }
}

/** One builder's columns (task-columns.ts), as a sorted run has them (task-runs.ts). */
export interface ColumnsOfRun {
  text: Record<TaskTextColumn, Int32Array>;
  numbers: Record<TaskNumberColumn, Float64Array>;
}

/** Where each text and number column's field is in a record (ints, floats). */
const TEXT_AT = Int32Array.from(TASK_TEXT_COLUMNS, (name) => FIRST_INT + INT_FIELDS.indexOf(name));
const NUMBER_AT = Int32Array.from(TASK_NUMBER_COLUMNS, (name) => FLOAT_FIELDS.indexOf(name));
const SMALLEST_NUMBER = Uint8Array.from(TASK_NUMBER_COLUMNS, (name) =>
  name === 'workerPid' ? 1 : 0,
);

/**
 * Merges each run's columns into the first `rows.length` records (record i takes run j's row
 * `rows[j][i]`, none when -1), with the builder's rules: the smallest string id (ids of one
 * sorted pool compare as their strings; 0: none), the smallest pid, the largest log offsets
 * (NaN: none). Record by record, so each pass reads and writes the records in order: a pass per
 * field and run reads a cache line per record every time (memory-bound: 34 passes at 100k
 * attempts took ~190 ms, docs/bench.md, "Seventh round").
 */
export function mergeColumns(
  records: TaskRecords,
  runs: readonly ColumnsOfRun[],
  rows: readonly Int32Array[],
  remaps: readonly Int32Array[],
): void {
  const { ints, floats } = records;
  const n = rows[0]?.length ?? 0;
  for (let i = 0, base = 0; i < n; i++, base += FLOATS_PER_RECORD)
    for (let c = 0; c < NUMBER_AT.length; c++) floats[base + NUMBER_AT[c]!] = NaN;
  for (let j = 0; j < runs.length; j++) {
    const texts = TASK_TEXT_COLUMNS.map((name) => runs[j]!.text[name]);
    const numbers = TASK_NUMBER_COLUMNS.map((name) => runs[j]!.numbers[name]);
    const rowsOfRun = rows[j]!;
    const remap = remaps[j]!;
    for (let i = 0; i < n; i++) {
      const row = rowsOfRun[i]!;
      if (row < 0) continue;
      const intBase = i * INTS_PER_RECORD;
      for (let c = 0; c < texts.length; c++) {
        const id = remap[texts[c]![row]!]!;
        const at = intBase + TEXT_AT[c]!;
        const current = ints[at]!;
        if (id !== 0 && (current === 0 || id < current)) ints[at] = id;
      }
      const floatBase = i * FLOATS_PER_RECORD;
      for (let c = 0; c < numbers.length; c++) {
        const value = numbers[c]![row]!;
        const at = floatBase + NUMBER_AT[c]!;
        const current = floats[at]!;
        if (Number.isNaN(value)) continue;
        if (Number.isNaN(current) || (SMALLEST_NUMBER[c] ? value < current : value > current))
          floats[at] = value;
      }
    }
  }
}

/**
 * The records of `count` attempts and a field object per value. There is one record more than
 * attempts: its `transitionStart` ends the last attempt's transitions.
 */
export interface TaskRecords {
  /** All records, as floats (what a snapshot stores: its sections are 8-byte aligned). */
  floats: Float64Array;
  /** The same bytes as ints. */
  ints: Int32Array;
  /** The same bytes as bytes (the task ids: task-ids.ts). */
  bytes: Buffer;
  attempt: IntField;
  /** Row r's transitions are [transitionStart.at(r), transitionStart.at(r + 1)), sorted by time. */
  transitionStart: IntField;
  /** Pool id of the current state (last transition, NIL when none). */
  state: IntField;
  text: Record<TaskTextColumn, IntField>;
  numbers: Record<TaskNumberColumn, FloatField>;
  /** Unix ms (fractional), NaN when not recorded. */
  creationMs: FloatField;
  startMs: FloatField;
  endMs: FloatField;
}

/** Float count of the records of `count` attempts (one more record than attempts). */
export const recordFloats = (count: number): number => (count + 1) * FLOATS_PER_RECORD;

/** Fields over existing records (`floats` holds recordFloats(count) values: a snapshot's bytes). */
export function taskRecords(floats: Float64Array): TaskRecords {
  const ints = new Int32Array(floats.buffer, floats.byteOffset, floats.length * 2);
  const float = (name: (typeof FLOAT_FIELDS)[number]) =>
    new FloatField(floats, FLOAT_FIELDS.indexOf(name));
  const int = (name: (typeof INT_FIELDS)[number]) =>
    new IntField(ints, FIRST_INT + INT_FIELDS.indexOf(name));
  return {
    floats,
    ints,
    bytes: Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength),
    attempt: int('attempt'),
    transitionStart: int('transitionStart'),
    state: int('state'),
    text: mapColumns(TASK_TEXT_COLUMNS, int),
    numbers: mapColumns(TASK_NUMBER_COLUMNS, float),
    creationMs: float('creationMs'),
    startMs: float('startMs'),
    endMs: float('endMs'),
  };
}

/** Zeroed records for `count` attempts (every float field 0, not NaN: the freezer sets each). */
export function newTaskRecords(count: number): TaskRecords {
  return taskRecords(new Float64Array(recordFloats(count)));
}

/**
 * Reads every cache line of these rows' records (one int per 64 bytes, and the last) and returns
 * a sum of what it read, so the reads cannot be optimised away: the prefetch pass of a page.
 */
export function touchRecords(records: TaskRecords, rows: Int32Array): number {
  const ints = records.ints;
  let sum = 0;
  for (let i = 0; i < rows.length; i++) {
    const at = rows[i]! * INTS_PER_RECORD;
    for (let k = 0; k < INTS_PER_RECORD; k += 16) sum += ints[at + k]!;
    sum += ints[at + INTS_PER_RECORD - 1]!;
  }
  return sum;
}
