import type { ChromeTraceEvent } from '../../../contract/ray.ts';
import type { SessionSnapshot } from './snapshot.ts';
import { compareStrings } from './string-pool.ts';
import { taskIdOf } from './task-ids.ts';
import { rowsInScope } from './task-rows-in-scope.ts';

// `/api/v0/tasks/timeline`: a Chrome trace. One process lane per node, one thread lane per
// worker. Spans come from profile events where recorded, else from RUNNING to the end state.

interface Span {
  node: string;
  worker: string;
  name: string;
  startMs: number;
  endMs: number;
  args: Record<string, unknown>;
}

function collectSpans(snapshot: SessionSnapshot, jobId?: string): Span[] {
  const t = snapshot.tasks;
  const ipOf = new Map(snapshot.nodes.map((n) => [n.raylet.nodeId, n.ip]));
  const failed = t.pool.idOf('FAILED');
  const inScope = rowsInScope(t, jobId);
  const spans: Span[] = [];
  // Rows and span rows both ascend: one cursor walks the spans.
  let next = 0;
  for (let row = 0; row < t.count; row++) {
    if (!inScope(row)) continue;
    const nodeId = t.pool.get(t.text.nodeId.at(row));
    const rowNode = ipOf.get(nodeId) || nodeId;
    const rowWorker = t.pool.get(t.text.workerId.at(row));
    const func = t.pool.get(t.text.funcOrClassName.at(row) || t.text.name.at(row));
    const args = {
      task_id: taskIdOf(t, row),
      attempt_number: t.attempt.at(row),
      job_id: t.pool.get(t.text.jobId.at(row)),
      func_or_class_name: func,
      state: t.pool.get(t.state.at(row)),
      ...(t.state.at(row) === failed ? { failed: true } : {}),
    };
    while (next < t.spanRow.length && t.spanRow[next]! < row) next++;
    const from = next;
    while (next < t.spanRow.length && t.spanRow[next] === row) next++;
    const to = next;
    for (let k = from; k < to; k++) {
      spans.push({
        node: t.pool.get(t.spanNodeIp[k]!) || rowNode,
        worker: t.pool.get(t.spanWorker[k]!) || rowWorker,
        name: t.pool.get(t.spanName[k]!) || func,
        startMs: t.spanStart[k]!,
        endMs: t.spanEnd[k]!,
        args,
      });
    }
    const start = t.startMs.at(row);
    const end = t.endMs.at(row);
    if (from === to && !Number.isNaN(start) && !Number.isNaN(end)) {
      spans.push({
        node: rowNode,
        worker: rowWorker,
        name: func,
        startMs: start,
        endMs: end,
        args,
      });
    }
  }
  return spans;
}

export function taskTimeline(snapshot: SessionSnapshot, jobId?: string): ChromeTraceEvent[] {
  const spans = collectSpans(snapshot, jobId);
  const nodes = [...new Set(spans.map((s) => s.node))].sort(compareStrings);
  const pidOf = new Map(nodes.map((node, i) => [node, i + 1]));
  const workerSets = new Map<string, Set<string>>(nodes.map((node) => [node, new Set()]));
  for (const s of spans) workerSets.get(s.node)!.add(s.worker);
  const workersByNode = new Map(
    nodes.map((node) => [node, [...workerSets.get(node)!].sort(compareStrings)]),
  );
  const names: ChromeTraceEvent[] = [];
  const tidOf = new Map<string, number>();
  for (const node of nodes) {
    const pid = pidOf.get(node)!;
    names.push({
      name: 'process_name',
      ph: 'M',
      pid,
      tid: 0,
      args: { name: `Node ${node || 'unknown'}` },
    });
    workersByNode.get(node)!.forEach((worker, i) => {
      tidOf.set(`${node}\n${worker}`, i + 1);
      const label = worker ? `worker:${worker.slice(0, 8)}` : 'worker:unknown';
      names.push({ name: 'thread_name', ph: 'M', pid, tid: i + 1, args: { name: label } });
    });
  }
  const work: ChromeTraceEvent[] = spans.map((s) => ({
    name: s.name,
    cat: s.name,
    ph: 'X',
    pid: pidOf.get(s.node)!,
    tid: tidOf.get(`${s.node}\n${s.worker}`)!,
    ts: Math.round(s.startMs * 1000),
    dur: Math.max(0, Math.round((s.endMs - s.startMs) * 1000)),
    ...(s.args.failed ? { cname: 'terrible' } : {}),
    args: s.args,
  }));
  work.sort(
    (a, b) =>
      a.ts! - b.ts! ||
      a.pid - b.pid ||
      a.tid - b.tid ||
      compareStrings(a.name, b.name) ||
      compareStrings(String(a.args!.task_id), String(b.args!.task_id)),
  );
  return [...names, ...work];
}
