// The shapes a Ray event takes after decoding: ids in lowercase hex, times in unix ms.

export interface StateAt {
  state: string;
  timeMs: number;
}

export interface TaskLogPieces {
  stdoutFile: string;
  stderrFile: string;
  stdoutStart: number | null;
  stdoutEnd: number | null;
  stderrStart: number | null;
  stderrEnd: number | null;
}

export interface TaskDefinition {
  kind: 'taskDefinition';
  taskId: string;
  attempt: number;
  taskType: string;
  language: string;
  funcOrClassName: string;
  name: string;
  requiredResources: Record<string, number>;
  labelSelector: Record<string, string>;
  jobId: string;
  actorId: string;
  parentTaskId: string;
  placementGroupId: string;
  serializedRuntimeEnv: string;
}

export interface TaskLifecycle {
  kind: 'taskLifecycle';
  taskId: string;
  attempt: number;
  transitions: StateAt[];
  errorType: string;
  errorMessage: string;
  nodeId: string;
  workerId: string;
  workerPid: number | null;
  jobId: string;
  logInfo: TaskLogPieces | null;
}

export interface ProfileSpan {
  name: string;
  startMs: number;
  endMs: number;
}

export interface TaskProfile {
  kind: 'taskProfile';
  taskId: string;
  attempt: number;
  jobId: string;
  /** The worker (component) that ran the spans. */
  componentId: string;
  componentType: string;
  nodeIpAddress: string;
  spans: ProfileSpan[];
}

export interface JobDefinition {
  kind: 'jobDefinition';
  jobId: string;
  driverPid: number | null;
  driverNodeId: string;
  entrypoint: string;
  serializedRuntimeEnv: string;
  metadata: Record<string, string>;
}

export interface JobTransition extends StateAt {
  message: string;
  errorType: string;
  exitCode: number | null;
}

export interface JobLifecycle {
  kind: 'jobLifecycle';
  jobId: string;
  transitions: JobTransition[];
}

export interface NodeDefinition {
  kind: 'nodeDefinition';
  nodeId: string;
  nodeIpAddress: string;
  labels: Record<string, string>;
  startMs: number | null;
  instanceTypeName: string;
  hostname: string;
  nodeName: string;
  instanceId: string;
}

export interface NodeTransition extends StateAt {
  resources: Record<string, number>;
  deathReason: string;
  deathMessage: string;
}

export interface NodeLifecycle {
  kind: 'nodeLifecycle';
  nodeId: string;
  transitions: NodeTransition[];
}

export interface ActorDefinition {
  kind: 'actorDefinition';
  actorId: string;
  jobId: string;
  isDetached: boolean;
  name: string;
  rayNamespace: string;
  className: string;
  requiredResources: Record<string, number>;
  placementGroupId: string;
  labelSelector: Record<string, string>;
  callSite: string;
}

export interface ActorTransition extends StateAt {
  nodeId: string;
  workerId: string;
  reprName: string;
  pid: number | null;
  port: number | null;
  restartReason: string;
  deathPid: number | null;
  deathIp: string;
  deathMessage: string;
}

export interface ActorLifecycle {
  kind: 'actorLifecycle';
  actorId: string;
  transitions: ActorTransition[];
}

export interface WorkerDefinition {
  kind: 'workerDefinition';
  workerId: string;
  nodeId: string;
  pid: number | null;
  workerType: string;
}

export interface WorkerTransition extends StateAt {
  exitType: string;
  exitDetail: string;
  /** The worker's own start and end, unix ms (null when not given, e.g. "0"). */
  startMs: number | null;
  endMs: number | null;
}

export interface WorkerLifecycle {
  kind: 'workerLifecycle';
  workerId: string;
  transitions: WorkerTransition[];
}

export type DecodedPayload =
  | TaskDefinition
  | TaskLifecycle
  | TaskProfile
  | JobDefinition
  | JobLifecycle
  | NodeDefinition
  | NodeLifecycle
  | ActorDefinition
  | ActorLifecycle
  | WorkerDefinition
  | WorkerLifecycle;

/** A decoded event: its payload plus the event's own time (null when unreadable). */
export type DecodedEvent = DecodedPayload & { eventTimeMs: number | null };

export type DecodeResult =
  DecodedEvent | { kind: 'unknown'; eventType: string } | { kind: 'invalid'; reason: string };
