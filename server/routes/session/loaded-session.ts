import type { FastifyBaseLogger } from 'fastify';
import type { SessionInfo } from '../../../contract/api.ts';
import type { AppDeps } from '../../http/app-deps.ts';
import type { LoadedSession } from '../../history/ingest/load-session.ts';
import { sessionDir } from '../../history/layout.ts';
import type { LoadStatus } from '../../history/snapshot-cache.ts';
import { sessionSummary } from '../../history/events/index.ts';
import { SessionOutcomes } from '../../history/session-outcomes.ts';

// Every session route reaches the reduced session through here: from the cache, or loaded once.

/** The cache key of a session: its storage folder, unique per session. */
export const snapshotKey = (session: SessionInfo): string => sessionDir(session);

export function loadedSession(
  deps: Pick<AppDeps, 'snapshots' | 'persisted'>,
  session: SessionInfo,
  log: FastifyBaseLogger,
): Promise<LoadedSession> {
  return deps.snapshots.get(snapshotKey(session), (progress) =>
    deps.persisted.load(session, {
      progress,
      warn: (message) => log.warn({ session: session.sessionName }, message),
      onSource: (source) => log.info({ session: session.sessionName, source }, 'session loaded'),
    }),
  );
}

/** Where the session's load stands, without starting one. */
export function loadStatus(deps: Pick<AppDeps, 'snapshots'>, session: SessionInfo): LoadStatus {
  return deps.snapshots.status(snapshotKey(session));
}

/** Outcomes for the sessions list, from sessions in memory or loaded in the background. */
export function sessionOutcomes(deps: Pick<AppDeps, 'snapshots' | 'persisted'>): SessionOutcomes {
  return new SessionOutcomes({
    keyOf: snapshotKey,
    summaryInMemory: (session) => {
      const loaded = deps.snapshots.peek(snapshotKey(session));
      return loaded && sessionSummary(loaded.snapshot, loaded.report);
    },
    load: async (session, log) => {
      const { snapshot, report } = await loadedSession(deps, session, log);
      return sessionSummary(snapshot, report);
    },
  });
}
