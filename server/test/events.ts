// Builders of Ray events for this folder's tests: ProtoJSON as the exporter writes it
// (ids in base64, int64 quoted, RFC 3339 timestamps with nanoseconds).

export const JOB = '02000000';
const T0 = Date.UTC(2026, 0, 11, 19, 38, 40);

export function b64(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64');
}

function pad(n: number, bytes: number): string {
  return n.toString(16).padStart(bytes * 2, '0');
}

export const nodeId = (n: number) => pad(n, 28);
export const workerId = (n: number) => `aa${pad(n, 27)}`;
/** Actor ids end with the job id. */
export const actorId = (n: number, job = JOB) => `${pad(n, 12)}${job}`;
/** Normal task: 8 unique bytes + the job's nil actor id. */
export const taskId = (n: number, job = JOB) => `${pad(n + 1, 8)}${'ff'.repeat(12)}${job}`;
export const actorTaskId = (n: number, actor: string) => `${pad(n + 1, 8)}${actor}`;
export const creationTaskId = (actor: string) => `${'ff'.repeat(8)}${actor}`;
export const driverTaskId = (job = JOB) => `${'ff'.repeat(20)}${job}`;

/** RFC 3339 with nanoseconds for `ms` after the session start (fractions kept to the ns). */
export function at(ms: number): string {
  const whole = Math.floor(ms);
  const nanos = Math.round((ms - whole) * 1e6);
  const iso = new Date(T0 + whole).toISOString();
  return `${iso.slice(0, -1)}${String(nanos).padStart(6, '0')}Z`;
}

/** Unix ms of `at(ms)`. */
export const msAt = (ms: number) => T0 + ms;

function envelope(eventType: string, key: string, payload: object, ms = 0) {
  return {
    eventId: b64(pad(Math.floor(ms * 1000) + eventType.length, 16)),
    sourceType: 'CORE_WORKER',
    eventType,
    timestamp: at(ms),
    severity: 'INFO',
    message: '',
    sessionName: 'session_2026-01-11_19-38-40_146706_1',
    [key]: payload,
  };
}

export function taskDefinition(o: {
  task: string;
  attempt?: number;
  name?: string;
  func?: string;
  className?: string;
  type?: string;
  job?: string;
  parent?: string;
}) {
  return envelope('TASK_DEFINITION_EVENT', 'taskDefinitionEvent', {
    taskId: b64(o.task),
    taskAttempt: o.attempt ?? 0,
    taskType: o.type ?? 'NORMAL_TASK',
    language: 'PYTHON',
    taskFunc: {
      pythonFunctionDescriptor: {
        moduleName: '__main__',
        className: o.className ?? '',
        functionName: o.func ?? 'work',
        functionHash: 'abc',
      },
    },
    taskName: o.name ?? '',
    requiredResources: { CPU: 1 },
    jobId: b64(o.job ?? JOB),
    parentTaskId: b64(o.parent ?? driverTaskId(o.job ?? JOB)),
    placementGroupId: b64('ff'.repeat(18)),
    serializedRuntimeEnv: '{}',
  });
}

export function actorTaskDefinition(o: {
  task: string;
  actor: string;
  method: string;
  className: string;
}) {
  return envelope('ACTOR_TASK_DEFINITION_EVENT', 'actorTaskDefinitionEvent', {
    taskId: b64(o.task),
    taskAttempt: 0,
    language: 'PYTHON',
    actorFunc: {
      pythonFunctionDescriptor: {
        moduleName: '__main__',
        className: o.className,
        functionName: o.method,
      },
    },
    actorTaskName: `${o.className}.${o.method}`,
    requiredResources: {},
    jobId: b64(JOB),
    actorId: b64(o.actor),
    parentTaskId: b64(driverTaskId()),
    placementGroupId: b64('ff'.repeat(18)),
  });
}

export function taskLifecycle(o: {
  task: string;
  attempt?: number;
  states: [string, number][];
  node?: string;
  worker?: string;
  pid?: number;
  error?: { type: string; message: string };
  log?: Record<string, string | number>;
}) {
  return envelope('TASK_LIFECYCLE_EVENT', 'taskLifecycleEvent', {
    taskId: b64(o.task),
    taskAttempt: o.attempt ?? 0,
    stateTransitions: o.states.map(([state, ms]) => ({ state, timestamp: at(ms) })),
    ...(o.error
      ? { rayErrorInfo: { errorType: o.error.type, errorMessage: o.error.message } }
      : {}),
    nodeId: o.node ? b64(o.node) : '',
    workerId: o.worker ? b64(o.worker) : '',
    workerPid: o.pid ?? 0,
    jobId: b64(JOB),
    isDebuggerPaused: false,
    ...(o.log ? { taskLogInfo: o.log } : {}),
  });
}

export function taskProfile(o: {
  task: string;
  worker: string;
  ip: string;
  spans: [string, number, number][];
}) {
  const ns = (ms: number) => (BigInt(T0) * 1_000_000n + BigInt(Math.round(ms * 1e6))).toString();
  return envelope('TASK_PROFILE_EVENT', 'taskProfileEvents', {
    taskId: b64(o.task),
    attemptNumber: 0,
    jobId: b64(JOB),
    profileEvents: {
      componentId: b64(o.worker),
      componentType: 'worker',
      nodeIpAddress: o.ip,
      events: o.spans.map(([eventName, start, end]) => ({
        eventName,
        startTime: ns(start),
        endTime: ns(end),
        extraData: '{}',
      })),
    },
  });
}

export function jobDefinition(
  o: { job?: string; submissionId?: string; node?: string; entrypoint?: string } = {},
) {
  return envelope('DRIVER_JOB_DEFINITION_EVENT', 'driverJobDefinitionEvent', {
    jobId: b64(o.job ?? JOB),
    driverPid: '4242',
    driverNodeId: b64(o.node ?? nodeId(1)),
    entrypoint: o.entrypoint ?? 'python train.py',
    config: {
      serializedRuntimeEnv: '{"pip":["torch"]}',
      metadata: o.submissionId ? { job_submission_id: o.submissionId } : {},
    },
  });
}

export function jobLifecycle(
  job: string,
  transitions: {
    state: string;
    ms: number;
    message?: string;
    errorType?: string;
    exitCode?: number;
  }[],
) {
  return envelope('DRIVER_JOB_LIFECYCLE_EVENT', 'driverJobLifecycleEvent', {
    jobId: b64(job),
    stateTransitions: transitions.map((t) => ({
      state: t.state,
      timestamp: at(t.ms),
      message: t.message ?? '',
      errorType: t.errorType ?? '',
      ...(t.exitCode === undefined ? {} : { exitCode: t.exitCode }),
    })),
  });
}

export function nodeDefinition(node: string, ip: string, labels: Record<string, string> = {}) {
  return envelope('NODE_DEFINITION_EVENT', 'nodeDefinitionEvent', {
    nodeId: b64(node),
    nodeIpAddress: ip,
    labels,
    startTimestamp: at(0),
    instanceTypeName: 'ecs.g7.2xlarge',
    hostname: `host-${ip}`,
    nodeName: `node-${ip}`,
    instanceId: `i-${ip}`,
  });
}

export function nodeLifecycle(
  node: string,
  transitions: {
    state: string;
    ms: number;
    resources?: Record<string, number>;
    reason?: string;
    message?: string;
  }[],
) {
  return envelope('NODE_LIFECYCLE_EVENT', 'nodeLifecycleEvent', {
    nodeId: b64(node),
    stateTransitions: transitions.map((t) => ({
      state: t.state,
      timestamp: at(t.ms),
      resources: t.resources ?? {},
      ...(t.reason ? { deathInfo: { reason: t.reason, reasonMessage: t.message ?? '' } } : {}),
    })),
  });
}

export function actorDefinition(actor: string, className: string, name = '') {
  return envelope('ACTOR_DEFINITION_EVENT', 'actorDefinitionEvent', {
    actorId: b64(actor),
    jobId: b64(JOB),
    isDetached: false,
    name,
    rayNamespace: 'default',
    className,
    requiredResources: { CPU: 1 },
    placementGroupId: b64('ff'.repeat(18)),
    labelSelector: {},
    callSite: '',
  });
}

export function actorLifecycle(
  actor: string,
  transitions: {
    state: string;
    ms: number;
    node?: string;
    worker?: string;
    pid?: number;
    reason?: string;
    death?: { pid: number; ip: string; message: string };
  }[],
) {
  return envelope('ACTOR_LIFECYCLE_EVENT', 'actorLifecycleEvent', {
    actorId: b64(actor),
    stateTransitions: transitions.map((t) => ({
      state: t.state,
      timestamp: at(t.ms),
      nodeId: t.node ? b64(t.node) : '',
      workerId: t.worker ? b64(t.worker) : '',
      reprName: '',
      pid: t.pid ?? 0,
      port: t.pid ? 10000 + t.pid : 0,
      restartReason: t.reason ?? '',
      ...(t.death
        ? {
            deathCause: {
              actorDiedErrorContext: {
                pid: t.death.pid,
                nodeIpAddress: t.death.ip,
                errorMessage: t.death.message,
              },
            },
          }
        : {}),
    })),
  });
}

export function legacyEvent(o: {
  id: string;
  seconds: number;
  job?: string;
  label?: string;
  message?: string;
}) {
  return {
    event_id: o.id,
    source_type: 'GCS',
    source_hostname: 'head',
    source_pid: 7,
    severity: 'INFO',
    label: o.label ?? '',
    message: o.message ?? 'something happened',
    timestamp: String(o.seconds),
    custom_fields: o.job ? { job_id: o.job } : {},
  };
}
