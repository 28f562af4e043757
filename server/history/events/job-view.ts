import type { JobStatus, RayJob } from '../../../src/types/ray.ts';
import type { JobDefinition, JobTransition } from './decoded.ts';
import type { EntityRecord } from './entity-records.ts';
import { wholeMs } from './time.ts';

// Turns a job's definition and lifecycle into the `/api/jobs/` shape, with a real status.

export type JobRecord = EntityRecord<JobDefinition, JobTransition>;

/**
 * Ray leaves `status` empty for finished jobs; we derive one. A FINISHED job counts as STOPPED
 * when its error type names a stop (e.g. JOB_STOPPED) or its message says it was stopped
 * ("Job was intentionally stopped."): Ray records no separate stop state in these events.
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

export function jobView(
  record: JobRecord,
  nodeIp: (nodeId: string) => string,
  sessionLive: boolean,
): RayJob {
  const def = record.definition;
  const created = firstOf(record.transitions, 'CREATED');
  const finished = lastOf(record.transitions, 'FINISHED');
  const submissionId = def?.metadata.job_submission_id || null;
  const driverNodeId = def?.driverNodeId || null;
  return {
    job_id: record.id,
    submission_id: submissionId,
    type: submissionId ? 'SUBMISSION' : 'DRIVER',
    status: deriveJobStatus(record.transitions, sessionLive),
    entrypoint: def?.entrypoint ?? '',
    message: finished?.message || created?.message || null,
    error_type: finished?.errorType || null,
    start_time: created ? wholeMs(created.timeMs) : null,
    end_time: finished ? wholeMs(finished.timeMs) : null,
    metadata: def?.metadata ?? {},
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
    driver_exit_code: finished?.exitCode ?? null,
    driver_agent_http_address: null,
  };
}
