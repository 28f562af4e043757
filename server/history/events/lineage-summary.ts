import type { LineageSummary, NestedTaskSummary } from '../../../contract/ray.ts';
import type { SessionSnapshot } from './snapshot.ts';
import { compareStrings } from './string-pool.ts';
import { addCount, rowsInScope, sortedCounts, taskTotals } from './task-rows-in-scope.ts';
import { sameTaskId, taskIdOf } from './task-ids.ts';
import type { TaskTable } from './task-table.ts';
import { dictionary } from './dictionary.ts';

// `/api/v0/tasks/summarize?summary_by=lineage`: the task tree by parent task. Each task counts
// once (its latest attempt); an actor's tasks hang under one ACTOR node placed where its
// creation task was submitted; siblings sharing a name fold into a GROUP.

/** Latest attempt row of every task in scope. */
function latestAttempts(t: TaskTable, inScope: (row: number) => boolean): number[] {
  const rows: number[] = [];
  for (let row = 0; row < t.count; row++) {
    const isLast = row + 1 === t.count || !sameTaskId(t, row + 1, row);
    if (isLast && inScope(row)) rows.push(row);
  }
  return rows;
}

function taskNode(t: TaskTable, row: number): NestedTaskSummary {
  const created = t.creationMs.at(row);
  const taskId = taskIdOf(t, row);
  return {
    name: t.pool.get(t.text.name.at(row) || t.text.funcOrClassName.at(row)),
    key: taskId,
    type: t.pool.get(t.text.type.at(row)) as NestedTaskSummary['type'],
    timestamp: Number.isNaN(created) ? null : Math.floor(created),
    state_counts: { [t.pool.get(t.state.at(row))]: 1 },
    children: [],
    link: { type: 'task', id: taskId },
  };
}

export function summarizeLineage(snapshot: SessionSnapshot, jobId?: string): LineageSummary {
  const t = snapshot.tasks;
  const rows = latestAttempts(t, rowsInScope(t, jobId));
  const byTaskId = new Map<string, NestedTaskSummary>();
  const nodes = new Map<number, NestedTaskSummary>();
  for (const row of rows) {
    const node = taskNode(t, row);
    nodes.set(row, node);
    byTaskId.set(node.key, node);
  }

  const actorClass = new Map(snapshot.actors.map((a) => [a.actorId, a.className]));
  const actorNodes = new Map<string, NestedTaskSummary>();
  const actorNode = (actorId: string, fallbackName: string) => {
    let node = actorNodes.get(actorId);
    if (!node) {
      node = {
        name: actorClass.get(actorId) || fallbackName.split('.')[0] || actorId,
        key: actorId,
        type: 'ACTOR',
        timestamp: null,
        state_counts: dictionary<number>(),
        children: [],
        link: { type: 'actor', id: actorId },
      };
      actorNodes.set(actorId, node);
    }
    return node;
  };

  // parentOf: the tree node each node hangs under (undefined = root).
  const parentOf = new Map<NestedTaskSummary, NestedTaskSummary | undefined>();
  const creationParent = new Map<string, string>();
  for (const row of rows) {
    const node = nodes.get(row)!;
    const actorId = t.pool.get(t.text.actorId.at(row));
    const parent = byTaskId.get(t.pool.get(t.text.parentTaskId.at(row)));
    if (actorId && (node.type === 'ACTOR_TASK' || node.type === 'ACTOR_CREATION_TASK')) {
      const actor = actorNode(actorId, node.name);
      parentOf.set(node, actor);
      if (node.type === 'ACTOR_CREATION_TASK')
        creationParent.set(actorId, t.pool.get(t.text.parentTaskId.at(row)));
    } else {
      parentOf.set(node, parent);
    }
  }
  for (const [actorId, actor] of actorNodes) {
    parentOf.set(actor, byTaskId.get(creationParent.get(actorId) ?? ''));
  }
  breakCycles(parentOf);

  const roots: NestedTaskSummary[] = [];
  for (const [node, parent] of parentOf) (parent ? parent.children : roots).push(node);
  const summary = finish(roots);
  return { summary, ...taskTotals(t, rows) };
}

/** A parent chain that loops (bad data) would hide its nodes: cut it at the node that closes it. */
function breakCycles(parentOf: Map<NestedTaskSummary, NestedTaskSummary | undefined>): void {
  const done = new Set<NestedTaskSummary>();
  for (const start of parentOf.keys()) {
    const path = new Set<NestedTaskSummary>();
    let node: NestedTaskSummary | undefined = start;
    while (node && !done.has(node)) {
      if (path.has(node)) {
        parentOf.set(node, undefined);
        break;
      }
      path.add(node);
      node = parentOf.get(node);
    }
    for (const visited of path) done.add(visited);
  }
}

/** Groups same-named siblings, then sums counts and times bottom-up and sorts children. */
function finish(roots: NestedTaskSummary[]): NestedTaskSummary[] {
  const top = grouped(roots);
  const stack: { node: NestedTaskSummary; expanded: boolean }[] = top.map((node) => ({
    node,
    expanded: false,
  }));
  while (stack.length) {
    const item = stack.pop()!;
    const node = item.node;
    if (!item.expanded) {
      // A GROUP's members share one name by construction: grouping them again would never end.
      if (node.type !== 'GROUP') node.children = grouped(node.children);
      stack.push({ node, expanded: true });
      for (const child of node.children) stack.push({ node: child, expanded: false });
      continue;
    }
    const counts = { ...node.state_counts };
    for (const child of node.children) {
      for (const [state, n] of Object.entries(child.state_counts)) addCount(counts, state, n);
      if (
        child.timestamp !== null &&
        (node.timestamp === null || child.timestamp < node.timestamp)
      ) {
        node.timestamp = child.timestamp;
      }
    }
    node.state_counts = sortedCounts(counts);
    node.children.sort(byTimeThenKey);
  }
  return top.sort(byTimeThenKey);
}

function grouped(nodes: NestedTaskSummary[]): NestedTaskSummary[] {
  const byName = new Map<string, NestedTaskSummary[]>();
  const out: NestedTaskSummary[] = [];
  for (const node of nodes) {
    if (node.type === 'ACTOR') out.push(node);
    else {
      const same = byName.get(node.name);
      if (same) same.push(node);
      else byName.set(node.name, [node]);
    }
  }
  for (const [name, same] of byName) {
    if (same.length === 1) out.push(same[0]!);
    else
      out.push({
        name,
        key: `group:${name}:${same.map((n) => n.key).sort(compareStrings)[0]}`,
        type: 'GROUP',
        timestamp: null,
        state_counts: dictionary<number>(),
        children: same,
        link: null,
      });
  }
  return out;
}

function byTimeThenKey(a: NestedTaskSummary, b: NestedTaskSummary): number {
  const ta = a.timestamp ?? Infinity;
  const tb = b.timestamp ?? Infinity;
  return ta - tb || compareStrings(a.key, b.key);
}
