import type { Storage } from '../../storage/storage.ts';
import type { SessionInfo } from '../../../contract/api.ts';
import { SessionReducer, type SessionSnapshot } from '../events/index.ts';
import { ingestSession, type IngestOptions } from './ingest-session.ts';
import type { IngestReport } from './ingest-report.ts';
import { DEFAULT_RECORD_LIMITS } from './records.ts';
import { listSessionFiles } from './session-files.ts';
import { readSubmissionLogs } from './submission-logs.ts';
import { defaultWorkerCount, sharedParsePool } from './parse-pool.ts';
import { PooledFileReader } from './worker-reader.ts';

// One session read from storage and reduced: what the snapshot cache holds.

export interface LoadedSession {
  session: SessionInfo;
  snapshot: SessionSnapshot;
  report: IngestReport;
  approxBytes: number;
}

export interface LoadOptions extends Omit<IngestOptions, 'limits' | 'reader'> {
  /** Parse threads for sessions of at least `parallelFromBytes` (0: parse in this thread). */
  workers?: number;
  parallelFromBytes?: number;
}

/** Below this, handing bytes to other threads costs more than it saves. */
const DEFAULT_PARALLEL_FROM_BYTES = 4 * 1024 * 1024;

/** Parse workers, or undefined (parse here) when threads cannot be started in this runtime. */
function startWorkers(count: number): PooledFileReader | undefined {
  try {
    return new PooledFileReader(sharedParsePool(count, DEFAULT_RECORD_LIMITS));
  } catch {
    return undefined;
  }
}

export async function loadSession(
  storage: Storage,
  session: SessionInfo,
  options: LoadOptions = {},
): Promise<LoadedSession> {
  const { workers = defaultWorkerCount(), parallelFromBytes = DEFAULT_PARALLEL_FROM_BYTES } =
    options;
  const reducer = new SessionReducer();
  const listing = options.listing ?? (await listSessionFiles(storage, session));
  const parallel = workers > 0 && listing.totalBytes >= parallelFromBytes;
  const reader = parallel ? startWorkers(workers) : undefined;
  let report: IngestReport;
  try {
    report = await ingestSession(storage, session, reducer, { ...options, listing, reader });
    // Worker results merge in the same order-independent way events do.
    if (reader)
      for (const partial of await reader.finish()) {
        reducer.merge(partial);
      }
  } finally {
    await reader?.close();
  }
  // Ray 2.58 keeps a submission job's outcome in its supervisor's and driver's logs, not in events.
  const submissionLogs = await readSubmissionLogs(storage, session, reducer.submissionJobs());
  // History is never live: a job that only reported CREATED ended unseen (UNKNOWN).
  const snapshot = reducer.snapshot({ sessionLive: false, submissionLogs });
  return { session, snapshot, report, approxBytes: snapshot.approxBytes };
}
