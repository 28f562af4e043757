import { normalizeId } from './ids.ts';
import type { TaskTable } from './task-table.ts';
import { dictionary } from './dictionary.ts';

// Which task rows a per-job view looks at: every attempt but the driver's, optionally of one job.

export function rowsInScope(t: TaskTable, jobId?: string): (row: number) => boolean {
  const driver = t.pool.idOf('DRIVER_TASK');
  const job = jobId ? t.pool.idOf(normalizeId(jobId)) : null;
  return (row) => t.text.type.at(row) !== driver && (job === null || t.text.jobId.at(row) === job);
}

/** Ray's three totals: normal tasks, actor tasks, actors scheduled (creation tasks). */
export function taskTotals(t: TaskTable, rows: Iterable<number>) {
  const actorTask = t.pool.idOf('ACTOR_TASK');
  const creation = t.pool.idOf('ACTOR_CREATION_TASK');
  let total_tasks = 0;
  let total_actor_tasks = 0;
  let total_actor_scheduled = 0;
  for (const row of rows) {
    const type = t.text.type.at(row);
    if (type === actorTask) total_actor_tasks++;
    else if (type === creation) total_actor_scheduled++;
    else total_tasks++;
  }
  return { total_tasks, total_actor_tasks, total_actor_scheduled };
}

export function addCount(counts: Record<string, number>, key: string, n = 1): void {
  counts[key] = (counts[key] ?? 0) + n;
}

/** The same counts with keys in a fixed order, so answers never depend on arrival order. */
export function sortedCounts(counts: Record<string, number>): Record<string, number> {
  const out = dictionary<number>();
  for (const key of Object.keys(counts).sort()) out[key] = counts[key]!;
  return out;
}
