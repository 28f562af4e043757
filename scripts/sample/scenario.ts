import type { SessionInfo, SessionKind } from '../../contract/api.ts';
import { estimateJobUs } from './normal-tasks.ts';
import { planNodes, type WorkerGroup } from './nodes.ts';
import type { ActorPlan, JobPlan, SessionPlan } from './plan.ts';
import type { Random } from './random.ts';
import { MINUTE, SECOND, sessionName, utc } from './time.ts';

// The sessions of the sample: a RayCluster with two sessions, a RayJob whose job failed, a
// RayService, and optional light RayCluster sessions for paging.

const WORKERS_PER_NODE = 4;
const CPU: WorkerGroup = {
  group: 'cpu-group',
  instanceType: 'ecs.c7.2xlarge',
  cpus: 8,
  gpus: 0,
  spot: true,
};
const GPU: WorkerGroup = {
  group: 'gpu-group',
  instanceType: 'ecs.gn7i-c8g1.2xlarge',
  cpus: 8,
  gpus: 1,
  spot: false,
};

const PIPELINE = ['preprocess', 'tokenize', 'write_shard'].map((functionName) => ({
  moduleName: 'pipeline',
  className: '',
  functionName,
}));

function info(
  kind: SessionKind,
  namespace: string,
  name: string,
  clusterName: string,
  startUs: number,
): SessionInfo {
  const base = {
    namespace,
    kind,
    name,
    clusterName,
    sessionName: sessionName(startUs, 1),
    startTime: Math.floor(startUs / 1000),
  };
  return kind === 'raycluster' ? base : { ...base, ownerName: name };
}

function submissionId(random: Random): string {
  return `raysubmit_${random.pick(['J', 'K', 'M'])}${[...Array(15)].map(() => random.pick([...'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789'])).join('')}`;
}

function job(
  random: Random,
  counter: number,
  p: Partial<JobPlan> & Pick<JobPlan, 'type' | 'outcome' | 'tasks'>,
): JobPlan {
  const sid = p.type === 'SUBMISSION' ? (p.submissionId ?? submissionId(random)) : '';
  return {
    counter,
    submissionId: sid,
    entrypoint: 'python /app/pipeline.py --input s3://ml-data/shards',
    metadata: sid ? { job_submission_id: sid, owner: 'alice' } : {},
    runtimeEnv: '{"working_dir":"gcs://_ray_pkg_5f1c2a9b.zip","env_vars":{"OMP_NUM_THREADS":"1"}}',
    functions: PIPELINE,
    actors: [],
    retryRate: 0.04,
    failRate: 0.01,
    gapUs: 10 * SECOND,
    outcomeIn: 'logs',
    ...p,
  };
}

function actor(
  className: string,
  fate: ActorPlan['fate'],
  calls: number,
  extra: Partial<ActorPlan> = {},
): ActorPlan {
  return {
    className,
    name: '',
    isDetached: false,
    rayNamespace: '',
    method: 'step',
    calls,
    fate,
    requiredResources: { CPU: 1 },
    ...extra,
  };
}

/** Preemption lands mid-way through the first job. */
function deathAt(startUs: number, tasks: number, nodes: number): number {
  return startUs + 50 * SECOND + Math.floor(estimateJobUs(tasks, nodes * WORKERS_PER_NODE) * 0.45);
}

function session(
  random: Random,
  s: SessionInfo,
  startUs: number,
  groups: WorkerGroup[],
  jobs: JobPlan[],
  extra: Partial<SessionPlan> = {},
): SessionPlan {
  const first = jobs[0]?.tasks ?? 0;
  const nodes = planNodes(random, s, startUs, groups, {
    index: 0,
    us: deathAt(startUs, first, groups.length + 1),
  });
  return {
    info: s,
    startUs,
    nodes,
    jobs,
    gzipEvents: false,
    workersPerNode: WORKERS_PER_NODE,
    light: false,
    rayServe: false,
    ...extra,
  };
}

/** When the first session starts unless the generator is given a start time. */
export const FIRST_SESSION_START_US = utc(2026, 1, 11, 19, 55, 40) + 146_706;

/** The four main sessions; `shiftUs` moves them all in time, keeping their spacing. */
export function mainSessions(random: Random, tasks: number, shiftUs = 0): SessionPlan[] {
  const t1 = FIRST_SESSION_START_US + shiftUs;
  const t2 = utc(2026, 1, 12, 8, 15, 2) + 731_210 + shiftUs;
  const t3 = utc(2026, 1, 13, 3, 0, 11) + 4_512 + shiftUs;
  const t4 = utc(2026, 1, 14, 10, 20, 30) + 500_000 + shiftUs;
  const main = Math.max(20, Math.floor(tasks * 0.8));
  const train = session(
    random,
    info('raycluster', 'ml-team', 'raycluster-train', 'raycluster-train', t1),
    t1,
    [CPU, CPU, GPU],
    [
      job(random, 1, {
        type: 'SUBMISSION',
        outcome: 'SUCCEEDED',
        tasks: main,
        actors: [
          actor('ParameterServer', 'preempted', 12, {
            name: 'ps',
            isDetached: true,
            rayNamespace: 'training',
            method: 'apply_gradients',
          }),
          actor('Trainer', 'finished', 10, {
            name: 'trainer',
            rayNamespace: 'training',
            method: 'train_step',
            requiredResources: { CPU: 1, GPU: 1 },
          }),
          actor('DataLoader', 'crashes', 10, { method: 'next_batch' }),
          actor('DataLoader', 'finished', 6, { method: 'next_batch' }),
        ],
      }),
      job(random, 2, {
        type: 'DRIVER',
        outcome: 'SUCCEEDED',
        tasks: Math.max(5, Math.floor(tasks * 0.15)),
        entrypoint: 'python /app/evaluate.py --split test',
        retryRate: 0,
        failRate: 0,
      }),
      job(random, 3, {
        type: 'SUBMISSION',
        outcome: 'STOPPED',
        tasks: Math.max(5, Math.floor(tasks * 0.05)),
        actors: [actor('Exporter', 'finished', 3, { method: 'export' })],
        retryRate: 0,
        failRate: 0,
      }),
    ],
  );
  const second = session(
    random,
    info('raycluster', 'ml-team', 'raycluster-train', 'raycluster-train', t2),
    t2,
    [CPU, CPU],
    [
      // An older Ray: the outcome is in the FINISHED transition (a DRIVER job can be FAILED there).
      job(random, 1, {
        type: 'DRIVER',
        outcome: 'FAILED',
        tasks: 40,
        entrypoint: 'python /app/debug_oom.py',
        failRate: 0.05,
        outcomeIn: 'lifecycle',
      }),
      job(random, 2, {
        type: 'SUBMISSION',
        outcome: 'SUCCEEDED',
        tasks: 30,
        outcomeIn: 'lifecycle',
      }),
    ],
    { gzipEvents: true },
  );
  const etl = session(
    random,
    info('rayjob', 'ml-team', 'rayjob-etl', 'rayjob-etl-x7k2p', t3),
    t3,
    [CPU, CPU],
    [
      job(random, 1, {
        type: 'SUBMISSION',
        outcome: 'FAILED',
        tasks: 60,
        submissionId: 'rayjob-etl-qz9fw',
        entrypoint: 'python /app/etl.py --date 2026-01-12',
        failRate: 0.02,
      }),
    ],
    { gzipEvents: true },
  );
  const serveActors = [
    actor('ServeController', 'alive', 2, {
      name: 'SERVE_CONTROLLER_ACTOR',
      isDetached: true,
      rayNamespace: 'serve',
      method: 'run_control_loop',
    }),
    actor('ProxyActor', 'alive', 2, {
      name: 'SERVE_PROXY_ACTOR',
      isDetached: true,
      rayNamespace: 'serve',
      method: 'ready',
    }),
    actor('ServeReplica:llm:LLMServer', 'alive', 4, {
      name: 'SERVE_REPLICA::llm#LLMServer#a1',
      isDetached: true,
      rayNamespace: 'serve',
      method: 'handle_request',
    }),
  ];
  const llm = session(
    random,
    info('rayservice', 'serving', 'rayservice-llm', 'rayservice-llm-7bq4m', t4),
    t4,
    [CPU, GPU],
    [
      job(random, 1, {
        type: 'DRIVER',
        outcome: 'SUCCEEDED',
        tasks: 10,
        entrypoint: 'serve run serve_llm:app',
        actors: serveActors,
        retryRate: 0,
        failRate: 0,
      }),
    ],
    { gzipEvents: true, rayServe: true },
  );
  return [train, second, etl, llm];
}

const EXTRA_NAMESPACES = ['team-a', 'team-b', 'research', 'prod'];

/** Light RayCluster sessions (head node, node events, metadata) for paging tests. */
export function extraSessions(random: Random, count: number, shiftUs = 0): SessionPlan[] {
  const base = utc(2026, 2, 1, 0, 0, 0) + shiftUs;
  return Array.from({ length: count }, (_, i) => {
    const startUs = base + i * 37 * MINUTE + random.int(0, 999_999);
    const cluster = `batch-${i % 7}`;
    const s = info(
      'raycluster',
      EXTRA_NAMESPACES[i % EXTRA_NAMESPACES.length]!,
      cluster,
      cluster,
      startUs,
    );
    return {
      info: s,
      startUs,
      nodes: planNodes(random, s, startUs, []),
      jobs: [],
      gzipEvents: false,
      workersPerNode: 1,
      light: true,
      rayServe: false,
    };
  });
}
