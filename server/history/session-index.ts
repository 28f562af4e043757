import type { SessionInfo, SessionKind, SessionScope, SessionsPage } from '../../contract/api.ts';
import { badRequest, notFound } from '../http/errors.ts';
import { listAll, type Storage } from '../storage/storage.ts';
import { parseSessionName } from '../../contract/session-names.ts';
import { sessionKindOr400 } from '../http/query-params.ts';
import { decodeIndexKey, METADATA_DIR } from './layout.ts';

// Every session in storage, from the `cluster-metadata/` index keys, cached for a short TTL.

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export interface SessionFilters {
  namespace?: string;
  kind?: SessionKind;
  /** Exact owner: the RayJob / RayService name, or the cluster name for a raycluster. */
  owner?: string;
  /** Case-insensitive text in the cluster, owner or session name. */
  q?: string;
  /** Inclusive bounds on the session start, unix ms. */
  from?: number;
  to?: number;
  /** 1-based. */
  page?: number;
  pageSize?: number;
  /** The caller's namespace rules (server/auth/namespace-access.ts); also trims `namespaces`. */
  namespaceAllowed?: (namespace: string) => boolean;
}

interface Snapshot {
  /** Newest first. */
  sessions: SessionInfo[];
  namespaces: string[];
  /** Keys under cluster-metadata/ that are not session entries. */
  skipped: number;
  loadedAt: number;
}

export interface SessionIndexOptions {
  ttlMs: number;
  now?: () => number;
}

export class SessionIndex {
  private readonly storage: Storage;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private snapshot: Snapshot | undefined;
  private loading: Promise<Snapshot> | undefined;

  constructor(storage: Storage, options: SessionIndexOptions) {
    this.storage = storage;
    this.ttlMs = options.ttlMs;
    this.now = options.now ?? Date.now;
  }

  /** Every session, newest first. */
  async all(): Promise<SessionInfo[]> {
    return (await this.current()).sessions;
  }

  /** How many index keys were skipped as undecodable in the last load. */
  async skippedKeys(): Promise<number> {
    return (await this.current()).skipped;
  }

  async query(filters: SessionFilters = {}): Promise<SessionsPage<SessionInfo>> {
    const { sessions, namespaces } = await this.current();
    const page = filters.page ?? 1;
    const pageSize = Math.min(filters.pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const allowed = filters.namespaceAllowed;
    const visible = allowed ? sessions.filter((s) => allowed(s.namespace)) : sessions;
    const matching = visible.filter(matcher(filters));
    return {
      sessions: matching.slice((page - 1) * pageSize, page * pageSize),
      total: matching.length,
      page,
      pageSize,
      namespaces: allowed ? namespaces.filter(allowed) : namespaces,
    };
  }

  /** The session a URL names; `latest` becomes the newest session of that owner. */
  async resolve(scope: SessionScope): Promise<SessionInfo> {
    const kind = sessionKindOr400(scope.kind, 'kind');
    const { sessions } = await this.current();
    // One pass, newest first, nothing allocated: every session-scoped request asks this.
    let owned = 0;
    for (const s of sessions) {
      if (s.namespace !== scope.namespace || s.kind !== kind || s.name !== scope.name) continue;
      if (scope.session === 'latest' || s.sessionName === scope.session) return s;
      owned++;
    }
    // Checked only when not found: every indexed session's name is well formed (decodeIndexKey).
    if (scope.session !== 'latest' && parseSessionName(scope.session) === null)
      throw badRequest(
        `session must be latest or a session name like session_2026-01-11_19-38-40_146706_1 (got ${scope.session})`,
      );
    const owner = `${kind} ${scope.name} in namespace ${scope.namespace}`;
    throw notFound(
      owned === 0 ? `No sessions of ${owner}` : `No session ${scope.session} of ${owner}`,
    );
  }

  private current(): Promise<Snapshot> {
    if (this.snapshot && this.now() - this.snapshot.loadedAt < this.ttlMs)
      return Promise.resolve(this.snapshot);
    // Concurrent requests share one load; a failed load is not cached.
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load(): Promise<Snapshot> {
    const sessions: SessionInfo[] = [];
    let skipped = 0;
    for await (const entry of listAll(this.storage, METADATA_DIR)) {
      const session = entry.isFolder ? null : decodeIndexKey(entry.key);
      if (session) sessions.push(session);
      else skipped++;
    }
    sessions.sort(newestFirst);
    const namespaces = [...new Set(sessions.map((s) => s.namespace))].sort();
    this.snapshot = { sessions, namespaces, skipped, loadedAt: this.now() };
    return this.snapshot;
  }
}

function newestFirst(a: SessionInfo, b: SessionInfo): number {
  return (
    b.startTime - a.startTime ||
    compare(a.namespace, b.namespace) ||
    compare(a.kind, b.kind) ||
    compare(a.name, b.name) ||
    compare(a.clusterName, b.clusterName) ||
    compare(b.sessionName, a.sessionName)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function matcher(f: SessionFilters): (s: SessionInfo) => boolean {
  const text = f.q?.trim().toLowerCase();
  return (s) =>
    (f.namespace === undefined || s.namespace === f.namespace) &&
    (f.kind === undefined || s.kind === f.kind) &&
    (f.owner === undefined || s.name === f.owner) &&
    (f.from === undefined || s.startTime >= f.from) &&
    (f.to === undefined || s.startTime <= f.to) &&
    (!text ||
      s.clusterName.includes(text) ||
      (s.ownerName ?? '').includes(text) ||
      s.sessionName.toLowerCase().includes(text));
}
