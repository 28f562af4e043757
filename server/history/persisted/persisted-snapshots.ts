import { createHash } from 'node:crypto';
import type { SessionInfo } from '../../../contract/api.ts';
import type { StorageConfig } from '../../config/storage.ts';
import type { Storage } from '../../storage/storage.ts';
import { loadSession, type LoadedSession, type LoadOptions } from '../ingest/load-session.ts';
import { emptyProgress } from '../ingest/progress.ts';
import { listSessionFiles } from '../ingest/session-files.ts';
import { sessionDir } from '../layout.ts';
import { sessionHasEnded, type EndedContext } from './session-ended.ts';
import { SharedSnapshots } from './shared-snapshots.ts';
import type { SnapshotConfig } from './snapshot-config.ts';
import { SnapshotDir } from './snapshot-dir.ts';
import {
  decodeSnapshot,
  encodeSnapshot,
  SnapshotRejected,
  type DecodedSnapshot,
} from './snapshot-format.ts';
import { sourcesChanged, sourcesOf, type SnapshotSources } from './snapshot-sources.ts';

// Loads a session from its persisted snapshot when one matches the session's files (local folder
// first, then the replicas' shared prefix), else parses it and, once it has ended, persists the
// result. A snapshot that is corrupt, cut short, of another format version or built from other
// files is never used: it is deleted (locally) and rebuilt.

export interface PersistedSnapshotsOptions {
  storage: Storage;
  dir: SnapshotDir | null;
  shared: SharedSnapshots | null;
  ended: Omit<EndedContext, 'now' | 'quietMs'> & Partial<Pick<EndedContext, 'now' | 'quietMs'>>;
}

/** Where a load's answer came from. */
export type LoadSource = 'local snapshot' | 'shared snapshot' | 'parsed';

export interface PersistedLoadOptions extends Omit<LoadOptions, 'listing'> {
  warn?: (message: string) => void;
  /** Told where the answer came from (logs, tests and the bench). */
  onSource?: (source: LoadSource) => void;
}

export class PersistedSnapshots {
  private readonly storage: Storage;
  private readonly dir: SnapshotDir | null;
  private readonly shared: SharedSnapshots | null;
  private readonly ended: EndedContext;
  private readonly writes = new Map<string, Promise<void>>();

  constructor(options: PersistedSnapshotsOptions) {
    this.storage = options.storage;
    this.dir = options.dir;
    this.shared = options.shared;
    this.ended = { now: Date.now, quietMs: 10 * 60_000, ...options.ended };
  }

  static fromConfig(
    config: SnapshotConfig,
    storageConfig: StorageConfig,
    storage: Storage,
    sessions: () => Promise<readonly SessionInfo[]>,
  ): PersistedSnapshots {
    return new PersistedSnapshots({
      storage,
      dir:
        config.dirMaxBytes > 0
          ? new SnapshotDir({ dir: config.dir, maxBytes: config.dirMaxBytes })
          : null,
      shared: config.url ? SharedSnapshots.fromUrl(config.url, storageConfig) : null,
      ended: { sessions, quietMs: config.quietMs },
    });
  }

  /** The file name of a session's snapshot: one per storage location and session folder. */
  nameOf(session: SessionInfo): string {
    return createHash('sha256')
      .update(`${this.storage.description}\n${sessionDir(session)}`)
      .digest('hex')
      .slice(0, 40);
  }

  async load(session: SessionInfo, options: PersistedLoadOptions = {}): Promise<LoadedSession> {
    const { warn = () => undefined, onSource = () => undefined, ...loadOptions } = options;
    const listing = await listSessionFiles(this.storage, session);
    const sources = sourcesOf(listing);
    const name = this.nameOf(session);
    const found = await this.persisted(name, session, sources, warn);
    if (found) {
      onSource(found.source);
      const progress = options.progress ?? emptyProgress();
      progress.filesTotal = progress.filesRead = listing.files.length;
      progress.bytesTotal = progress.bytesRead = listing.totalBytes;
      return found.loaded;
    }
    const loaded = await loadSession(this.storage, session, { ...loadOptions, listing });
    onSource('parsed');
    // Unknown (the session index unreachable) counts as not ended: the parse still answers.
    const ended = await sessionHasEnded(session, sources, this.ended).catch(() => false);
    if (ended) this.persist(name, loaded, sources, warn);
    return loaded;
  }

  /** Resolves when every snapshot write started so far has finished (tests, bench, shutdown). */
  async idle(): Promise<void> {
    while (this.writes.size > 0) await Promise.all(this.writes.values());
  }

  private async persisted(
    name: string,
    session: SessionInfo,
    sources: SnapshotSources,
    warn: (message: string) => void,
  ): Promise<{ loaded: LoadedSession; source: LoadSource } | null> {
    if (this.dir) {
      const bytes = await this.dir.read(name).catch((error: unknown) => {
        warn(`snapshot not readable: ${String(error)}`);
        return null;
      });
      const decoded = bytes && this.trusted(bytes, session, sources, 'local', warn);
      if (decoded) return { loaded: decoded.loaded, source: 'local snapshot' };
      if (bytes) await this.dir.delete(name).catch(() => undefined);
    }
    if (this.shared) {
      const bytes = await this.shared.read(name).catch((error: unknown) => {
        warn(`shared snapshot not readable: ${String(error)}`);
        return null;
      });
      const decoded = bytes && this.trusted(bytes, session, sources, 'shared', warn);
      if (decoded) {
        // Keep a local copy: the next restart of this replica reads the disk, not the network.
        if (this.dir)
          this.track(
            name,
            this.dir.write(name, { chunks: [bytes], bytes: bytes.length }).then(() => undefined),
            warn,
          );
        return { loaded: decoded.loaded, source: 'shared snapshot' };
      }
    }
    return null;
  }

  /** The decoded snapshot if it is whole, of this version and built from `sources`; else null. */
  private trusted(
    bytes: Buffer,
    session: SessionInfo,
    sources: SnapshotSources,
    where: string,
    warn: (message: string) => void,
  ): DecodedSnapshot | null {
    try {
      const decoded = decodeSnapshot(bytes, session);
      const changed = sourcesChanged(decoded.sources, sources);
      if (changed) throw new SnapshotRejected(`stale: ${changed}`);
      return decoded;
    } catch (error) {
      const reason =
        error instanceof SnapshotRejected ? error.message : `unreadable: ${String(error)}`;
      warn(`${where} snapshot rejected (${reason}); rebuilding it`);
      return null;
    }
  }

  private persist(
    name: string,
    loaded: LoadedSession,
    sources: SnapshotSources,
    warn: (message: string) => void,
  ): void {
    // Nowhere to write (SNAPSHOT_DIR_MAX_MB=0, no SNAPSHOT_URL): encoding would be wasted work.
    if (!this.dir && !this.shared) return;
    // One write per session at a time: a reload while the first write runs writes nothing more.
    if (this.writes.has(name)) return;
    const write = async () => {
      // Encoding takes the thread for a while (a big session's columns): let the load's own
      // answer go out first.
      await new Promise((resolve) => setImmediate(resolve));
      const encoded = encodeSnapshot(loaded, sources);
      if (this.dir && !(await this.dir.write(name, encoded)))
        warn(`snapshot of ${encoded.bytes} bytes exceeds SNAPSHOT_DIR_MAX_MB; not kept locally`);
      if (this.shared) await this.shared.write(name, encoded);
    };
    this.track(name, write(), warn);
  }

  private track(name: string, write: Promise<void>, warn: (message: string) => void): void {
    const done = write
      .catch((error: unknown) => warn(`snapshot not written: ${String(error)}`))
      .finally(() => this.writes.delete(name));
    this.writes.set(name, done);
  }
}
