import type { SessionInfo } from '../../../contract/api.ts';
import type { LogFileEntry } from '../../../contract/log-types.ts';
import { listAll, type Storage } from '../../storage/storage.ts';
import { nodeIdOfFolder, nodeLogKey, nodeLogsDir, sessionDir } from '../layout.ts';
import { logCategory } from './log-categories.ts';

// What log files a session's nodes left in storage.

/** Direct children of one folder of a node's logs (`folder` '' or ending with '/'). */
export async function listLogFolder(
  storage: Storage,
  session: SessionInfo,
  nodeId: string,
  folder: string,
): Promise<LogFileEntry[]> {
  const base = nodeLogsDir(session, nodeId);
  const entries: LogFileEntry[] = [];
  for await (const entry of listAll(storage, nodeLogKey(session, nodeId, folder), {
    delimited: true,
  })) {
    const path = entry.key.slice(base.length);
    const name = path.slice(folder.length).replace(/\/$/, '');
    entries.push({
      path,
      name,
      isFolder: entry.isFolder,
      size: entry.size,
      mtime: entry.mtime,
      category: logCategory(path),
    });
  }
  return entries;
}

/** Every file (not folder) under a node's logs, in key order, paths relative to `logs/`. */
export async function* allLogFiles(
  storage: Storage,
  session: SessionInfo,
  nodeId: string,
): AsyncGenerator<{ path: string; size: number }> {
  const base = nodeLogsDir(session, nodeId);
  for await (const entry of listAll(storage, base)) {
    if (!entry.isFolder) yield { path: entry.key.slice(base.length), size: entry.size };
  }
}

/** Node ids that have a folder in the session's storage, in key order. */
export async function storedNodeIds(storage: Storage, session: SessionInfo): Promise<string[]> {
  const ids: string[] = [];
  for await (const entry of listAll(storage, sessionDir(session), { delimited: true })) {
    const id = entry.isFolder ? nodeIdOfFolder(session, entry.key) : null;
    if (id) ids.push(id);
  }
  return ids;
}

export async function hasLogs(
  storage: Storage,
  session: SessionInfo,
  nodeId: string,
): Promise<boolean> {
  const page = await storage.list(nodeLogsDir(session, nodeId), { limit: 1 });
  return page.entries.length > 0;
}
