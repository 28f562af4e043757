import type { ClusterEvent } from '../../../contract/ray.ts';
import { normalizeId } from './ids.ts';
import { GLOBAL_EVENTS, compareEvents } from './legacy-events.ts';
import { deathSeverity } from './node-view.ts';
import type { SessionSnapshot } from './snapshot.ts';

// `/events`: legacy cluster events grouped by job id ("global" without one), plus events we
// derive from Ray events that the legacy files may miss: node deaths and job outcomes.

function derivedEvent(
  id: string,
  fields: Pick<ClusterEvent, 'jobId' | 'nodeId' | 'severity' | 'label' | 'message' | 'sourceType'>,
  timeMs: number,
): ClusterEvent {
  return {
    eventId: `derived:${id}`,
    sourceHostname: '',
    hostName: '',
    sourcePid: 0,
    pid: 0,
    timestamp: timeMs / 1000,
    customFields: { derivedFromRayEvents: true },
    ...fields,
  };
}

const JOB_SEVERITY: Record<string, string> = {
  SUCCEEDED: 'INFO',
  STOPPED: 'WARNING',
  FAILED: 'ERROR',
};

export function derivedEvents(snapshot: SessionSnapshot): ClusterEvent[] {
  const out: ClusterEvent[] = [];
  for (const node of snapshot.nodes) {
    const r = node.raylet;
    if (r.state !== 'DEAD') continue;
    out.push(
      derivedEvent(
        `node-dead:${r.nodeId}`,
        {
          jobId: '',
          nodeId: r.nodeId,
          severity: deathSeverity(r.stateMessage),
          label: 'NODE_DEAD',
          sourceType: 'GCS',
          message: `Node ${r.nodeId}${node.ip ? ` (${node.ip})` : ''} is dead. ${r.stateMessage}`,
        },
        r.endTimeMs,
      ),
    );
  }
  for (const job of snapshot.jobs) {
    const severity = JOB_SEVERITY[job.status];
    if (!severity || job.end_time === null || !job.job_id) continue;
    const detail = [job.error_type, job.message].filter(Boolean).join(': ');
    out.push(
      derivedEvent(
        `job-finished:${job.job_id}`,
        {
          jobId: job.job_id,
          nodeId: job.driver_node_id ?? '',
          severity,
          label: `JOB_${job.status}`,
          sourceType: 'JOBS',
          message: `Job ${job.submission_id ?? job.job_id} ${job.status.toLowerCase()}${detail ? `: ${detail}` : ''}`,
        },
        job.end_time,
      ),
    );
  }
  return out;
}

/** Events grouped by job id ("global" when none), each group by time; one group if `jobId`. */
export function listEvents(
  snapshot: SessionSnapshot,
  jobId?: string,
): Record<string, ClusterEvent[]> {
  const wanted = jobId ? normalizeId(jobId) : null;
  // A Map, not an object: a job id from the data may be `__proto__` or `constructor`.
  const groups = new Map<string, ClusterEvent[]>();
  const all = [...snapshot.clusterEvents, ...derivedEvents(snapshot)].sort(compareEvents);
  for (const event of all) {
    const key = event.jobId || GLOBAL_EVENTS;
    if (wanted !== null && key !== wanted) continue;
    const group = groups.get(key);
    if (group) group.push(event);
    else groups.set(key, [event]);
  }
  if (wanted !== null && !groups.has(wanted)) groups.set(wanted, []);
  return Object.fromEntries([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
