import type { SessionInfo } from '../../../contract/api.ts';
import { newestSourceMs, type SnapshotSources } from './snapshot-sources.ts';

// Whether a session has ended, so its reduction may be persisted. The collector writes no end
// marker, so the reader decides from what storage shows (docs/snapshots.md):
// - its cluster started a newer session (Ray was restarted: this session's processes are gone), or
// - none of its files changed for the quiet period (SNAPSHOT_QUIET_MINUTES): the collector
//   uploads a running session's events as they come, and its logs when the session ends.
// Getting this wrong costs a wasted write, never a wrong answer: a snapshot is only used while a
// fresh listing shows the very files it was built from.

export interface EndedContext {
  /** Every recorded session (the session index). */
  sessions: () => Promise<readonly SessionInfo[]>;
  quietMs: number;
  now: () => number;
}

export async function sessionHasEnded(
  session: SessionInfo,
  sources: SnapshotSources,
  context: EndedContext,
): Promise<boolean> {
  // Nothing uploaded yet is the start of a session more often than an empty one.
  if (sources.files.length === 0) return false;
  const newest = newestSourceMs(sources);
  if (newest > 0 && context.now() - newest >= context.quietMs) return true;
  return (await context.sessions()).some(
    (s) =>
      s.namespace === session.namespace &&
      s.kind === session.kind &&
      s.name === session.name &&
      s.clusterName === session.clusterName &&
      s.startTime > session.startTime,
  );
}
