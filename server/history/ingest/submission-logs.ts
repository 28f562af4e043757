import type { SessionInfo } from '../../../contract/api.ts';
import { StorageNotFoundError, type Storage } from '../../storage/storage.ts';
import {
  FAILURE_LOG_LINES,
  failureLogTail,
  parseSupervisorLog,
  type SubmissionJobRef,
  type SubmissionLogs,
} from '../events/submission-outcome.ts';
import { nodeLogKey } from '../layout.ts';
import { tailLines } from '../logs/tail.ts';
import { forEachLimited } from './concurrency.ts';

// The two small logs Ray 2.58 keeps a submission job's outcome in (events/submission-outcome.ts),
// read once per submission job from the node its driver ran on. Reads are bounded: a supervisor
// log is a few lines, and of a driver log only the tail Ray would quote is read.

/** Supervisor logs are read from their end, at most this much. */
const MAX_SUPERVISOR_BYTES = 256 * 1024;
/** The driver tail Ray quotes is 20,000 characters at most: 4 bytes each, with room to spare. */
const MAX_DRIVER_TAIL_BYTES = 96 * 1024;
const CONCURRENCY = 4;

/** A submission id usable as part of a file name (Ray's ids are; anything else is not looked up). */
const SAFE_ID = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,199}$/;

async function tailText(storage: Storage, key: string, lines: number, maxBytes: number) {
  const entry = await storage.stat(key);
  if (!entry || entry.isFolder) return null;
  try {
    const slice = await tailLines(
      storage,
      key,
      { start: 0, end: entry.size },
      lines,
      64 * 1024,
      maxBytes,
    );
    return slice.bytes.toString('utf8');
  } catch (error) {
    if (error instanceof StorageNotFoundError) return null;
    throw error;
  }
}

export async function readSubmissionLogs(
  storage: Storage,
  session: SessionInfo,
  jobs: SubmissionJobRef[],
): Promise<Map<string, SubmissionLogs>> {
  const found = new Map<string, SubmissionLogs>();
  const safe = jobs.filter((j) => SAFE_ID.test(j.submissionId));
  await forEachLimited(safe, CONCURRENCY, async ({ submissionId, nodeId }) => {
    const supervisorText = await tailText(
      storage,
      nodeLogKey(session, nodeId, `jobs/supervisor-${submissionId}.log`),
      -1,
      MAX_SUPERVISOR_BYTES,
    );
    const driverText = await tailText(
      storage,
      nodeLogKey(session, nodeId, `job-driver-${submissionId}.log`),
      FAILURE_LOG_LINES,
      MAX_DRIVER_TAIL_BYTES,
    );
    found.set(submissionId, {
      supervisor: supervisorText === null ? null : parseSupervisorLog(supervisorText),
      driverLogTail: driverText === null ? null : failureLogTail(driverText),
    });
  });
  return found;
}
