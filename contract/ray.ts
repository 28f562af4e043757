// Ray Dashboard API shapes (see docs: historyserver-contract.md, section 3). Field names are
// Ray's own and exact. Shared by the SPA and the server: keep this file free of runtime code.

/** Classic dashboard endpoints: `{result, msg, data}`. */
export interface ClassicEnvelope<T> {
  result: boolean;
  msg: string;
  data: T;
}

/** One state-API list answer (`/api/v0/...`), before wrapping in the classic envelope. */
export interface StateApiList<T> {
  total: number;
  num_after_truncation: number;
  num_filtered: number;
  result: T[];
  partial_failure_warning: string | null;
  warnings: string[] | null;
}

/** State-API endpoints: `{result, msg, data: {result: {total, ..., result: [...]}}}`. */
export type StateApiEnvelope<T> = ClassicEnvelope<{ result: T }>;

export type JobStatus = 'PENDING' | 'RUNNING' | 'STOPPED' | 'SUCCEEDED' | 'FAILED' | 'UNKNOWN';
export type JobType = 'SUBMISSION' | 'DRIVER';

export interface DriverInfo {
  id: string;
  node_ip_address: string;
  node_id: string;
  pid: string;
}

export interface RayJob {
  job_id: string | null;
  submission_id: string | null;
  type: JobType;
  status: JobStatus;
  entrypoint: string;
  message: string | null;
  error_type: string | null;
  /** Unix milliseconds; null when not recorded. */
  start_time: number | null;
  end_time: number | null;
  metadata: Record<string, string>;
  runtime_env: Record<string, unknown>;
  driver_info: DriverInfo | null;
  driver_node_id: string | null;
  driver_exit_code: number | null;
  driver_agent_http_address: string | null;
}

export type NodeState = 'ALIVE' | 'DEAD';

export interface Raylet {
  nodeId: string;
  nodeManagerAddress: string;
  nodeManagerHostname: string;
  state: NodeState;
  /** Why the node died, in words; empty while alive. */
  /** Why the node died; null while alive. */
  stateMessage: string | null;
  isHeadNode: boolean;
  labels: Record<string, string>;
  resourcesTotal: Record<string, number>;
  startTimeMs: number;
  /** 0 while alive. */
  endTimeMs: number;
  nodeTypeName: string;
  instanceTypeName: string;
  nodeName: string;
  instanceId: string;
}

/** Host metrics (cpu, mem, disk ...) are not recorded in history: they stay zero/empty. */
export interface NodeDetail {
  hostname: string;
  ip: string;
  cpu: number;
  /** [logical, physical] */
  cpus: [number, number];
  /** [total, available, percent, used] */
  mem: [number, number, number, number];
  disk: Record<string, { total: number; used: number; free: number; percent: number }>;
  /** [sent, received] */
  networkSpeed: [number, number];
  gpus: unknown[];
  tpus: unknown[];
  bootTime: number;
  loadAvg: [[number, number, number], [number, number, number]];
  raylet: Raylet;
}

export interface NodeSummary {
  summary: NodeDetail[];
  /** nodeId -> text like "0.0/8.0 CPU\n0B/16.00GiB memory". */
  nodeLogicalResources: Record<string, string>;
}

export interface NodeDetailWithActors extends NodeDetail {
  actors: Record<string, Actor>;
}

export type ActorState =
  'DEPENDENCIES_UNREADY' | 'PENDING_CREATION' | 'ALIVE' | 'RESTARTING' | 'DEAD';

export interface ActorAddress {
  nodeId: string;
  ipAddress: string;
  port: number;
  workerId: string;
}

/** One worker process, as Ray's state API `/api/v0/workers` lists it. */
export interface RayWorker {
  worker_id: string;
  is_alive: boolean;
  worker_type: string;
  exit_type: string | null;
  exit_detail: string | null;
  node_id: string | null;
  ip: string | null;
  pid: number | null;
  /** Unix ms; 0 when not recorded (Ray's own convention here). */
  start_time_ms: number;
  end_time_ms: number;
}

export interface Actor {
  actorId: string;
  jobId: string;
  state: ActorState | string;
  pid: number | null;
  address: ActorAddress;
  name: string;
  /** A string in Ray's shape. */
  numRestarts: string;
  actorClass: string;
  className: string;
  requiredResources: Record<string, number>;
  exitDetail: string;
  reprName: string;
  placementGroupId: string | null;
  callSite: string;
  labelSelector: Record<string, string>;
  isDetached: boolean;
  rayNamespace: string;
  /** Unix milliseconds; null when not recorded. */
  startTime: number | null;
  endTime: number | null;
}

export type TaskState =
  | 'NIL'
  | 'PENDING_ARGS_AVAIL'
  | 'PENDING_NODE_ASSIGNMENT'
  | 'PENDING_OBJ_STORE_MEM_AVAIL'
  | 'PENDING_ARGS_FETCH'
  | 'SUBMITTED_TO_WORKER'
  | 'PENDING_ACTOR_TASK_ARGS_FETCH'
  | 'PENDING_ACTOR_TASK_ORDERING_OR_CONCURRENCY'
  | 'RUNNING'
  | 'RUNNING_IN_RAY_GET'
  | 'RUNNING_IN_RAY_WAIT'
  | 'FINISHED'
  | 'FAILED'
  | 'GETTING_AND_PINNING_ARGS';

export type TaskType = 'NORMAL_TASK' | 'ACTOR_CREATION_TASK' | 'ACTOR_TASK' | 'DRIVER_TASK';

export interface TaskStateEvent {
  state: TaskState;
  created_ms: number;
}

export interface TaskLogInfo {
  stdout_file?: string;
  stderr_file?: string;
  stdout_start?: number;
  stdout_end?: number;
  stderr_start?: number;
  stderr_end?: number;
}

export interface RayTask {
  task_id: string;
  attempt_number: number;
  name: string;
  state: TaskState;
  job_id: string;
  actor_id: string | null;
  type: TaskType | string;
  func_or_class_name: string;
  parent_task_id: string;
  node_id: string | null;
  worker_id: string | null;
  worker_pid: number | null;
  error_type: string | null;
  error_message: string | null;
  language: string;
  required_resources: Record<string, number>;
  runtime_env_info: Record<string, unknown>;
  placement_group_id: string | null;
  events: TaskStateEvent[];
  task_log_info: TaskLogInfo | null;
  call_site: string | null;
  label_selector: Record<string, string> | null;
  /** Unix milliseconds; null when not recorded. */
  creation_time_ms: number | null;
  start_time_ms: number | null;
  end_time_ms: number | null;
}

/** The fields of a task attempt in `/api/v0/tasks`, in the order Ray and we write them. */
export const RAY_TASK_FIELDS = [
  'task_id',
  'attempt_number',
  'name',
  'state',
  'job_id',
  'actor_id',
  'type',
  'func_or_class_name',
  'parent_task_id',
  'node_id',
  'worker_id',
  'worker_pid',
  'error_type',
  'error_message',
  'language',
  'required_resources',
  'runtime_env_info',
  'placement_group_id',
  'events',
  'task_log_info',
  'call_site',
  'label_selector',
  'creation_time_ms',
  'start_time_ms',
  'end_time_ms',
] as const satisfies readonly (keyof RayTask)[];

export type RayTaskField = (typeof RAY_TASK_FIELDS)[number];

/**
 * What the SPA's task table reads of each attempt (every column it can show, the hidden ones
 * included): it asks for these alone (`columns=`, our addition), a third of an attempt's bytes.
 */
export const TASK_TABLE_FIELDS = [
  'task_id',
  'attempt_number',
  'name',
  'state',
  'job_id',
  'actor_id',
  'type',
  'func_or_class_name',
  'node_id',
  'error_type',
  'creation_time_ms',
  'start_time_ms',
  'end_time_ms',
] as const satisfies readonly RayTaskField[];

/** Our addition: one page of tasks plus per-state counts of the whole filtered set. */
export interface TaskPage extends Omit<
  StateApiList<RayTask>,
  'partial_failure_warning' | 'warnings'
> {
  state_counts: Record<string, number>;
}

export interface TaskSummaryPerFunc {
  func_or_class_name: string;
  type: TaskType | string;
  state_counts: Record<string, number>;
}

export interface FuncNameSummary {
  summary: Record<string, TaskSummaryPerFunc>;
  total_tasks: number;
  total_actor_tasks: number;
  total_actor_scheduled: number;
}

export type LineageNodeType = TaskType | 'ACTOR' | 'GROUP';

export interface NestedTaskSummary {
  name: string;
  key: string;
  type: LineageNodeType;
  /** Earliest creation time in the subtree, unix ms (null when unknown). */
  timestamp: number | null;
  state_counts: Record<string, number>;
  children: NestedTaskSummary[];
  link: { type: 'task' | 'actor'; id: string } | null;
}

export interface LineageSummary {
  summary: NestedTaskSummary[];
  total_tasks: number;
  total_actor_tasks: number;
  total_actor_scheduled: number;
}

/** `data.result.result.node_id_to_summary.cluster` of `/api/v0/tasks/summarize`. */
export interface TaskSummaryResult<S> {
  node_id_to_summary: { cluster: S };
}

/** One Chrome trace event: `X` = complete event (ts/dur in µs), `M` = lane name. */
export interface ChromeTraceEvent {
  name: string;
  ph: 'X' | 'M';
  pid: number;
  tid: number;
  cat?: string;
  ts?: number;
  dur?: number;
  cname?: string;
  args?: Record<string, unknown>;
}

/** A cluster event, camelCase as the dashboard serves it. */
export interface ClusterEvent {
  eventId: string;
  jobId: string;
  nodeId: string;
  sourceType: string;
  sourceHostname: string;
  hostName: string;
  sourcePid: number;
  pid: number;
  severity: string;
  label: string;
  message: string;
  /** Unix seconds. */
  timestamp: number;
  customFields: Record<string, unknown>;
}

export interface ClusterMetadata {
  rayVersion: string;
  pythonVersion: string;
  sessionId: string;
  gitCommit: string;
  os: string;
}

/** GET <scope>/timezone: the cluster's own timezone as the Ray dashboard recorded it. */
export interface Timezone {
  offset: string;
  value: string;
}

/** Our addition: what one session holds, at a glance. */
export interface SessionSummary {
  /** First and last event time seen, unix ms (null when there were no events). */
  startTime: number | null;
  endTime: number | null;
  durationMs: number | null;
  jobs: { total: number; byStatus: Record<string, number> };
  tasks: { attempts: number; byState: Record<string, number> };
  actors: { total: number; byState: Record<string, number> };
  nodes: { total: number; alive: number; dead: number };
  events: { accepted: number; unknown: number; invalid: number; legacy: number };
  warnings: string[];
}
