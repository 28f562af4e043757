import type {
  PrometheusMetricInfo,
  PrometheusUnit,
} from '../../contract/metrics/prometheus-types.ts';

// The fixed list of Ray metrics the server may query for a session. The browser names an id;
// the PromQL is built here, from Ray's exported metric names (ray_node_*, ray_tasks, ray_actors,
// ray_resources, ray_object_store_memory) and the session's SessionName label, escaped.

export interface PrometheusTarget {
  /** PromQL, given the session's label matcher (`SessionName="..."`, already escaped). */
  query: (session: string) => string;
  /** Legend of each series: `{label}` placeholders filled from the series' labels. */
  legend: string;
}

export interface PrometheusCatalogueEntry extends PrometheusMetricInfo {
  targets: PrometheusTarget[];
}

function entry(
  id: string,
  title: string,
  unit: PrometheusUnit,
  description: string,
  targets: PrometheusTarget[],
): PrometheusCatalogueEntry {
  return { id, title, unit, description, targets };
}

const byInstance = (metric: string, legend = '{instance}', fn = 'sum'): PrometheusTarget => ({
  query: (s) => `${fn} by (instance) (${metric}{${s}})`,
  legend,
});

const RUNNING_STATES = 'RUNNING.*';
const PENDING_STATES = 'PENDING.*|SUBMITTED_TO_WORKER';

export const PROMETHEUS_CATALOGUE: readonly PrometheusCatalogueEntry[] = [
  entry(
    'node-cpu',
    'Node CPU utilisation',
    'percent',
    'Hardware CPU use of each node (ray_node_cpu_utilization).',
    [byInstance('ray_node_cpu_utilization', '{instance}', 'avg')],
  ),
  entry(
    'node-memory',
    'Node memory used',
    'bytes',
    'Physical memory in use on each node, heap and object store (ray_node_mem_used).',
    [byInstance('ray_node_mem_used')],
  ),
  entry(
    'node-memory-percent',
    'Node memory used (%)',
    'percent',
    'Memory in use over total memory on each node (ray_node_mem_used / ray_node_mem_total).',
    [
      {
        query: (s) =>
          `100 * sum by (instance) (ray_node_mem_used{${s}}) / sum by (instance) (ray_node_mem_total{${s}})`,
        legend: '{instance}',
      },
    ],
  ),
  entry(
    'node-gpu',
    'GPU utilisation',
    'percent',
    'Hardware use of each GPU (ray_node_gpus_utilization).',
    [
      {
        query: (s) => `avg by (instance, GpuIndex) (ray_node_gpus_utilization{${s}})`,
        legend: '{instance} GPU {GpuIndex}',
      },
    ],
  ),
  entry(
    'node-gram',
    'GPU memory (GRAM) used',
    'bytes',
    'Memory in use on each GPU (ray_node_gram_used, exported in MiB).',
    [
      {
        query: (s) => `sum by (instance, GpuIndex) (ray_node_gram_used{${s}}) * 1048576`,
        legend: '{instance} GPU {GpuIndex}',
      },
    ],
  ),
  entry(
    'node-disk',
    'Disk used',
    'bytes',
    'Disk space in use on each node (ray_node_disk_usage).',
    [byInstance('ray_node_disk_usage')],
  ),
  entry(
    'node-disk-io',
    'Disk I/O',
    'bytesPerSecond',
    'Disk read and write speed of each node (ray_node_disk_io_read_speed, _write_speed).',
    [
      byInstance('ray_node_disk_io_read_speed', 'read {instance}'),
      byInstance('ray_node_disk_io_write_speed', 'write {instance}'),
    ],
  ),
  entry(
    'node-network',
    'Network',
    'bytesPerSecond',
    'Network receive and send speed of each node (ray_node_network_receive_speed, _send_speed).',
    [
      byInstance('ray_node_network_receive_speed', 'receive {instance}'),
      byInstance('ray_node_network_send_speed', 'send {instance}'),
    ],
  ),
  entry(
    'object-store-memory',
    'Object store memory',
    'bytes',
    'Object store memory by location: shared memory, spilled to disk, worker heap (ray_object_store_memory).',
    [{ query: (s) => `sum by (Location) (ray_object_store_memory{${s}})`, legend: '{Location}' }],
  ),
  entry('tasks-by-state', 'Tasks by state', 'tasks', 'Tasks in each state (ray_tasks).', [
    { query: (s) => `clamp_min(sum by (State) (ray_tasks{${s}}), 0)`, legend: '{State}' },
  ]),
  entry(
    'running-pending-tasks',
    'Running and pending tasks',
    'tasks',
    'Tasks running (any RUNNING state) and waiting to run (PENDING states, submitted to a worker).',
    [
      {
        query: (s) => `clamp_min(sum(ray_tasks{${s},State=~"${RUNNING_STATES}"}), 0)`,
        legend: 'running',
      },
      {
        query: (s) => `clamp_min(sum(ray_tasks{${s},State=~"${PENDING_STATES}"}), 0)`,
        legend: 'pending',
      },
    ],
  ),
  entry(
    'actors-by-state',
    'Actors by state',
    'actors',
    "Actors in each lifecycle state, as the GCS counts them (ray_actors, not the executors' own view).",
    [
      {
        query: (s) => `sum by (State) (ray_actors{${s},Source!="executor"})`,
        legend: '{State}',
      },
    ],
  ),
  entry(
    'logical-cpus',
    'Logical CPUs in use',
    'cores',
    "CPU slots held by tasks and actors on each node, and the cluster's total (ray_resources).",
    [
      {
        query: (s) => `sum by (instance) (ray_resources{${s},Name="CPU",State="USED"})`,
        legend: '{instance}',
      },
      { query: (s) => `sum(ray_resources{${s},Name="CPU"})`, legend: 'cluster total' },
    ],
  ),
  entry(
    'logical-gpus',
    'Logical GPUs in use',
    'gpus',
    "GPU slots held by tasks and actors on each node, and the cluster's total (ray_resources).",
    [
      {
        query: (s) => `sum by (instance) (ray_resources{${s},Name="GPU",State="USED"})`,
        legend: '{instance}',
      },
      { query: (s) => `sum(ray_resources{${s},Name="GPU"})`, legend: 'cluster total' },
    ],
  ),
];

export function catalogueEntry(id: string): PrometheusCatalogueEntry | undefined {
  return PROMETHEUS_CATALOGUE.find((e) => e.id === id);
}

/** What the browser sees of the catalogue: never the queries. */
export function catalogueInfo(): PrometheusMetricInfo[] {
  return PROMETHEUS_CATALOGUE.map(({ id, title, unit, description }) => ({
    id,
    title,
    unit,
    description,
  }));
}

/**
 * A PromQL string literal holding exactly `value`: backslash and double quote escaped, control
 * characters as \xNN (PromQL strings follow Go's escaping).
 */
export function promqlString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\' || ch === '"') out += `\\${ch}`;
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** The label matcher every catalogue query is filtered by. */
export function sessionMatcher(sessionName: string): string {
  return `SessionName=${promqlString(sessionName)}`;
}

/** A series' legend: the target's template with `{label}` filled (a missing label reads as ''). */
export function legendOf(template: string, labels: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => labels[name] ?? '').trim();
}
