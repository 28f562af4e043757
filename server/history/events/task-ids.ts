import { RECORD_BYTES, TASK_ID_AT, TASK_ID_BYTES, type TaskRecords } from './task-records.ts';

// Task ids inside the task records. A Ray task id is 24 bytes, shown as 48 lowercase hex
// characters (ids.ts normalizes every id to that form): stored as its bytes in the attempt's
// record, a tasks page reads it with the rest of the record instead of chasing a pointer to a
// string of its own, scattered over the heap (two cache misses per row, the largest single cost
// of a page: docs/bench.md, "API on loopback"), and it takes 24 bytes instead of ~68. An id of
// any other form (a recording that is not Ray's, tests) is kept as a string by row, its record's
// id bytes left zero.

/** The task ids of a frozen table: in the records, and the few that are not 48 hex characters. */
export interface TaskIdsOf extends TaskRecords {
  /** Rows whose task id is not 48 lowercase hex characters, with that id. */
  oddTaskIds: Map<number, string>;
}

const HEX_ID = /^[0-9a-f]{48}$/;

/** Whether `id` is stored in a record (48 lowercase hex characters). */
export const isRecordTaskId = (id: string): boolean => HEX_ID.test(id);

/** Stores `id` in `row`'s record; false (record untouched) when it is not 48 hex characters. */
export function storeTaskId(records: TaskRecords, row: number, id: string): boolean {
  if (!isRecordTaskId(id)) return false;
  records.bytes.write(id, row * RECORD_BYTES + TASK_ID_AT, TASK_ID_BYTES, 'hex');
  return true;
}

/** Where `row`'s task id bytes start in `bytes`. */
export const taskIdAt = (row: number): number => row * RECORD_BYTES + TASK_ID_AT;

/** The task id of `row`, as a string (a new one for record ids: not for every row of a page). */
export function taskIdOf(t: TaskIdsOf, row: number): string {
  if (t.oddTaskIds.size !== 0) {
    const odd = t.oddTaskIds.get(row);
    if (odd !== undefined) return odd;
  }
  const at = taskIdAt(row);
  return t.bytes.toString('hex', at, at + TASK_ID_BYTES);
}

/** Whether rows `a` and `b` have the same task id. */
export function sameTaskId(t: TaskIdsOf, a: number, b: number): boolean {
  if (t.oddTaskIds.size !== 0 && (t.oddTaskIds.has(a) || t.oddTaskIds.has(b)))
    return t.oddTaskIds.get(a) === t.oddTaskIds.get(b);
  const ints = t.ints;
  const x = taskIdAt(a) >> 2;
  const y = taskIdAt(b) >> 2;
  for (let k = 0; k < TASK_ID_BYTES / 4; k++) if (ints[x + k] !== ints[y + k]) return false;
  return true;
}

/** A test for rows whose task id is `id` (a normalized id). */
export function taskIdEquals(t: TaskIdsOf, id: string): (row: number) => boolean {
  if (!isRecordTaskId(id)) return (row) => t.oddTaskIds.get(row) === id;
  const wanted = new Int32Array(TASK_ID_BYTES / 4);
  Buffer.from(wanted.buffer).write(id, 'hex');
  const ints = t.ints;
  return (row) => {
    if (t.oddTaskIds.size !== 0 && t.oddTaskIds.has(row)) return false;
    const at = taskIdAt(row) >> 2;
    for (let k = 0; k < wanted.length; k++) if (ints[at + k] !== wanted[k]) return false;
    return true;
  };
}
