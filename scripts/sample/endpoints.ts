import { fetchedEndpointKey } from '../../server/history/layout.ts';
import type { SessionContext } from './context.ts';
import { hex, placementGroupId } from './ids.ts';
import type { JobResult } from './jobs.ts';
import { headOf } from './plan.ts';

// Dashboard responses the collector captured while the cluster ran (`fetched_endpoints/`).

export const RAY_VERSION = '2.52.1';
export const PYTHON_VERSION = '3.11.13';

export async function writeClusterMetadata(ctx: SessionContext): Promise<void> {
  await save(ctx, '/api/v0/cluster_metadata', {
    result: true,
    msg: '',
    data: {
      rayVersion: RAY_VERSION,
      pythonVersion: PYTHON_VERSION,
      sessionId: ctx.random.hex(32),
      gitCommit: 'c1f7a3b53d0f1e1a2d8b6e4f9a0c3b5d7e9f1a2b',
      os: 'linux',
    },
  });
  await save(ctx, '/timezone', { offset: '+08:00', value: 'Asia/Shanghai' });
}

export async function writeJobEndpoints(ctx: SessionContext, jobs: JobResult[]): Promise<void> {
  const first = jobs[0];
  if (!first) return;
  const nodes = ctx.plan.nodes;
  const pgId = hex(placementGroupId(ctx.random, Buffer.from(first.jobIdHex, 'hex')));
  await save(ctx, '/api/v0/placement_groups?detail=1&limit=10000', {
    result: true,
    msg: '',
    data: {
      result: {
        total: 1,
        num_after_truncation: 1,
        num_filtered: 1,
        result: [
          {
            placement_group_id: pgId,
            name: 'train-workers',
            creator_job_id: first.jobIdHex,
            state: 'REMOVED',
            is_detached: false,
            strategy: 'SPREAD',
            bundles: nodes.slice(0, 2).map((n, i) => ({
              bundle_id: `${pgId}_${i}`,
              node_id: n.idHex,
              unit_resources: { CPU: 2 },
            })),
            stats: {
              end_to_end_creation_latency_ms: 12.5,
              scheduling_latency_ms: 3.1,
              scheduling_attempt: 1,
              highest_retry_delay_ms: 0,
              scheduling_state: 'FINISHED',
            },
          },
        ],
        partial_failure_warning: '',
        warnings: null,
      },
    },
  });
  const started = Math.floor(first.startUs / 1e6);
  await save(ctx, `/api/data/datasets/${first.jobIdHex}`, {
    datasets: [
      {
        dataset: 'dataset_3_0',
        job_id: first.jobIdHex,
        state: 'FINISHED',
        progress: 200,
        total: 200,
        ray_data_output_rows: { max: 1_280_000 },
        ray_data_spilled_bytes: { max: 0 },
        ray_data_current_bytes: { value: 0, max: 734_003_200 },
        ray_data_cpu_usage_cores: { value: 0, max: 8 },
        ray_data_gpu_usage_cores: { value: 0, max: 0 },
        start_time: started + 5,
        end_time: Math.floor(first.endUs / 1e6),
        operators: ['ReadParquet', 'Map(preprocess)', 'Write'].map((name, i) => ({
          operator: `${name}_${i}`,
          name,
          state: 'FINISHED',
          progress: 200,
          total: 200,
        })),
      },
    ],
  });
}

/** The RayService's Serve applications: an LLM app with two replicas on the head. */
export async function writeServeApplications(
  ctx: SessionContext,
  deployedUs: number,
): Promise<void> {
  const head = headOf(ctx.plan);
  const replicas = [0, 1].map((i) => ({
    node_id: ctx.plan.nodes[i % ctx.plan.nodes.length]!.idHex,
    node_ip: ctx.plan.nodes[i % ctx.plan.nodes.length]!.ip,
    actor_id: ctx.random.hex(32),
    actor_name: `SERVE_REPLICA::llm#LLMServer#${ctx.random.hex(8)}`,
    worker_id: ctx.random.hex(56),
    log_file_path: `/serve/replica_llm_LLMServer_${i}.log`,
    replica_id: ctx.random.hex(8),
    state: 'RUNNING',
    pid: ctx.random.int(300, 9999),
    start_time_s: deployedUs / 1e6 + i,
  }));
  await save(ctx, '/api/serve/applications', {
    controller_info: {
      node_id: head.idHex,
      node_ip: head.ip,
      actor_id: ctx.random.hex(32),
      actor_name: 'SERVE_CONTROLLER_ACTOR',
      worker_id: ctx.random.hex(56),
      log_file_path: '/serve/controller_1234.log',
    },
    proxy_location: 'EveryNode',
    http_options: {
      host: '0.0.0.0',
      port: 8000,
      root_path: '',
      request_timeout_s: null,
      keep_alive_timeout_s: 5,
    },
    grpc_options: { port: 9000, grpc_servicer_functions: [] },
    proxies: Object.fromEntries(
      ctx.plan.nodes.map((n) => [
        n.idHex,
        {
          node_id: n.idHex,
          node_ip: n.ip,
          actor_id: ctx.random.hex(32),
          actor_name: `SERVE_PROXY_ACTOR-${n.idHex}`,
          status: 'HEALTHY',
        },
      ]),
    ),
    deploy_mode: 'MULTI_APP',
    applications: {
      llm: {
        name: 'llm',
        route_prefix: '/',
        docs_path: null,
        status: 'RUNNING',
        message: '',
        last_deployed_time_s: deployedUs / 1e6,
        deployed_app_config: {
          name: 'llm',
          route_prefix: '/',
          import_path: 'serve_llm:app',
          runtime_env: { pip: ['vllm==0.11.0'] },
        },
        source: 'DECLARATIVE',
        deployments: {
          LLMServer: {
            name: 'LLMServer',
            status: 'HEALTHY',
            status_trigger: 'CONFIG_UPDATE_COMPLETED',
            message: '',
            deployment_config: {
              name: 'LLMServer',
              num_replicas: 2,
              max_ongoing_requests: 64,
              ray_actor_options: { num_cpus: 1, num_gpus: 0 },
            },
            target_num_replicas: 2,
            required_resources: { CPU: 1 },
            replicas,
          },
        },
      },
    },
    target_capacity: null,
  });
}

async function save(ctx: SessionContext, uri: string, body: unknown): Promise<void> {
  await ctx.out.writeFile(fetchedEndpointKey(ctx.plan.info, uri), JSON.stringify(body));
}
