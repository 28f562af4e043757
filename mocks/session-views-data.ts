import type { Actor, RayJob, RayTask, SessionSummary } from '../contract/ray';

// A small, hand-written history for the jobs, tasks and overview views.

const T0 = 1768160320000;

export const mockJobs: RayJob[] = [
  {
    job_id: '02000000',
    submission_id: 'raysubmit_5Xz3aBcD',
    type: 'SUBMISSION',
    status: 'FAILED',
    entrypoint: 'python train.py --epochs 3',
    message: 'Job entrypoint command failed with exit code 1',
    error_type: 'JOB_ENTRYPOINT_COMMAND_ERROR',
    start_time: T0 + 1_000,
    end_time: T0 + 630_000,
    metadata: { owner: 'alice' },
    runtime_env: { pip: ['torch'] },
    driver_info: null,
    driver_node_id: 'aaaa0001',
    driver_exit_code: 1,
    driver_agent_http_address: null,
  },
  {
    job_id: '01000000',
    submission_id: null,
    type: 'DRIVER',
    status: 'SUCCEEDED',
    entrypoint: 'python prep.py',
    message: null,
    error_type: null,
    start_time: T0,
    end_time: T0 + 60_000,
    metadata: {},
    runtime_env: {},
    driver_info: null,
    driver_node_id: 'aaaa0001',
    driver_exit_code: 0,
    driver_agent_http_address: null,
  },
];

function task(i: number, over: Partial<RayTask> = {}): RayTask {
  return {
    task_id: `task${String(i).padStart(4, '0')}`,
    attempt_number: 0,
    name: i % 2 === 0 ? 'preprocess' : 'train_step',
    state: 'FINISHED',
    job_id: '02000000',
    actor_id: null,
    type: 'NORMAL_TASK',
    func_or_class_name: i % 2 === 0 ? 'preprocess' : 'train_step',
    parent_task_id: 'driver',
    node_id: 'aaaa0001',
    worker_id: `worker${i}`,
    worker_pid: 100 + i,
    error_type: null,
    error_message: null,
    language: 'PYTHON',
    required_resources: { CPU: 1 },
    runtime_env_info: {},
    placement_group_id: null,
    events: [
      { state: 'PENDING_NODE_ASSIGNMENT', created_ms: T0 + i * 1000 },
      { state: 'RUNNING', created_ms: T0 + i * 1000 + 200 },
      { state: 'FINISHED', created_ms: T0 + i * 1000 + 200 + i * 10 },
    ],
    task_log_info: {
      stdout_file: '/tmp/ray/session_x/logs/worker-a.out',
      stderr_file: '/tmp/ray/session_x/logs/worker-a.err',
    },
    call_site: null,
    label_selector: null,
    creation_time_ms: T0 + i * 1000,
    start_time_ms: T0 + i * 1000 + 200,
    end_time_ms: T0 + i * 1000 + 200 + i * 10,
    ...over,
  };
}

/** 250 attempts: enough for three pages; task0001 failed once, then succeeded. */
export const mockTasks: RayTask[] = [
  task(1, {
    state: 'FAILED',
    error_type: 'TASK_EXECUTION_EXCEPTION',
    error_message:
      'Traceback (most recent call last):\n  File "train.py", line 12\nValueError: loss is NaN',
    task_log_info: null,
  }),
  task(1, { attempt_number: 1 }),
  ...Array.from({ length: 248 }, (_, i) => task(i + 2)),
];

export const mockActors: Record<string, Actor> = {};

export const mockSummary: SessionSummary = {
  startTime: T0,
  endTime: T0 + 680_000,
  durationMs: 680_000,
  jobs: { total: 2, byStatus: { SUCCEEDED: 1, FAILED: 1 } },
  tasks: { attempts: 250, byState: { FINISHED: 249, FAILED: 1 } },
  actors: { total: 0, byState: {} },
  nodes: { total: 3, alive: 0, dead: 3 },
  events: { accepted: 900, unknown: 0, invalid: 0, legacy: 4 },
  warnings: ['Node bbbb0002 has no uploaded logs.'],
};

export const mockClusterStatus =
  '======== Autoscaler status ========\nNode status\nActive:\n head node_aaaa0001';
