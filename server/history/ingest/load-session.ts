import type { Storage } from '../../storage/storage.ts';
import type { SessionInfo } from '../../../src/types/api.ts';
import { SessionReducer, type SessionSnapshot } from '../events/index.ts';
import { ingestSession, type IngestOptions } from './ingest-session.ts';
import type { IngestReport } from './ingest-report.ts';

// One session read from storage and reduced: what the snapshot cache holds.

export interface LoadedSession {
  session: SessionInfo;
  snapshot: SessionSnapshot;
  report: IngestReport;
  approxBytes: number;
}

export async function loadSession(
  storage: Storage,
  session: SessionInfo,
  options: Omit<IngestOptions, 'limits'> = {},
): Promise<LoadedSession> {
  const reducer = new SessionReducer();
  const report = await ingestSession(storage, session, reducer, options);
  // History is never live: a job that only reported CREATED ended unseen (UNKNOWN).
  const snapshot = reducer.snapshot({ sessionLive: false });
  return { session, snapshot, report, approxBytes: snapshot.approxBytes };
}
