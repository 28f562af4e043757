import type { FuncNameSummary, TaskSummaryPerFunc } from '../../../contract/ray.ts';
import type { SessionSnapshot } from './snapshot.ts';
import { addCount, rowsInScope, sortedCounts, taskTotals } from './task-rows-in-scope.ts';
import { dictionary } from './dictionary.ts';

// `/api/v0/tasks/summarize?summary_by=func_name`: attempts counted per function and state.

export function summarizeByFunc(snapshot: SessionSnapshot, jobId?: string): FuncNameSummary {
  const t = snapshot.tasks;
  const inScope = rowsInScope(t, jobId);
  const rows: number[] = [];
  const byFunc = new Map<string, TaskSummaryPerFunc>();
  for (let row = 0; row < t.count; row++) {
    if (!inScope(row)) continue;
    rows.push(row);
    // Ray groups by the task's name, which for a named actor's creation task carries the actor's
    // name (`shard-writer-3:ShardWriter.__init__`), and shows that name as func_or_class_name.
    const func = t.pool.get(t.text.name.at(row) || t.text.funcOrClassName.at(row));
    let entry = byFunc.get(func);
    if (!entry) {
      entry = {
        func_or_class_name: func,
        type: t.pool.get(t.text.type.at(row)),
        state_counts: dictionary<number>(),
      };
      byFunc.set(func, entry);
    }
    addCount(entry.state_counts, t.pool.get(t.state.at(row)));
  }
  const summary = dictionary<TaskSummaryPerFunc>();
  for (const func of [...byFunc.keys()].sort()) {
    const entry = byFunc.get(func)!;
    summary[func] = { ...entry, state_counts: sortedCounts(entry.state_counts) };
  }
  return { summary, ...taskTotals(t, rows) };
}
