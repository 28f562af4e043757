import { NIL_PLACEMENT_GROUP, b64 } from './ids.ts';
import { rayEvent, type EventSource, type RayEvent } from './ray-events.ts';
import { rfc3339, unixNanos } from './time.ts';

// Task events (definition, lifecycle, profile) as core workers export them.

export interface FunctionName {
  moduleName: string;
  className: string;
  functionName: string;
}

export interface TaskDefinition {
  taskId: Buffer;
  attempt: number;
  taskType: 'NORMAL_TASK' | 'ACTOR_CREATION_TASK' | 'DRIVER_TASK';
  func: FunctionName;
  taskName: string;
  requiredResources: Record<string, number>;
  jobId: Buffer;
  parentTaskId: Buffer;
  placementGroupId?: Buffer;
  runtimeEnv?: string;
}

function pythonFunction(func: FunctionName): Record<string, unknown> {
  return { pythonFunctionDescriptor: { ...func, functionHash: '' } };
}

export function taskDefinitionEvent(source: EventSource, us: number, t: TaskDefinition): RayEvent {
  return rayEvent(source, 'CORE_WORKER', 'TASK_DEFINITION_EVENT', us, 'taskDefinitionEvent', {
    taskId: b64(t.taskId),
    taskAttempt: t.attempt,
    taskType: t.taskType,
    language: 'PYTHON',
    taskFunc: pythonFunction(t.func),
    taskName: t.taskName,
    requiredResources: t.requiredResources,
    serializedRuntimeEnv: t.runtimeEnv ?? '{}',
    jobId: b64(t.jobId),
    parentTaskId: b64(t.parentTaskId),
    placementGroupId: b64(t.placementGroupId ?? NIL_PLACEMENT_GROUP),
    refIds: {},
  });
}

export interface ActorTaskDefinition {
  taskId: Buffer;
  attempt: number;
  func: FunctionName;
  actorTaskName: string;
  requiredResources: Record<string, number>;
  jobId: Buffer;
  actorId: Buffer;
  parentTaskId: Buffer;
  placementGroupId?: Buffer;
}

export function actorTaskDefinitionEvent(
  source: EventSource,
  us: number,
  t: ActorTaskDefinition,
): RayEvent {
  return rayEvent(
    source,
    'CORE_WORKER',
    'ACTOR_TASK_DEFINITION_EVENT',
    us,
    'actorTaskDefinitionEvent',
    {
      taskId: b64(t.taskId),
      taskAttempt: t.attempt,
      language: 'PYTHON',
      actorFunc: pythonFunction(t.func),
      actorTaskName: t.actorTaskName,
      requiredResources: t.requiredResources,
      serializedRuntimeEnv: '{}',
      jobId: b64(t.jobId),
      actorId: b64(t.actorId),
      parentTaskId: b64(t.parentTaskId),
      placementGroupId: b64(t.placementGroupId ?? NIL_PLACEMENT_GROUP),
      refIds: {},
    },
  );
}

export interface StateAt {
  state: string;
  us: number;
}

/** Byte ranges of a task's output; either half may be sent on its own. */
export interface TaskLogRange {
  stdoutFile: string;
  stderrFile: string;
  stdoutStart?: number;
  stdoutEnd?: number;
  stderrStart?: number;
  stderrEnd?: number;
}

export interface TaskLifecycle {
  taskId: Buffer;
  attempt: number;
  jobId: Buffer;
  transitions: StateAt[];
  nodeId?: Buffer;
  workerId?: Buffer;
  workerPid?: number;
  actorReprName?: string;
  error?: { errorType: string; errorMessage: string };
  logs?: TaskLogRange;
}

export function taskLifecycleEvent(source: EventSource, t: TaskLifecycle): RayEvent {
  const last = t.transitions[t.transitions.length - 1]!;
  const payload: Record<string, unknown> = {
    taskId: b64(t.taskId),
    taskAttempt: t.attempt,
    stateTransitions: t.transitions.map((s) => ({ state: s.state, timestamp: rfc3339(s.us) })),
    nodeId: t.nodeId ? b64(t.nodeId) : '',
    workerId: t.workerId ? b64(t.workerId) : '',
    workerPid: t.workerPid ?? 0,
    jobId: b64(t.jobId),
    isDebuggerPaused: false,
    actorReprName: t.actorReprName ?? '',
  };
  if (t.error)
    payload.rayErrorInfo = { errorMessage: t.error.errorMessage, errorType: t.error.errorType };
  if (t.logs) payload.taskLogInfo = taskLogInfo(t.logs);
  return rayEvent(
    source,
    'CORE_WORKER',
    'TASK_LIFECYCLE_EVENT',
    last.us,
    'taskLifecycleEvent',
    payload,
  );
}

function taskLogInfo(logs: TaskLogRange): Record<string, unknown> {
  const info: Record<string, unknown> = {
    stdoutFile: logs.stdoutFile,
    stderrFile: logs.stderrFile,
  };
  for (const key of ['stdoutStart', 'stdoutEnd', 'stderrStart', 'stderrEnd'] as const) {
    const value = logs[key];
    if (value !== undefined) info[key] = String(value);
  }
  return info;
}

export interface ProfileSpan {
  eventName: string;
  startUs: number;
  endUs: number;
}

export interface TaskProfile {
  taskId: Buffer;
  attempt: number;
  jobId: Buffer;
  workerId: Buffer;
  nodeIp: string;
  spans: ProfileSpan[];
}

export function taskProfileEvent(source: EventSource, t: TaskProfile): RayEvent {
  const last = t.spans[t.spans.length - 1]!;
  return rayEvent(source, 'CORE_WORKER', 'TASK_PROFILE_EVENT', last.endUs, 'taskProfileEvents', {
    taskId: b64(t.taskId),
    attemptNumber: t.attempt,
    jobId: b64(t.jobId),
    profileEvents: {
      componentType: 'worker',
      componentId: b64(t.workerId),
      nodeIpAddress: t.nodeIp,
      events: t.spans.map((s) => ({
        eventName: s.eventName,
        startTime: unixNanos(s.startUs),
        endTime: unixNanos(s.endUs),
        extraData: '{}',
      })),
    },
  });
}
