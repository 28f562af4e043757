import type { SessionInfo } from '../../../contract/api.ts';
import type { NodeDetail } from '../../../contract/ray.ts';
import type { Storage } from '../../storage/storage.ts';
import { hasLogs, storedNodeIds } from './log-files.ts';

// Every node of a session for the logs view: the ones the events know (dead ones included)
// and any other node folder found in storage.

export interface LogNode {
  nodeId: string;
  ip: string;
  hostname: string;
  isHead: boolean;
  state: 'ALIVE' | 'DEAD';
  deathReason: string | null;
  hasLogs: boolean;
}

export async function logNodes(
  storage: Storage,
  session: SessionInfo,
  nodes: NodeDetail[],
): Promise<LogNode[]> {
  const known = nodes.map((n) => ({
    nodeId: n.raylet.nodeId,
    ip: n.ip,
    hostname: n.hostname,
    isHead: n.raylet.isHeadNode,
    state: n.raylet.state,
    deathReason: n.raylet.state === 'DEAD' ? n.raylet.stateMessage || null : null,
  }));
  const ids = new Set(known.map((n) => n.nodeId));
  // A node folder without events: the cluster is gone, so the node is too.
  const unknown = (await storedNodeIds(storage, session))
    .filter((id) => !ids.has(id))
    .map((nodeId) => ({
      nodeId,
      ip: '',
      hostname: '',
      isHead: false,
      state: 'DEAD' as const,
      deathReason: null,
    }));
  const all = [...known, ...unknown];
  const logs = await Promise.all(all.map((n) => hasLogs(storage, session, n.nodeId)));
  return all.map((n, i) => ({ ...n, hasLogs: logs[i]! }));
}
