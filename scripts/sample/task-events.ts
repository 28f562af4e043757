import { NIL_PLACEMENT_GROUP, b64 } from './ids.ts';
import { rayEventHead, type EventSource } from './ray-events.ts';
import { rfc3339, unixNanos } from './time.ts';

// Task events (definition, lifecycle, profile) as core workers export them. There are millions
// of them, so each is built straight as its JSON line (the same text JSON.stringify prints for
// the event object) from ids already in base64 and from pieces serialised once.

export interface FunctionName {
  moduleName: string;
  className: string;
  functionName: string;
}

/** Ids are ProtoJSON `bytes`: standard base64 (see `b64`). */
export interface TaskDefinition {
  taskId: string;
  attempt: number;
  taskType: 'NORMAL_TASK' | 'ACTOR_CREATION_TASK' | 'DRIVER_TASK';
  func: FunctionName;
  taskName: string;
  requiredResources: Record<string, number>;
  jobId: string;
  parentTaskId: string;
  placementGroupId?: string;
  runtimeEnv?: string;
}

const NIL_PLACEMENT_GROUP_B64 = b64(NIL_PLACEMENT_GROUP);
const q = JSON.stringify;

const serialised = new WeakMap<object, string>();
/** JSON of an object the writers share between many tasks (functions, resources). */
function json(value: object, build: () => unknown = () => value): string {
  let text = serialised.get(value);
  if (text === undefined) {
    text = q(build());
    serialised.set(value, text);
  }
  return text;
}

function pythonFunction(func: FunctionName): string {
  return json(func, () => ({ pythonFunctionDescriptor: { ...func, functionHash: '' } }));
}

export function taskDefinitionEvent(source: EventSource, us: number, t: TaskDefinition): string {
  return (
    rayEventHead(source, 'CORE_WORKER', 'TASK_DEFINITION_EVENT', us, 'taskDefinitionEvent') +
    '{"taskId":"' +
    t.taskId +
    '","taskAttempt":' +
    t.attempt +
    ',"taskType":"' +
    t.taskType +
    '","language":"PYTHON","taskFunc":' +
    pythonFunction(t.func) +
    ',"taskName":' +
    q(t.taskName) +
    ',"requiredResources":' +
    json(t.requiredResources) +
    ',"serializedRuntimeEnv":' +
    q(t.runtimeEnv ?? '{}') +
    ',"jobId":"' +
    t.jobId +
    '","parentTaskId":"' +
    t.parentTaskId +
    '","placementGroupId":"' +
    (t.placementGroupId ?? NIL_PLACEMENT_GROUP_B64) +
    '","refIds":{}}}'
  );
}

export interface ActorTaskDefinition {
  taskId: string;
  attempt: number;
  func: FunctionName;
  actorTaskName: string;
  requiredResources: Record<string, number>;
  jobId: string;
  actorId: string;
  parentTaskId: string;
  placementGroupId?: string;
}

export function actorTaskDefinitionEvent(
  source: EventSource,
  us: number,
  t: ActorTaskDefinition,
): string {
  return (
    rayEventHead(
      source,
      'CORE_WORKER',
      'ACTOR_TASK_DEFINITION_EVENT',
      us,
      'actorTaskDefinitionEvent',
    ) +
    '{"taskId":"' +
    t.taskId +
    '","taskAttempt":' +
    t.attempt +
    ',"language":"PYTHON","actorFunc":' +
    pythonFunction(t.func) +
    ',"actorTaskName":' +
    q(t.actorTaskName) +
    ',"requiredResources":' +
    json(t.requiredResources) +
    ',"serializedRuntimeEnv":"{}","jobId":"' +
    t.jobId +
    '","actorId":"' +
    t.actorId +
    '","parentTaskId":"' +
    t.parentTaskId +
    '","placementGroupId":"' +
    (t.placementGroupId ?? NIL_PLACEMENT_GROUP_B64) +
    '","refIds":{}}}'
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
  taskId: string;
  attempt: number;
  jobId: string;
  transitions: StateAt[];
  nodeId?: string;
  workerId?: string;
  workerPid?: number;
  actorReprName?: string;
  error?: { errorType: string; errorMessage: string };
  logs?: TaskLogRange;
}

export function taskLifecycleEvent(source: EventSource, t: TaskLifecycle): string {
  const last = t.transitions[t.transitions.length - 1]!;
  let transitions = '';
  for (const s of t.transitions)
    transitions +=
      (transitions ? ',{"state":"' : '{"state":"') +
      s.state +
      '","timestamp":"' +
      rfc3339(s.us) +
      '"}';
  let text =
    rayEventHead(source, 'CORE_WORKER', 'TASK_LIFECYCLE_EVENT', last.us, 'taskLifecycleEvent') +
    '{"taskId":"' +
    t.taskId +
    '","taskAttempt":' +
    t.attempt +
    ',"stateTransitions":[' +
    transitions +
    '],"nodeId":"' +
    (t.nodeId ?? '') +
    '","workerId":"' +
    (t.workerId ?? '') +
    '","workerPid":' +
    (t.workerPid ?? 0) +
    ',"jobId":"' +
    t.jobId +
    '","isDebuggerPaused":false,"actorReprName":' +
    (t.actorReprName ? q(t.actorReprName) : '""');
  if (t.error)
    text +=
      ',"rayErrorInfo":{"errorMessage":' +
      q(t.error.errorMessage) +
      ',"errorType":' +
      q(t.error.errorType) +
      '}';
  if (t.logs) text += ',"taskLogInfo":' + taskLogInfo(t.logs);
  return text + '}}';
}

const quotedPaths = new Map<string, string>();
/** Log paths repeat for every task of a worker: quote each once. */
function quotePath(path: string): string {
  let text = quotedPaths.get(path);
  if (text === undefined) {
    if (quotedPaths.size > 10_000) quotedPaths.clear();
    text = q(path);
    quotedPaths.set(path, text);
  }
  return text;
}

/** int64 offsets are quoted strings; offsets not sent in this event are left out. */
function taskLogInfo(logs: TaskLogRange): string {
  let text =
    '{"stdoutFile":' + quotePath(logs.stdoutFile) + ',"stderrFile":' + quotePath(logs.stderrFile);
  if (logs.stdoutStart !== undefined) text += ',"stdoutStart":"' + logs.stdoutStart + '"';
  if (logs.stdoutEnd !== undefined) text += ',"stdoutEnd":"' + logs.stdoutEnd + '"';
  if (logs.stderrStart !== undefined) text += ',"stderrStart":"' + logs.stderrStart + '"';
  if (logs.stderrEnd !== undefined) text += ',"stderrEnd":"' + logs.stderrEnd + '"';
  return text + '}';
}

export interface ProfileSpan {
  eventName: string;
  startUs: number;
  endUs: number;
}

export interface TaskProfile {
  taskId: string;
  attempt: number;
  jobId: string;
  workerId: string;
  nodeIp: string;
  spans: ProfileSpan[];
}

export function taskProfileEvent(source: EventSource, t: TaskProfile): string {
  const last = t.spans[t.spans.length - 1]!;
  let spans = '';
  for (const s of t.spans)
    spans +=
      (spans ? ',{"eventName":' : '{"eventName":') +
      q(s.eventName) +
      ',"startTime":"' +
      unixNanos(s.startUs) +
      '","endTime":"' +
      unixNanos(s.endUs) +
      '","extraData":"{}"}';
  return (
    rayEventHead(source, 'CORE_WORKER', 'TASK_PROFILE_EVENT', last.endUs, 'taskProfileEvents') +
    '{"taskId":"' +
    t.taskId +
    '","attemptNumber":' +
    t.attempt +
    ',"jobId":"' +
    t.jobId +
    '","profileEvents":{"componentType":"worker","componentId":"' +
    t.workerId +
    '","nodeIpAddress":' +
    q(t.nodeIp) +
    ',"events":[' +
    spans +
    ']}}}'
  );
}
