import type { SessionSnapshot, SortedRows } from './snapshot.ts';
import { sortIndicesByValue } from './sort-order.ts';
import type { FloatField, IntField } from './task-records.ts';
import type { TaskTable } from './task-table.ts';
import { taskStateRank } from './task-states.ts';

// Row orders for sorting tasks, built once per key and kept on the snapshot. Rows without a
// value for the key come last in either direction.

export const TASK_SORT_KEYS = [
  'task_id',
  'attempt_number',
  'creation_time_ms',
  'start_time_ms',
  'end_time_ms',
  'duration_ms',
  'name',
  'func_or_class_name',
  'state',
  'type',
  'job_id',
  'node_id',
  'error_type',
] as const;
export type TaskSortKey = (typeof TASK_SORT_KEYS)[number];

/** A numeric sort value per row, NaN when missing. */
function sortValues(t: TaskTable, key: TaskSortKey): Float64Array {
  const n = t.count;
  const out = new Float64Array(n);
  const id = (column: IntField) => {
    for (let r = 0; r < n; r++) out[r] = column.at(r) === 0 ? NaN : column.at(r);
  };
  const float = (column: FloatField) => {
    for (let r = 0; r < n; r++) out[r] = column.at(r);
  };
  switch (key) {
    case 'task_id':
      for (let r = 0; r < n; r++) out[r] = r;
      break;
    case 'attempt_number':
      for (let r = 0; r < n; r++) out[r] = t.attempt.at(r);
      break;
    case 'creation_time_ms':
      float(t.creationMs);
      break;
    case 'start_time_ms':
      float(t.startMs);
      break;
    case 'end_time_ms':
      float(t.endMs);
      break;
    case 'duration_ms':
      for (let r = 0; r < n; r++) out[r] = t.endMs.at(r) - t.startMs.at(r);
      break;
    case 'name':
      for (let r = 0; r < n; r++) {
        const name = t.text.name.at(r) || t.text.funcOrClassName.at(r);
        out[r] = name === 0 ? NaN : name;
      }
      break;
    case 'func_or_class_name':
      id(t.text.funcOrClassName);
      break;
    case 'state': {
      const rank = t.pool.values.map((state) => taskStateRank(state));
      for (let r = 0; r < n; r++) out[r] = rank[t.state.at(r)]! * t.pool.size + t.state.at(r);
      break;
    }
    case 'type':
      id(t.text.type);
      break;
    case 'job_id':
      id(t.text.jobId);
      break;
    case 'node_id':
      id(t.text.nodeId);
      break;
    case 'error_type':
      id(t.text.errorType);
      break;
  }
  return out;
}

export function sortedRows(snapshot: SessionSnapshot, key: TaskSortKey): SortedRows {
  const cached = snapshot.sortCache.get(key);
  if (cached) return cached;
  const t = snapshot.tasks;
  const values = sortValues(t, key);
  const rows = new Int32Array(t.count);
  let withValue = 0;
  let missing = t.count;
  for (let r = 0; r < t.count; r++) {
    if (Number.isNaN(values[r]!)) rows[--missing] = r;
    else rows[withValue++] = r;
  }
  sortIndicesByValue(rows.subarray(0, withValue), values);
  rows.subarray(withValue).sort();
  const sorted = { rows, withValue };
  snapshot.sortCache.set(key, sorted);
  return sorted;
}
