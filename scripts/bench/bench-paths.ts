import { apiPaths } from '../../contract/paths.ts';
import { TASK_TABLE_FIELDS } from '../../contract/ray.ts';
import { FsStorage } from '../../server/storage/fs-storage.ts';
import type { ManifestSession } from '../sample/manifest.ts';
import { attemptCount, scopeOf } from './samples.ts';

// The request paths the API rows and the soak send, named as the SPA's views would ask for them.

export const TASK_PAGE_SIZE = 100;
export const TAIL_LINES = 1000;

export interface LogFile {
  nodeId: string;
  /** Relative to the node's logs/ folder. */
  filename: string;
  bytes: number;
}

/** The session's largest log file directly under a node's logs/ (the worst case for a tail). */
export async function largestLog(storageDir: string, s: ManifestSession): Promise<LogFile | null> {
  const storage = new FsStorage(storageDir);
  let best: LogFile | null = null;
  for (const node of s.nodes.filter((n) => n.hasLogs)) {
    const prefix = `${s.dir}${node.nodeId}/logs/`;
    let cursor: string | undefined;
    do {
      const page = await storage.list(prefix, { delimited: true, cursor });
      for (const e of page.entries)
        if (!e.isFolder && (!best || e.size > best.bytes))
          best = { nodeId: node.nodeId, filename: e.key.slice(prefix.length), bytes: e.size };
      cursor = page.cursor;
    } while (cursor);
  }
  return best;
}

export const jobsPath = (s: ManifestSession) => apiPaths.scoped(scopeOf(s), '/api/jobs/');

export const summaryPath = (s: ManifestSession) => apiPaths.scoped(scopeOf(s), '/summary');

export const loadProgressPath = (s: ManifestSession) =>
  apiPaths.scoped(scopeOf(s), '/load_progress');

/**
 * Page `page` (0-based) of the tasks view: the query the SPA sends for its default sort, the
 * fields its table reads included (`columns=`); `allFields`: every field of each attempt, as a
 * client of Ray's own state API asks (no `columns`).
 */
export function taskPagePath(s: ManifestSession, page: number, allFields = false): string {
  const search = new URLSearchParams({
    sort_by: 'creation_time_ms',
    order: 'asc',
    limit: String(TASK_PAGE_SIZE),
    offset: String(page * TASK_PAGE_SIZE),
  });
  if (!allFields) search.set('columns', TASK_TABLE_FIELDS.join(','));
  return `${apiPaths.scoped(scopeOf(s), '/api/v0/tasks')}?${search}`;
}

export function logTailPath(s: ManifestSession, log: LogFile): string {
  const search = new URLSearchParams({
    node_id: log.nodeId,
    filename: log.filename,
    lines: String(TAIL_LINES),
  });
  return `${apiPaths.scoped(scopeOf(s), '/api/v0/logs/file')}?${search}`;
}

/** Task pages spread over the whole session, in a fixed pseudo-random order (same every run). */
export function taskPages(s: ManifestSession, allFields = false): () => string {
  const pages = Math.max(1, Math.ceil(attemptCount(s) / TASK_PAGE_SIZE));
  let state = 0x2545f491;
  return () => {
    // xorshift32: cheap, deterministic, good enough to defeat any locality.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return taskPagePath(s, (state >>> 0) % pages, allFields);
  };
}
