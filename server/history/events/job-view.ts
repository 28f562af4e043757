import type { JobStatus, RayJob } from '../../../contract/ray.ts';
import type { JobDefinition, JobTransition } from './decoded.ts';
import type { EntityRecord } from './entity-records.ts';
import { submissionMessage, type SubmissionOutcome } from './submission-outcome.ts';
import { wholeMs } from './time.ts';

// Turns a job's definition, lifecycle and (for submission jobs) what the head's logs say about
// its end into the `/api/jobs/` shape, with Ray's status and message.

export type JobRecord = EntityRecord<JobDefinition, JobTransition>;

/** Ray's error type for an entrypoint that exited non-zero. */
const ENTRYPOINT_ERROR = 'JOB_ENTRYPOINT_COMMAND_ERROR';

/**
 * Status from the lifecycle alone. Ray 2.58 sends only CREATED and FINISHED: a FINISHED job is
 * SUCCEEDED unless an older Ray put the outcome into the transition (exit code, error type, a
 * message saying it was stopped). A DRIVER job that finished is SUCCEEDED even when its script
 * raised: the live dashboard says so too.
 */
export function deriveJobStatus(transitions: JobTransition[], sessionLive: boolean): JobStatus {
  const finished = lastOf(transitions, 'FINISHED');
  if (finished) {
    if (
      /STOP/i.test(finished.errorType) ||
      /\b(was|been) (intentionally )?stopped\b/i.test(finished.message)
    ) {
      return 'STOPPED';
    }
    if (finished.errorType || (finished.exitCode !== null && finished.exitCode !== 0))
      return 'FAILED';
    return 'SUCCEEDED';
  }
  return sessionLive ? 'RUNNING' : 'UNKNOWN';
}

function firstOf(transitions: JobTransition[], state: string): JobTransition | undefined {
  return transitions.find((t) => t.state === state);
}

function lastOf(transitions: JobTransition[], state: string): JobTransition | undefined {
  return transitions.findLast((t) => t.state === state);
}

export function parseRuntimeEnv(serialized: string): Record<string, unknown> {
  if (!serialized) return {};
  try {
    const value: unknown = JSON.parse(serialized);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** The user's metadata: without the keys Ray's job manager adds to a submission job's config. */
function userMetadata(metadata: Record<string, string>, submissionId: string | null) {
  const { job_submission_id: _id, ...rest } = metadata;
  if (submissionId && rest.job_name === submissionId) delete rest.job_name;
  return rest;
}

interface Ending {
  status: JobStatus;
  message: string | null;
  errorType: string | null;
  exitCode: number | null;
  endMs: number | null;
}

/** The end of a job: the lifecycle's word, overridden by the head's logs where they have one. */
function ending(
  transitions: JobTransition[],
  sessionLive: boolean,
  outcome: SubmissionOutcome | null,
): Ending {
  const created = firstOf(transitions, 'CREATED');
  const finished = lastOf(transitions, 'FINISHED');
  const fromLifecycle: Ending = {
    status: deriveJobStatus(transitions, sessionLive),
    message: finished?.message || created?.message || null,
    errorType: finished?.errorType || null,
    exitCode: finished?.exitCode ?? null,
    endMs: finished ? finished.timeMs : null,
  };
  if (!outcome) return fromLifecycle;
  const supervisor = outcome.supervisor;
  const status: JobStatus =
    outcome.completed?.status ??
    (supervisor?.stopped ? 'STOPPED' : null) ??
    (supervisor && supervisor.exitCode !== null
      ? supervisor.exitCode === 0
        ? 'SUCCEEDED'
        : 'FAILED'
      : fromLifecycle.status);
  const exitCode = fromLifecycle.exitCode ?? supervisor?.exitCode ?? null;
  const failedEntrypoint = status === 'FAILED' && exitCode !== null && exitCode !== 0;
  const rayMessage =
    status === 'SUCCEEDED' || status === 'FAILED' || status === 'STOPPED'
      ? submissionMessage(status, exitCode, outcome.driverLogTail)
      : null;
  return {
    status,
    message: fromLifecycle.message ?? rayMessage,
    errorType: fromLifecycle.errorType ?? (failedEntrypoint ? ENTRYPOINT_ERROR : null),
    exitCode: status === 'STOPPED' ? fromLifecycle.exitCode : exitCode,
    endMs: supervisor?.endMs ?? fromLifecycle.endMs ?? outcome.completed?.timeMs ?? null,
  };
}

export function jobView(
  record: JobRecord,
  nodeIp: (nodeId: string) => string,
  sessionLive: boolean,
  outcomeOf: (submissionId: string) => SubmissionOutcome | null = () => null,
): RayJob {
  const def = record.definition;
  const created = firstOf(record.transitions, 'CREATED');
  const submissionId = def?.metadata.job_submission_id || null;
  const driverNodeId = def?.driverNodeId || null;
  const outcome = submissionId ? outcomeOf(submissionId) : null;
  const end = ending(record.transitions, sessionLive, outcome);
  // A submission job starts when it is submitted, before its driver's first event.
  const startMs = outcome?.startedMs ?? (created ? created.timeMs : null);
  return {
    job_id: record.id,
    submission_id: submissionId,
    type: submissionId ? 'SUBMISSION' : 'DRIVER',
    status: end.status,
    entrypoint: def?.entrypoint ?? '',
    message: end.message,
    error_type: end.errorType,
    start_time: startMs === null ? null : wholeMs(startMs),
    end_time: end.endMs === null ? null : wholeMs(end.endMs),
    metadata: userMetadata(def?.metadata ?? {}, submissionId),
    runtime_env: parseRuntimeEnv(def?.serializedRuntimeEnv ?? ''),
    driver_info: def
      ? {
          id: record.id,
          node_ip_address: driverNodeId ? nodeIp(driverNodeId) : '',
          node_id: driverNodeId ?? '',
          pid: def.driverPid === null ? '' : String(def.driverPid),
        }
      : null,
    driver_node_id: driverNodeId,
    driver_exit_code: end.exitCode,
    driver_agent_http_address: null,
  };
}
