import { describe, expect, it } from 'vitest';
import { TASK_NUMBER_COLUMNS, TASK_TEXT_COLUMNS } from './task-columns.ts';
import {
  RECORD_BYTES,
  newTaskRecords,
  recordFloats,
  taskRecords,
  touchRecords,
  type FloatField,
  type IntField,
} from './task-records.ts';

function fieldsOf(records: ReturnType<typeof newTaskRecords>): (IntField | FloatField)[] {
  return [
    records.attempt,
    records.transitionStart,
    records.state,
    ...TASK_TEXT_COLUMNS.map((name) => records.text[name]),
    ...TASK_NUMBER_COLUMNS.map((name) => records.numbers[name]),
    records.creationMs,
    records.startMs,
    records.endMs,
  ];
}

describe('task records', () => {
  it('keep every value of every attempt apart: no field or record overlaps another', () => {
    const count = 5;
    const records = newTaskRecords(count);
    const fields = fieldsOf(records);
    // A distinct value in every field of every record (and the extra record), then read back.
    const value = (f: number, row: number) => 1000 * (row + 1) + f;
    for (let row = 0; row <= count; row++)
      fields.forEach((field, f) => field.set(row, value(f, row)));
    for (let row = 0; row <= count; row++)
      fields.forEach((field, f) => expect(field.at(row)).toBe(value(f, row)));
  });

  it('hold float fields whole (NaN, fractions, large values)', () => {
    const records = newTaskRecords(3);
    records.creationMs.set(1, 1767000000123.25);
    records.startMs.set(1, NaN);
    records.numbers.stdoutEnd.set(2, 2 ** 52 + 1);
    expect(records.creationMs.at(1)).toBe(1767000000123.25);
    expect(records.startMs.at(1)).toBeNaN();
    expect(records.numbers.stdoutEnd.at(2)).toBe(2 ** 52 + 1);
    expect(records.creationMs.at(0)).toBe(0);
  });

  it('take the bytes the columns they replaced took, a transition offset and the task id', () => {
    // 8 float fields, 19 int fields of values, the transition offset and 24 bytes of task id.
    expect(RECORD_BYTES).toBe(8 * 8 + 4 * 20 + 24);
    expect(recordFloats(10) * 8).toBe(11 * RECORD_BYTES);
  });

  it('read back from the bytes alone (as a snapshot does)', () => {
    const records = newTaskRecords(2);
    records.text.jobId.set(1, 42);
    records.endMs.set(0, 12.5);
    const copy = taskRecords(new Float64Array(records.floats));
    expect(copy.text.jobId.at(1)).toBe(42);
    expect(copy.endMs.at(0)).toBe(12.5);
  });

  it('are read whole by the prefetch pass', () => {
    const records = newTaskRecords(4);
    const ints = records.ints;
    const perRecord = RECORD_BYTES / 4;
    // One int in every cache line of record 2, the last int included: all counted.
    for (let k = 0; k < perRecord; k++) ints[2 * perRecord + k] = 1;
    const touched = touchRecords(records, Int32Array.of(2));
    expect(touched).toBe(Math.ceil(perRecord / 16) + 1);
    expect(touchRecords(records, Int32Array.of(0, 1, 3))).toBe(0);
  });
});
