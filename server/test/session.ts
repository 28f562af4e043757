import * as ev from './events.ts';

// A small session exercising every reduction rule: used by the reducer, query and
// order-independence tests.

export const HEAD = ev.nodeId(1);
export const WORKER_NODE = ev.nodeId(2);
export const FAILED_JOB = '03000000';
export const ACTOR = ev.actorId(1);
export const PREP = ev.taskId(1);
export const TRAIN = ev.taskId(2);
export const ORPHAN = ev.taskId(3);
export const CHILD = ev.taskId(4);
export const CREATION = ev.creationTaskId(ACTOR);
export const INC_1 = ev.actorTaskId(1, ACTOR);
export const INC_2 = ev.actorTaskId(2, ACTOR);

const W1 = ev.workerId(1);
const W2 = ev.workerId(2);
const W3 = ev.workerId(3);

export function sessionEvents(): unknown[] {
  return [
    ev.nodeDefinition(HEAD, '10.0.0.1', { 'ray.io/node-group': 'headgroup' }),
    ev.nodeLifecycle(HEAD, [
      {
        state: 'ALIVE',
        ms: 0,
        resources: { CPU: 8, memory: 2 ** 34, 'node:__internal_head__': 1 },
      },
    ]),
    ev.nodeDefinition(WORKER_NODE, '10.0.0.2', { 'ray.io/node-group': 'cpu' }),
    ev.nodeLifecycle(WORKER_NODE, [{ state: 'ALIVE', ms: 1, resources: { CPU: 4 } }]),
    ev.nodeLifecycle(WORKER_NODE, [
      { state: 'DEAD', ms: 500, reason: 'AUTOSCALER_DRAIN_PREEMPTED', message: 'spot reclaimed' },
    ]),

    ev.jobDefinition({ submissionId: 'raysubmit_abc' }),
    ev.jobLifecycle(ev.JOB, [{ state: 'CREATED', ms: 2 }]),
    ev.jobLifecycle(ev.JOB, [{ state: 'FINISHED', ms: 1000, exitCode: 0 }]),
    ev.jobDefinition({ job: FAILED_JOB, entrypoint: 'python broken.py' }),
    ev.jobLifecycle(FAILED_JOB, [
      { state: 'CREATED', ms: 3 },
      {
        state: 'FINISHED',
        ms: 50,
        errorType: 'JOB_EXECUTION_FAILED',
        message: 'boom',
        exitCode: 1,
      },
    ]),

    ev.taskDefinition({ task: ev.driverTaskId(), type: 'DRIVER_TASK', name: 'driver' }),
    ev.taskLifecycle({ task: ev.driverTaskId(), states: [['RUNNING', 2]] }),

    ev.taskDefinition({ task: PREP, func: 'prep' }),
    ev.taskLifecycle({
      task: PREP,
      states: [
        ['PENDING_ARGS_AVAIL', 10],
        ['PENDING_NODE_ASSIGNMENT', 11],
      ],
      log: { stdoutFile: 'worker-1.out', stdoutStart: '100', stdoutEnd: '0' },
    }),
    ev.taskLifecycle({
      task: PREP,
      states: [
        ['RUNNING', 20],
        ['FINISHED', 30],
      ],
      node: HEAD,
      worker: W1,
      pid: 11,
      log: { stdoutFile: 'worker-1.out', stdoutEnd: '400' },
    }),
    ev.taskProfile({ task: PREP, worker: W1, ip: '10.0.0.1', spans: [['task:execute', 21, 29]] }),

    ev.taskDefinition({ task: TRAIN, func: 'train', attempt: 0 }),
    ev.taskDefinition({ task: TRAIN, func: 'train', attempt: 1 }),
    ev.taskLifecycle({
      task: TRAIN,
      attempt: 0,
      states: [
        ['PENDING_ARGS_AVAIL', 40],
        ['RUNNING', 45],
        ['FAILED', 500],
      ],
      node: WORKER_NODE,
      worker: W2,
      pid: 21,
      error: { type: 'WORKER_DIED', message: 'node preempted' },
    }),
    ev.taskLifecycle({
      task: TRAIN,
      attempt: 1,
      states: [
        ['PENDING_ARGS_AVAIL', 501],
        ['RUNNING', 510],
        ['FINISHED', 800],
      ],
      node: HEAD,
      worker: W1,
      pid: 11,
    }),

    ev.taskLifecycle({ task: ORPHAN, states: [['RUNNING', 60]], node: HEAD, worker: W1 }),
    ev.taskDefinition({ task: CHILD, func: 'prep', parent: TRAIN }),
    ev.taskLifecycle({ task: CHILD, states: [['PENDING_ARGS_AVAIL', 600]] }),

    ev.actorDefinition(ACTOR, 'Counter', 'counter'),
    ev.taskDefinition({
      task: CREATION,
      type: 'ACTOR_CREATION_TASK',
      func: '__init__',
      className: 'Counter',
    }),
    ev.taskLifecycle({
      task: CREATION,
      states: [
        ['PENDING_ARGS_AVAIL', 5],
        ['RUNNING', 35],
        ['FINISHED', 40],
      ],
      node: WORKER_NODE,
      worker: W2,
    }),
    ev.actorLifecycle(ACTOR, [
      { state: 'PENDING_CREATION', ms: 5 },
      { state: 'ALIVE', ms: 40, node: WORKER_NODE, worker: W2, pid: 100 },
    ]),
    ev.actorLifecycle(ACTOR, [
      { state: 'RESTARTING', ms: 500, reason: 'node died' },
      { state: 'ALIVE', ms: 600, node: HEAD, worker: W3, pid: 200 },
    ]),
    ev.actorLifecycle(ACTOR, [
      {
        state: 'DEAD',
        ms: 900,
        death: { pid: 200, ip: '10.0.0.1', message: 'actor killed by ray.kill' },
      },
    ]),
    ev.actorTaskDefinition({ task: INC_1, actor: ACTOR, className: 'Counter', method: 'inc' }),
    ev.taskLifecycle({
      task: INC_1,
      states: [
        ['RUNNING', 610],
        ['FINISHED', 620],
      ],
      node: HEAD,
      worker: W3,
    }),
    ev.actorTaskDefinition({ task: INC_2, actor: ACTOR, className: 'Counter', method: 'inc' }),
    ev.taskLifecycle({
      task: INC_2,
      states: [
        ['RUNNING', 620],
        ['FAILED', 900],
      ],
      node: HEAD,
      worker: W3,
      error: { type: 'ACTOR_DIED', message: 'actor killed by ray.kill' },
    }),
  ];
}

export function legacyEvents(): { json: unknown; node: string }[] {
  const t0 = ev.msAt(0) / 1000;
  return [
    { json: ev.legacyEvent({ id: 'e1', seconds: t0 + 1, label: 'RAY_NODE_ADDED' }), node: HEAD },
    {
      json: ev.legacyEvent({ id: 'e2', seconds: t0 + 2, job: ev.JOB, message: 'job started' }),
      node: HEAD,
    },
    {
      json: ev.legacyEvent({ id: 'e2', seconds: t0 + 2, job: ev.JOB, message: 'job started' }),
      node: HEAD,
    },
  ];
}

/** A raylet debug dump in Ray's fixed-point format (x10000). */
export const HEAD_DEBUG_STATE = [
  'NodeManager:',
  `Node ID: ${HEAD}`,
  'InitialConfigResources: {node:10.0.0.1: 10000, CPU: 80000, memory: 171798691840000}',
  'cluster_resource_scheduler state:',
  'Local id: 123 Local resources: {"total":{node:10.0.0.1: [10000], CPU: [80000], memory: [171798691840000], node:__internal_head__: [10000]}}, "available": {node:10.0.0.1: [10000], CPU: [60000], memory: [171798691840000], node:__internal_head__: [10000]}}, "labels":{} is_draining: 0',
].join('\n');
