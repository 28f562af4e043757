import type { NodeDetail } from '../../../contract/ray.ts';
import { resourceLines } from './resources-text.ts';
import type { SessionSnapshot } from './snapshot.ts';
import { dictionary } from './dictionary.ts';

// `/api/cluster_status?format=1`: a `ray status`-style text rebuilt from recorded node states
// and the raylets' debug_state.txt resource dumps.

const RULE = '-'.repeat(63);

function nodeLabel(node: NodeDetail): string {
  const type = node.raylet.isHeadNode ? 'head' : node.raylet.nodeTypeName || 'worker';
  return `${type} node_${node.raylet.nodeId}${node.ip ? ` (${node.ip})` : ''}`;
}

function sum(into: Record<string, number>, values: Record<string, number>): void {
  for (const [name, n] of Object.entries(values)) into[name] = (into[name] ?? 0) + n;
}

export function clusterStatus(snapshot: SessionSnapshot): string {
  const alive = snapshot.nodes.filter((n) => n.raylet.state === 'ALIVE');
  const dead = snapshot.nodes.filter((n) => n.raylet.state === 'DEAD');
  const lines = [
    '======== Autoscaler status (rebuilt from recorded history) ========',
    'Node status',
    RULE,
  ];
  lines.push(
    'Active:',
    ...(alive.length ? alive.map((n) => ` ${nodeLabel(n)}`) : [' (no active nodes)']),
  );
  lines.push('Pending:', ' (not recorded)');
  lines.push(
    'Recent failures:',
    ...(dead.length
      ? dead.map((n) => ` ${nodeLabel(n)}: ${n.raylet.stateMessage}`)
      : [' (no failures)']),
  );

  // Usage of the nodes alive at the end; if none was, the last dumps of every node.
  const aliveIds = new Set(alive.map((n) => n.raylet.nodeId));
  const dumps = [...snapshot.nodeResources.entries()];
  const counted = dumps.some(([id]) => aliveIds.has(id))
    ? dumps.filter(([id]) => aliveIds.has(id))
    : dumps;
  const total = dictionary<number>();
  const available = dictionary<number>();
  let usageKnown = counted.length > 0;
  for (const [, resources] of counted) {
    sum(total, resources.total);
    if (resources.available) sum(available, resources.available);
    else usageKnown = false;
  }
  if (!counted.length) for (const node of alive) sum(total, node.raylet.resourcesTotal);
  const usage = resourceLines(total, usageKnown ? available : null);
  lines.push(
    '',
    'Resources',
    RULE,
    'Usage:',
    ...(usage.length ? usage.map((l) => ` ${l}`) : [' (not recorded)']),
  );
  lines.push('', 'Demands:', ' (not recorded)');
  return lines.join('\n');
}
