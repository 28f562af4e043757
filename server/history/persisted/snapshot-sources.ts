import type { SessionFiles } from '../ingest/session-files.ts';

// The storage objects a snapshot was built from. A snapshot is trusted only while a fresh listing
// of the session gives exactly these: same keys, sizes and modification times, and the same
// nodes still without logs (logs arrive when a session ends, bringing debug states and legacy
// events with them).

export interface SourceFile {
  key: string;
  size: number;
  /** Unix ms; 0 when the backend gave none. */
  mtime: number;
}

export interface SnapshotSources {
  files: SourceFile[];
  nodesWithoutLogs: string[];
}

export function sourcesOf(listing: SessionFiles): SnapshotSources {
  return {
    files: listing.files.map(({ key, size, mtime }) => ({ key, size, mtime })),
    nodesWithoutLogs: [...listing.nodesWithoutLogs],
  };
}

/** Why `stored` no longer describes `current`, or null when it still does. */
export function sourcesChanged(stored: SnapshotSources, current: SnapshotSources): string | null {
  if (stored.nodesWithoutLogs.join() !== current.nodesWithoutLogs.join())
    return 'nodes without logs changed';
  if (stored.files.length !== current.files.length)
    return `${stored.files.length} source files then, ${current.files.length} now`;
  for (let i = 0; i < stored.files.length; i++) {
    const was = stored.files[i]!;
    const now = current.files[i]!;
    if (was.key !== now.key) return `source file ${now.key} is new`;
    if (was.size !== now.size || was.mtime !== now.mtime) return `source file ${now.key} changed`;
  }
  return null;
}

/** Newest modification time of any source, unix ms (0 without sources). */
export function newestSourceMs(sources: SnapshotSources): number {
  let newest = 0;
  for (const file of sources.files) newest = Math.max(newest, file.mtime);
  return newest;
}
