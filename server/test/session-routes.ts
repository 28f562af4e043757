import { gzipSync } from 'node:zlib';
import type { SessionInfo, SessionScope } from '../../contract/api.ts';
import { indexKey, sessionDir } from '../history/layout.ts';
import type { TempFolder } from './history.ts';

// A small hand-written session for route tests: two nodes, three jobs, a few tasks and one
// actor, spread over files that exercise every ingest edge case (gzip, corrupt gzip, JSON
// array, CRLF, blank and malformed lines, an unknown event type, no final newline).

export const session: SessionInfo = {
  namespace: 'ml',
  kind: 'raycluster',
  name: 'train',
  clusterName: 'train',
  sessionName: 'session_2026-01-11_19-38-40_146706_1',
  startTime: Date.UTC(2026, 0, 11, 19, 38, 40, 146),
};
export const scope: SessionScope = {
  namespace: 'ml',
  kind: 'raycluster',
  name: 'train',
  session: session.sessionName,
};

export const ids = {
  head: 'a1'.repeat(28),
  worker: 'b2'.repeat(28),
  job1: '01000000',
  job2: '02000000',
  job3: '03000000',
  submission2: 'raysubmit_fixture2',
  actor: 'c3'.repeat(12) + '01000000',
  get actorCreationTask() {
    return 'ff'.repeat(8) + this.actor;
  },
  driverTask: 'ff'.repeat(20) + '01000000',
  preprocess: '11'.repeat(8) + 'ff'.repeat(12) + '01000000',
  train: '22'.repeat(8) + 'ff'.repeat(12) + '01000000',
  workerProcess: 'd4'.repeat(28),
};

const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');
const T0 = Date.UTC(2026, 0, 11, 19, 38, 40);
/** RFC 3339 with nanoseconds, `seconds` after the session start. */
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString().replace('Z', '000000Z');

let eventCounter = 0;
function rayEvent(eventType: string, payloadKey: string, seconds: number, payload: object) {
  return {
    eventId: b64((++eventCounter).toString(16).padStart(8, '0')),
    sourceType: 'GCS',
    eventType,
    timestamp: at(seconds),
    severity: 'INFO',
    message: '',
    sessionName: session.sessionName,
    [payloadKey]: payload,
  };
}

const nodeDefinition = (nodeId: string, ip: string, isHead: boolean) =>
  rayEvent('NODE_DEFINITION_EVENT', 'nodeDefinitionEvent', 0, {
    nodeId: b64(nodeId),
    nodeIpAddress: ip,
    hostname: isHead ? 'train-head' : 'train-worker-0',
    nodeName: isHead ? 'train-head' : 'train-worker-0',
    instanceTypeName: 'ecs.g7.2xlarge',
    instanceId: '',
    labels: { 'ray.io/node-group': isHead ? 'headgroup' : 'workers' },
    startTimestamp: at(0),
  });

const nodeLifecycle = (nodeId: string, deadAt: number, reason: string) =>
  rayEvent('NODE_LIFECYCLE_EVENT', 'nodeLifecycleEvent', deadAt, {
    nodeId: b64(nodeId),
    stateTransitions: [
      { state: 'ALIVE', timestamp: at(1), resources: { CPU: 8, memory: 17179869184 } },
      { state: 'DEAD', timestamp: at(deadAt), deathInfo: { reason, reasonMessage: '' } },
    ],
  });

const jobDefinition = (jobId: string, entrypoint: string, metadata: Record<string, string>) =>
  rayEvent('DRIVER_JOB_DEFINITION_EVENT', 'driverJobDefinitionEvent', 2, {
    jobId: b64(jobId),
    driverPid: '412',
    driverNodeId: b64(ids.head),
    entrypoint,
    config: { serializedRuntimeEnv: '{}', metadata },
  });

const jobLifecycle = (jobId: string, transitions: object[]) =>
  rayEvent('DRIVER_JOB_LIFECYCLE_EVENT', 'driverJobLifecycleEvent', 3, {
    jobId: b64(jobId),
    stateTransitions: transitions,
  });

const taskDefinition = (taskId: string, attempt: number, taskType: string, functionName: string) =>
  rayEvent('TASK_DEFINITION_EVENT', 'taskDefinitionEvent', 5, {
    taskId: b64(taskId),
    taskAttempt: attempt,
    taskType,
    language: 'PYTHON',
    taskFunc: { pythonFunctionDescriptor: { moduleName: 'train', className: '', functionName } },
    taskName: functionName,
    requiredResources: { CPU: 1 },
    jobId: b64(ids.job1),
    parentTaskId: b64(ids.driverTask),
    placementGroupId: b64('ff'.repeat(18)),
  });

const taskLifecycle = (
  taskId: string,
  attempt: number,
  states: [string, number][],
  error?: { errorType: string; errorMessage: string },
) =>
  rayEvent('TASK_LIFECYCLE_EVENT', 'taskLifecycleEvent', states[states.length - 1]![1], {
    taskId: b64(taskId),
    taskAttempt: attempt,
    stateTransitions: states.map(([state, s]) => ({ state, timestamp: at(s) })),
    nodeId: b64(ids.worker),
    workerId: b64(ids.workerProcess),
    workerPid: 900,
    jobId: b64(ids.job1),
    ...(error && { rayErrorInfo: error }),
  });

const actorDefinition = rayEvent('ACTOR_DEFINITION_EVENT', 'actorDefinitionEvent', 6, {
  actorId: b64(ids.actor),
  jobId: b64(ids.job1),
  isDetached: false,
  name: 'trainer',
  rayNamespace: 'default',
  className: 'Trainer',
  requiredResources: { CPU: 1 },
});

const actorLifecycle = rayEvent('ACTOR_LIFECYCLE_EVENT', 'actorLifecycleEvent', 90, {
  actorId: b64(ids.actor),
  stateTransitions: [
    { state: 'PENDING_CREATION', timestamp: at(6) },
    {
      state: 'ALIVE',
      timestamp: at(8),
      nodeId: b64(ids.worker),
      workerId: b64(ids.workerProcess),
      pid: 901,
    },
    {
      state: 'DEAD',
      timestamp: at(90),
      deathCause: {
        actorDiedErrorContext: {
          pid: 901,
          nodeIpAddress: '10.0.0.6',
          errorMessage: 'The actor is dead because its owner has died.',
        },
      },
    },
  ],
});

const jsonl = (events: object[], eol = '\n') =>
  events.map((e) => JSON.stringify(e)).join(eol) + eol;

/** What the fixture's files hold, for assertions. */
export const expected = {
  taskAttempts: 5, // preprocess, train x2, actor creation, driver
  nonDriverAttempts: 4,
  unknownEvents: 1,
  corruptFile: `${ids.worker}/node_events/${ids.worker}-2026-01-11-20.jsonl.gz`,
};

export async function writeFixture(folder: TempFolder): Promise<void> {
  const put = (key: string, content: string | Buffer) => folder.write(key, content);
  const base = sessionDir(session);
  const { head, worker } = ids;
  await put(indexKey(session), '');

  // Node events: CRLF, a blank line, no newline at the end.
  const nodeEvents = jsonl(
    [nodeDefinition(head, '10.0.0.5', true), nodeLifecycle(head, 600, 'EXPECTED_TERMINATION')],
    '\r\n',
  );
  await put(
    `${base}${head}/node_events/${head}-2026-01-11-19.jsonl`,
    `${nodeEvents}\r\n`.trimEnd(),
  );
  await put(
    `${base}${worker}/node_events/${worker}-2026-01-11-19.jsonl.gz`,
    gzipSync(
      jsonl([
        nodeDefinition(worker, '10.0.0.6', false),
        nodeLifecycle(worker, 300, 'UNEXPECTED_TERMINATION'),
      ]),
    ),
  );
  await put(`${base}${expected.corruptFile}`, Buffer.from('this is not gzip'));

  // Job 1 on the head (gzip): definition, success, tasks and an actor.
  await put(
    `${base}${head}/job_events/${ids.job1}/${head}-2026-01-11-19.jsonl.gz`,
    gzipSync(
      jsonl([
        jobDefinition(ids.job1, 'python prepare.py', {}),
        jobLifecycle(ids.job1, [
          { state: 'CREATED', timestamp: at(2) },
          { state: 'FINISHED', timestamp: at(100), exitCode: 0 },
        ]),
        taskDefinition(ids.driverTask, 0, 'DRIVER_TASK', 'driver'),
        taskDefinition(ids.preprocess, 0, 'NORMAL_TASK', 'preprocess'),
        taskDefinition(ids.train, 0, 'NORMAL_TASK', 'train_step'),
        taskDefinition(ids.train, 1, 'NORMAL_TASK', 'train_step'),
        taskDefinition(ids.actorCreationTask, 0, 'ACTOR_CREATION_TASK', 'Trainer.__init__'),
        actorDefinition,
        actorLifecycle,
      ]),
    ),
  );
  // Job 1 lifecycles from the worker: plain JSONL with a malformed line, a bad event and an unknown type.
  await put(
    `${base}${worker}/job_events/${ids.job1}/${worker}-2026-01-11-19.jsonl`,
    [
      JSON.stringify(
        taskLifecycle(ids.driverTask, 0, [
          ['RUNNING', 2],
          ['FINISHED', 100],
        ]),
      ),
      JSON.stringify(
        taskLifecycle(ids.preprocess, 0, [
          ['PENDING_ARGS_AVAIL', 5],
          ['RUNNING', 10],
          ['FINISHED', 20],
        ]),
      ),
      '{"eventType": "TASK_LIFECYCLE_EVENT", "truncated',
      JSON.stringify(
        taskLifecycle(
          ids.train,
          0,
          [
            ['PENDING_ARGS_AVAIL', 21],
            ['RUNNING', 22],
            ['FAILED', 30],
          ],
          {
            errorType: 'TASK_EXECUTION_EXCEPTION',
            errorMessage: 'ValueError: loss is NaN',
          },
        ),
      ),
      '',
      JSON.stringify(
        taskLifecycle(ids.train, 1, [
          ['PENDING_ARGS_AVAIL', 31],
          ['RUNNING', 32],
          ['FINISHED', 50],
        ]),
      ),
      JSON.stringify(
        taskLifecycle(ids.actorCreationTask, 0, [
          ['PENDING_ARGS_AVAIL', 6],
          ['RUNNING', 7],
          ['FINISHED', 8],
        ]),
      ),
      JSON.stringify({ eventType: 'BRAND_NEW_EVENT', brandNewEvent: {} }),
      JSON.stringify({ eventType: 'TASK_LIFECYCLE_EVENT' }),
    ].join('\n') + '\n',
  );

  // Job 2 (older collector): one JSON array, a failed submission.
  await put(
    `${base}${head}/job_events/${ids.job2}/${head}-2026-01-11-19`,
    JSON.stringify([
      jobDefinition(ids.job2, 'python train.py', { job_submission_id: ids.submission2 }),
      jobLifecycle(ids.job2, [
        { state: 'CREATED', timestamp: at(110) },
        {
          state: 'FINISHED',
          timestamp: at(200),
          message: 'Job entrypoint command failed with exit code 1',
          errorType: 'JOB_ENTRYPOINT_COMMAND_ERROR',
          exitCode: 1,
        },
      ]),
    ]),
  );
  // Job 3 never reported its end.
  await put(
    `${base}${head}/job_events/${ids.job3}/${head}-2026-01-11-20.jsonl`,
    jsonl([
      jobDefinition(ids.job3, 'python eval.py', {}),
      jobLifecycle(ids.job3, [{ state: 'CREATED', timestamp: at(210) }]),
    ]),
  );

  // Head logs: legacy events (one repeated) and the raylet's debug state; the worker has no logs.
  const legacy = {
    event_id: 'ev-1',
    source_type: 'GCS',
    source_hostname: 'train-head',
    source_pid: 12,
    severity: 'WARNING',
    label: 'RAY_NODE_DIED',
    message: `Node ${worker} died unexpectedly`,
    timestamp: String(T0 / 1000 + 300),
    custom_fields: {},
  };
  const jobEvent = {
    ...legacy,
    event_id: 'ev-2',
    severity: 'ERROR',
    label: 'JOB_FAILED',
    message: 'Job 02000000 failed',
    timestamp: String(T0 / 1000 + 200),
    custom_fields: { job_id: ids.job2 },
  };
  await put(`${base}${head}/logs/events/event_GCS.log`, jsonl([legacy, jobEvent, legacy]));
  await put(
    `${base}${head}/logs/debug_state.txt`,
    'InitialConfigResources: {CPU: 80000, memory: 171798691840000, node:10.0.0.5: 10000}\n',
  );
  await put(`${base}${head}/logs/raylet.out`, 'raylet started\n');
}
