import type {
  ActorTransition,
  DecodeResult,
  DecodedEvent,
  JobTransition,
  NodeTransition,
  WorkerTransition,
  ProfileSpan,
  StateAt,
  TaskLogPieces,
} from './decoded.ts';
import {
  asArray,
  asBool,
  asInt,
  asNumberMap,
  asObject,
  asString,
  asStringMap,
  type Json,
} from './fields.ts';
import { actorIdOfTask, normalizeId, normalizeTaskId } from './ids.ts';
import { nanosToMs, parseTimestampMs } from './time.ts';
import { stripAnsi } from '../../../contract/ansi.ts';

// Decodes one exported RayEvent (contract, section 2). Validation happens here, once:
// everything downstream trusts a DecodedEvent.

type PayloadDecoder = (p: Json, eventTimeMs: number | null) => DecodedEvent | string;

const DECODER_LIST: Record<string, { key: string; decode: PayloadDecoder }> = {
  TASK_DEFINITION_EVENT: { key: 'taskDefinitionEvent', decode: taskDefinition },
  ACTOR_TASK_DEFINITION_EVENT: { key: 'actorTaskDefinitionEvent', decode: actorTaskDefinition },
  TASK_LIFECYCLE_EVENT: { key: 'taskLifecycleEvent', decode: taskLifecycle },
  TASK_PROFILE_EVENT: { key: 'taskProfileEvents', decode: taskProfile },
  DRIVER_JOB_DEFINITION_EVENT: { key: 'driverJobDefinitionEvent', decode: jobDefinition },
  DRIVER_JOB_LIFECYCLE_EVENT: { key: 'driverJobLifecycleEvent', decode: jobLifecycle },
  NODE_DEFINITION_EVENT: { key: 'nodeDefinitionEvent', decode: nodeDefinition },
  NODE_LIFECYCLE_EVENT: { key: 'nodeLifecycleEvent', decode: nodeLifecycle },
  ACTOR_DEFINITION_EVENT: { key: 'actorDefinitionEvent', decode: actorDefinition },
  ACTOR_LIFECYCLE_EVENT: { key: 'actorLifecycleEvent', decode: actorLifecycle },
  WORKER_DEFINITION_EVENT: { key: 'workerDefinitionEvent', decode: workerDefinition },
  WORKER_LIFECYCLE_EVENT: { key: 'workerLifecycleEvent', decode: workerLifecycle },
};

export const KNOWN_EVENT_TYPES = Object.keys(DECODER_LIST);
// A Map: an event's type is a fresh string every time, not a property name already known.
const DECODERS = new Map(Object.entries(DECODER_LIST));

export function decodeRayEvent(json: unknown): DecodeResult {
  const event = asObject(json);
  if (!event) return { kind: 'invalid', reason: 'not a JSON object' };
  const eventType = asString(event.eventType);
  if (!eventType) return { kind: 'invalid', reason: 'no eventType' };
  const decoder = DECODERS.get(eventType);
  if (!decoder) return { kind: 'unknown', eventType };
  const payload = asObject(event[decoder.key]);
  if (!payload) return { kind: 'invalid', reason: `${eventType} without ${decoder.key}` };
  const decoded = decoder.decode(payload, parseTimestampMs(event.timestamp));
  if (typeof decoded === 'string') return { kind: 'invalid', reason: `${eventType}: ${decoded}` };
  return decoded;
}

/**
 * Transitions with a readable time; others cannot be ordered and are dropped. Without `extra`
 * (task transitions: several per task event) each is a plain `{state, timeMs}`, no spread.
 */
function transitions<T extends StateAt>(
  value: unknown,
  extra?: (t: Json) => Omit<T, keyof StateAt>,
): T[] {
  const out: T[] = [];
  for (const item of asArray(value)) {
    const t = asObject(item);
    if (!t) continue;
    const state = asString(t.state);
    const timeMs = parseTimestampMs(t.timestamp);
    if (!state || timeMs === null) continue;
    out.push((extra ? { state, timeMs, ...extra(t) } : { state, timeMs }) as T);
  }
  return out;
}

/** `module.Class.method` style descriptors -> Ray's `Class.method` or `function`. */
function funcOrClassName(value: unknown): string {
  const func = asObject(value);
  if (!func) return '';
  const descriptor =
    asObject(func.pythonFunctionDescriptor) ??
    asObject(func.javaFunctionDescriptor) ??
    asObject(func.cppFunctionDescriptor);
  if (!descriptor) return '';
  const functionName = asString(descriptor.functionName);
  const qualified = asString(descriptor.className);
  const className = qualified.slice(qualified.lastIndexOf('.') + 1);
  return className ? `${className}.${functionName}` : functionName;
}

function attemptOf(p: Json, key = 'taskAttempt'): number {
  return Math.max(0, asInt(p[key]) ?? 0);
}

function taskDefinition(p: Json, eventTimeMs: number | null): DecodedEvent | string {
  const taskId = normalizeTaskId(p.taskId);
  if (!taskId) return 'no taskId';
  const taskType = asString(p.taskType) || 'NORMAL_TASK';
  const funcName = funcOrClassName(p.taskFunc);
  return {
    kind: 'taskDefinition',
    eventTimeMs,
    taskId,
    attempt: attemptOf(p),
    taskType,
    language: asString(p.language),
    funcOrClassName: funcName,
    name: asString(p.taskName) || funcName,
    requiredResources: asNumberMap(p.requiredResources),
    labelSelector: asStringMap(p.labelSelector),
    jobId: normalizeId(p.jobId),
    actorId: taskType === 'ACTOR_CREATION_TASK' ? actorIdOfTask(taskId) : '',
    parentTaskId: normalizeId(p.parentTaskId),
    placementGroupId: normalizeId(p.placementGroupId),
    serializedRuntimeEnv: asString(p.serializedRuntimeEnv),
  };
}

function actorTaskDefinition(p: Json, eventTimeMs: number | null): DecodedEvent | string {
  const taskId = normalizeTaskId(p.taskId);
  if (!taskId) return 'no taskId';
  const funcName = funcOrClassName(p.actorFunc);
  return {
    kind: 'taskDefinition',
    eventTimeMs,
    taskId,
    attempt: attemptOf(p),
    taskType: 'ACTOR_TASK',
    language: asString(p.language),
    funcOrClassName: funcName,
    name: asString(p.actorTaskName) || funcName,
    requiredResources: asNumberMap(p.requiredResources),
    labelSelector: asStringMap(p.labelSelector),
    jobId: normalizeId(p.jobId),
    actorId: normalizeId(p.actorId) || actorIdOfTask(taskId),
    parentTaskId: normalizeId(p.parentTaskId),
    placementGroupId: normalizeId(p.placementGroupId),
    serializedRuntimeEnv: asString(p.serializedRuntimeEnv),
  };
}

function logPieces(value: unknown): TaskLogPieces | null {
  const info = asObject(value);
  if (!info) return null;
  return {
    stdoutFile: asString(info.stdoutFile),
    stderrFile: asString(info.stderrFile),
    stdoutStart: asInt(info.stdoutStart),
    stdoutEnd: asInt(info.stdoutEnd),
    stderrStart: asInt(info.stderrStart),
    stderrEnd: asInt(info.stderrEnd),
  };
}

function taskLifecycle(p: Json, eventTimeMs: number | null): DecodedEvent | string {
  const taskId = normalizeTaskId(p.taskId);
  if (!taskId) return 'no taskId';
  const error = asObject(p.rayErrorInfo);
  return {
    kind: 'taskLifecycle',
    eventTimeMs,
    taskId,
    attempt: attemptOf(p),
    transitions: transitions<StateAt>(p.stateTransitions),
    errorType: asString(error?.errorType),
    // Ray's state API strips the colours a worker's traceback carries.
    errorMessage: stripAnsi(asString(error?.errorMessage)),
    nodeId: normalizeId(p.nodeId),
    workerId: normalizeId(p.workerId),
    workerPid: asInt(p.workerPid) || null,
    jobId: normalizeId(p.jobId),
    logInfo: logPieces(p.taskLogInfo),
  };
}

function taskProfile(p: Json, eventTimeMs: number | null): DecodedEvent | string {
  const taskId = normalizeTaskId(p.taskId);
  if (!taskId) return 'no taskId';
  const profile = asObject(p.profileEvents) ?? {};
  const spans: ProfileSpan[] = [];
  for (const item of asArray(profile.events)) {
    const e = asObject(item);
    const start = asString(e?.startTime);
    const end = asString(e?.endTime);
    if (!e || !/^\d+$/.test(start) || !/^\d+$/.test(end)) continue;
    spans.push({ name: asString(e.eventName), startMs: nanosToMs(start), endMs: nanosToMs(end) });
  }
  return {
    kind: 'taskProfile',
    eventTimeMs,
    taskId,
    attempt: attemptOf(p, 'attemptNumber'),
    jobId: normalizeId(p.jobId),
    componentId: normalizeId(profile.componentId),
    componentType: asString(profile.componentType),
    nodeIpAddress: asString(profile.nodeIpAddress),
    spans,
  };
}

function jobDefinition(p: Json, eventTimeMs: number | null): DecodedEvent | string {
  const jobId = normalizeId(p.jobId);
  if (!jobId) return 'no jobId';
  const config = asObject(p.config) ?? {};
  return {
    kind: 'jobDefinition',
    eventTimeMs,
    jobId,
    driverPid: asInt(p.driverPid) || null,
    driverNodeId: normalizeId(p.driverNodeId),
    entrypoint: asString(p.entrypoint),
    serializedRuntimeEnv: asString(config.serializedRuntimeEnv),
    metadata: asStringMap(config.metadata),
  };
}

function jobLifecycle(p: Json, eventTimeMs: number | null): DecodedEvent | string {
  const jobId = normalizeId(p.jobId);
  if (!jobId) return 'no jobId';
  return {
    kind: 'jobLifecycle',
    eventTimeMs,
    jobId,
    transitions: transitions<JobTransition>(p.stateTransitions, (t) => ({
      message: asString(t.message),
      errorType: asString(t.errorType),
      exitCode: asInt(t.exitCode),
    })),
  };
}

function nodeDefinition(p: Json, eventTimeMs: number | null): DecodedEvent | string {
  const nodeId = normalizeId(p.nodeId);
  if (!nodeId) return 'no nodeId';
  return {
    kind: 'nodeDefinition',
    eventTimeMs,
    nodeId,
    nodeIpAddress: asString(p.nodeIpAddress),
    labels: asStringMap(p.labels),
    startMs: parseTimestampMs(p.startTimestamp),
    instanceTypeName: asString(p.instanceTypeName),
    hostname: asString(p.hostname),
    nodeName: asString(p.nodeName),
    instanceId: asString(p.instanceId),
  };
}

function nodeLifecycle(p: Json, eventTimeMs: number | null): DecodedEvent | string {
  const nodeId = normalizeId(p.nodeId);
  if (!nodeId) return 'no nodeId';
  return {
    kind: 'nodeLifecycle',
    eventTimeMs,
    nodeId,
    transitions: transitions<NodeTransition>(p.stateTransitions, (t) => {
      const death = asObject(t.deathInfo);
      return {
        resources: asNumberMap(t.resources),
        deathReason: asString(death?.reason),
        deathMessage: asString(death?.reasonMessage),
      };
    }),
  };
}

function actorDefinition(p: Json, eventTimeMs: number | null): DecodedEvent | string {
  const actorId = normalizeId(p.actorId);
  if (!actorId) return 'no actorId';
  return {
    kind: 'actorDefinition',
    eventTimeMs,
    actorId,
    jobId: normalizeId(p.jobId),
    isDetached: asBool(p.isDetached),
    name: asString(p.name),
    rayNamespace: asString(p.rayNamespace),
    className: asString(p.className),
    requiredResources: asNumberMap(p.requiredResources),
    placementGroupId: normalizeId(p.placementGroupId),
    labelSelector: asStringMap(p.labelSelector),
    callSite: asString(p.callSite),
  };
}

function actorLifecycle(p: Json, eventTimeMs: number | null): DecodedEvent | string {
  const actorId = normalizeId(p.actorId);
  if (!actorId) return 'no actorId';
  return {
    kind: 'actorLifecycle',
    eventTimeMs,
    actorId,
    transitions: transitions<ActorTransition>(p.stateTransitions, (t) => {
      const context = asObject(asObject(t.deathCause)?.actorDiedErrorContext);
      return {
        nodeId: normalizeId(t.nodeId),
        workerId: normalizeId(t.workerId),
        reprName: asString(t.reprName),
        pid: asInt(t.pid) || null,
        port: asInt(t.port) || null,
        restartReason: asString(t.restartReason),
        deathPid: asInt(context?.pid) || null,
        deathIp: asString(context?.nodeIpAddress),
        deathMessage: asString(context?.errorMessage),
      };
    }),
  };
}

function workerDefinition(p: Json, eventTimeMs: number | null): DecodedEvent | string {
  const workerId = normalizeId(p.workerId);
  if (!workerId) return 'no workerId';
  return {
    kind: 'workerDefinition',
    eventTimeMs,
    workerId,
    nodeId: normalizeId(p.nodeId),
    pid: asInt(p.pid) || null,
    workerType: asString(p.workerType),
  };
}

/** Unix ms given as a (quoted) integer; 0 means "not set". */
function optionalMs(value: unknown): number | null {
  return asInt(value) || null;
}

function workerLifecycle(p: Json, eventTimeMs: number | null): DecodedEvent | string {
  const workerId = normalizeId(p.workerId);
  if (!workerId) return 'no workerId';
  return {
    kind: 'workerLifecycle',
    eventTimeMs,
    workerId,
    transitions: transitions<WorkerTransition>(p.stateTransitions, (t) => {
      const death = asObject(t.deathInfo);
      return {
        exitType: asString(death?.exitType),
        exitDetail: asString(death?.exitDetail),
        startMs: optionalMs(t.startTimeMs),
        endMs: optionalMs(t.endTimeMs),
      };
    }),
  };
}
