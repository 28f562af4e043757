import { b64 } from './ids.ts';
import { rayEvent, type EventSource, type RayEvent } from './ray-events.ts';
import { rfc3339 } from './time.ts';

// Jobs, nodes and actors as the GCS exports them.

export interface DriverJobDefinition {
  jobId: Buffer;
  driverPid: number;
  driverNodeId: Buffer;
  entrypoint: string;
  runtimeEnv: string;
  metadata: Record<string, string>;
}

export function driverJobDefinitionEvent(
  source: EventSource,
  us: number,
  job: DriverJobDefinition,
): RayEvent {
  return rayEvent(source, 'GCS', 'DRIVER_JOB_DEFINITION_EVENT', us, 'driverJobDefinitionEvent', {
    jobId: b64(job.jobId),
    driverPid: String(job.driverPid),
    driverNodeId: b64(job.driverNodeId),
    entrypoint: job.entrypoint,
    config: { serializedRuntimeEnv: job.runtimeEnv, metadata: job.metadata },
  });
}

export interface JobEnd {
  message: string;
  errorType: string;
  /** null where Ray's job table has none (a stopped submission job in Ray 2.58). */
  exitCode: number | null;
}

/**
 * CREATED or FINISHED with only a time, as Ray 2.58 sends them; with `end`, FINISHED carries how
 * the driver ended, as older Ray versions did.
 */
export function driverJobLifecycleEvent(
  source: EventSource,
  jobId: Buffer,
  us: number,
  state: 'CREATED' | 'FINISHED',
  end?: JobEnd,
): RayEvent {
  const transition = { state, timestamp: rfc3339(us), ...end };
  return rayEvent(source, 'GCS', 'DRIVER_JOB_LIFECYCLE_EVENT', us, 'driverJobLifecycleEvent', {
    jobId: b64(jobId),
    stateTransitions: [transition],
  });
}

export interface NodeIdentity {
  nodeId: Buffer;
  ip: string;
  labels: Record<string, string>;
  startUs: number;
  instanceTypeName: string;
  hostname: string;
  nodeName: string;
  instanceId: string;
}

export function nodeDefinitionEvent(source: EventSource, node: NodeIdentity): RayEvent {
  return rayEvent(source, 'GCS', 'NODE_DEFINITION_EVENT', node.startUs, 'nodeDefinitionEvent', {
    nodeId: b64(node.nodeId),
    nodeIpAddress: node.ip,
    labels: node.labels,
    startTimestamp: rfc3339(node.startUs),
    instanceTypeName: node.instanceTypeName,
    hostname: node.hostname,
    nodeName: node.nodeName,
    instanceId: node.instanceId,
  });
}

export interface NodeDeath {
  reason:
    | 'EXPECTED_TERMINATION'
    | 'UNEXPECTED_TERMINATION'
    | 'AUTOSCALER_DRAIN_PREEMPTED'
    | 'AUTOSCALER_DRAIN_IDLE';
  reasonMessage: string;
}

export function nodeAliveEvent(
  source: EventSource,
  nodeId: Buffer,
  us: number,
  resources: Record<string, number>,
): RayEvent {
  return rayEvent(source, 'GCS', 'NODE_LIFECYCLE_EVENT', us, 'nodeLifecycleEvent', {
    nodeId: b64(nodeId),
    stateTransitions: [{ state: 'ALIVE', timestamp: rfc3339(us), resources }],
  });
}

export function nodeDeadEvent(
  source: EventSource,
  nodeId: Buffer,
  us: number,
  death: NodeDeath,
): RayEvent {
  return rayEvent(source, 'GCS', 'NODE_LIFECYCLE_EVENT', us, 'nodeLifecycleEvent', {
    nodeId: b64(nodeId),
    stateTransitions: [{ state: 'DEAD', timestamp: rfc3339(us), resources: {}, deathInfo: death }],
  });
}

export interface ActorDefinition {
  actorId: Buffer;
  jobId: Buffer;
  isDetached: boolean;
  name: string;
  rayNamespace: string;
  className: string;
  requiredResources: Record<string, number>;
  placementGroupId?: Buffer;
  callSite: string;
}

export function actorDefinitionEvent(
  source: EventSource,
  us: number,
  actor: ActorDefinition,
): RayEvent {
  return rayEvent(source, 'GCS', 'ACTOR_DEFINITION_EVENT', us, 'actorDefinitionEvent', {
    actorId: b64(actor.actorId),
    jobId: b64(actor.jobId),
    isDetached: actor.isDetached,
    name: actor.name,
    rayNamespace: actor.rayNamespace,
    serializedRuntimeEnv: '{}',
    className: actor.className,
    requiredResources: actor.requiredResources,
    // Ray 2.58 spells "no placement group" as '' here (task definitions use 18 bytes of 0xff).
    placementGroupId: actor.placementGroupId ? b64(actor.placementGroupId) : '',
    labelSelector: {},
    callSite: actor.callSite,
  });
}

export interface ActorTransition {
  state: 'DEPENDENCIES_UNREADY' | 'PENDING_CREATION' | 'ALIVE' | 'RESTARTING' | 'DEAD';
  us: number;
  /** Where the actor runs: set on ALIVE. */
  placement?: { nodeId: Buffer; workerId: Buffer; pid: number; port: number; reprName: string };
  restartReason?: 'ACTOR_FAILURE' | 'NODE_PREEMPTION';
  death?: { pid: number; nodeIpAddress: string; errorMessage: string; reason: string };
}

export function actorLifecycleEvent(
  source: EventSource,
  actorId: Buffer,
  transitions: ActorTransition[],
): RayEvent {
  const last = transitions[transitions.length - 1]!;
  return rayEvent(source, 'GCS', 'ACTOR_LIFECYCLE_EVENT', last.us, 'actorLifecycleEvent', {
    actorId: b64(actorId),
    stateTransitions: transitions.map(actorTransition),
  });
}

function actorTransition(t: ActorTransition): Record<string, unknown> {
  const out: Record<string, unknown> = {
    state: t.state,
    timestamp: rfc3339(t.us),
    nodeId: t.placement ? b64(t.placement.nodeId) : '',
    workerId: t.placement ? b64(t.placement.workerId) : '',
    reprName: t.placement?.reprName ?? '',
    pid: t.placement?.pid ?? 0,
    port: t.placement?.port ?? 0,
  };
  if (t.restartReason) out.restartReason = t.restartReason;
  if (t.death) {
    out.deathCause = {
      actorDiedErrorContext: {
        errorMessage: t.death.errorMessage,
        pid: t.death.pid,
        nodeIpAddress: t.death.nodeIpAddress,
        reason: t.death.reason,
        neverStarted: false,
        preempted: t.death.reason === 'NODE_DIED',
      },
    };
  }
  return out;
}

export interface WorkerIdentity {
  workerId: Buffer;
  nodeId: Buffer;
  pid: number;
}

/** The GCS's word that a worker process exists (Ray 2.58: drivers send none). */
export function workerDefinitionEvent(
  source: EventSource,
  us: number,
  w: WorkerIdentity,
): RayEvent {
  return rayEvent(source, 'GCS', 'WORKER_DEFINITION_EVENT', us, 'workerDefinitionEvent', {
    workerId: b64(w.workerId),
    nodeId: b64(w.nodeId),
    pid: w.pid,
    workerType: 'WORKER',
  });
}

/**
 * One worker transition, as the GCS sends it: no node id, an empty job id, times in ms as quoted
 * strings ("0" when unset), and on DEAD how the worker exited.
 */
export function workerLifecycleEvent(
  source: EventSource,
  workerId: Buffer,
  us: number,
  change: { state: 'ALIVE' } | { state: 'DEAD'; exitType: string; exitDetail: string },
): RayEvent {
  const ms = String(Math.floor(us / 1000));
  const transition =
    change.state === 'ALIVE'
      ? { state: 'ALIVE', timestamp: rfc3339(us), startTimeMs: ms, endTimeMs: '0' }
      : {
          state: 'DEAD',
          timestamp: rfc3339(us),
          startTimeMs: '0',
          endTimeMs: ms,
          deathInfo: { exitType: change.exitType, exitDetail: change.exitDetail },
        };
  return rayEvent(source, 'GCS', 'WORKER_LIFECYCLE_EVENT', us, 'workerLifecycleEvent', {
    workerId: b64(workerId),
    jobId: '',
    stateTransitions: [transition],
  });
}
