import type { FastifyBaseLogger } from 'fastify';
import type { SessionInfo } from '../../../src/types/api.ts';
import type { AppDeps } from '../../http/app-deps.ts';
import { loadSession, type LoadedSession } from '../../history/ingest/load-session.ts';
import { sessionDir } from '../../history/layout.ts';
import type { LoadStatus } from '../../history/snapshot-cache.ts';

// Every session route reaches the reduced session through here: from the cache, or loaded once.

/** The cache key of a session: its storage folder, unique per session. */
export const snapshotKey = (session: SessionInfo): string => sessionDir(session);

export function loadedSession(
  deps: AppDeps,
  session: SessionInfo,
  log: FastifyBaseLogger,
): Promise<LoadedSession> {
  return deps.snapshots.get(snapshotKey(session), (progress) =>
    loadSession(deps.storage, session, {
      progress,
      warn: (message) => log.warn({ session: session.sessionName }, message),
    }),
  );
}

/** Where the session's load stands, without starting one. */
export function loadStatus(deps: AppDeps, session: SessionInfo): LoadStatus {
  return deps.snapshots.status(snapshotKey(session));
}
