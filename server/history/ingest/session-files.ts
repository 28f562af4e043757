import {
  NODE_ID,
  isEventFileName,
  isLegacyEventFileName,
  jobEventsDir,
  nodeDebugStateKey,
  nodeDir,
  nodeEventsDir,
  nodeLegacyEventsDir,
  nodeLogsDir,
  sessionDir,
} from '../layout.ts';
import { listAll, type Storage, type StorageEntry } from '../../storage/storage.ts';
import type { SessionInfo } from '../../../contract/api.ts';
import { forEachLimited } from './concurrency.ts';

// Everything ingest reads for one session, found by listing storage (never by guessing names).

export type SessionFileKind = 'node-events' | 'job-events' | 'legacy-events' | 'debug-state';

export interface SessionFile {
  key: string;
  /** Key relative to the session folder, for warnings (`<nodeId>/node_events/...`). */
  name: string;
  nodeId: string;
  kind: SessionFileKind;
  /** Stored size in bytes (compressed size for .gz). */
  size: number;
  /** Last modification, unix ms (0 when unknown): a persisted snapshot checks it. */
  mtime: number;
}

export interface SessionFiles {
  nodeIds: string[];
  /** Nodes whose folder has no `logs/` (logs not uploaded, or not yet). */
  nodesWithoutLogs: string[];
  files: SessionFile[];
  totalBytes: number;
}

const LIST_CONCURRENCY = 8;

function lastSegment(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}

export async function listSessionFiles(
  storage: Storage,
  session: SessionInfo,
): Promise<SessionFiles> {
  const root = sessionDir(session);
  const nodeIds: string[] = [];
  for await (const entry of listAll(storage, root, { delimited: true })) {
    if (!entry.isFolder) continue;
    const name = entry.key.slice(root.length, -1);
    if (NODE_ID.test(name)) nodeIds.push(name);
  }

  const files: SessionFile[] = [];
  const nodesWithoutLogs: string[] = [];
  const add = (nodeId: string, kind: SessionFileKind, entry: StorageEntry) =>
    files.push({
      key: entry.key,
      name: entry.key.slice(root.length),
      nodeId,
      kind,
      size: entry.size,
      mtime: entry.mtime,
    });

  await forEachLimited(nodeIds, LIST_CONCURRENCY, async (nodeId) => {
    const children = new Set<string>();
    for await (const entry of listAll(storage, nodeDir(session, nodeId), { delimited: true })) {
      if (entry.isFolder) children.add(entry.key);
    }
    if (children.has(nodeEventsDir(session, nodeId))) {
      const dir = nodeEventsDir(session, nodeId);
      for await (const entry of listAll(storage, dir)) {
        const rest = entry.key.slice(dir.length);
        if (!entry.isFolder && !rest.includes('/') && isEventFileName(rest))
          add(nodeId, 'node-events', entry);
      }
    }
    if (children.has(jobEventsDir(session, nodeId))) {
      const dir = jobEventsDir(session, nodeId);
      for await (const entry of listAll(storage, dir)) {
        const parts = entry.key.slice(dir.length).split('/');
        if (!entry.isFolder && parts.length === 2 && parts[0] && isEventFileName(parts[1]!))
          add(nodeId, 'job-events', entry);
      }
    }
    if (!children.has(nodeLogsDir(session, nodeId))) {
      nodesWithoutLogs.push(nodeId);
      return;
    }
    const legacyDir = nodeLegacyEventsDir(session, nodeId);
    for await (const entry of listAll(storage, legacyDir, { delimited: true })) {
      if (!entry.isFolder && isLegacyEventFileName(lastSegment(entry.key)))
        add(nodeId, 'legacy-events', entry);
    }
    const debugState = await storage.stat(nodeDebugStateKey(session, nodeId));
    if (debugState && !debugState.isFolder) add(nodeId, 'debug-state', debugState);
  });

  // Listing ran concurrently: sort so ingest order (and warnings) never depend on timing.
  files.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  nodesWithoutLogs.sort();
  const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
  return { nodeIds, nodesWithoutLogs, files, totalBytes };
}
