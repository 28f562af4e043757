import type { NodeDetail, NodeSummary } from '../../../contract/ray';

// Nodes as the list and detail pages show them. History records no host metrics (cpu, memory,
// disk, gpus ...): they are "not recorded", never 0 %. A running cluster's dashboard has them.

export const NOT_RECORDED = 'not recorded';
export const NODE_GROUP_LABEL = 'ray.io/node-group';

export interface NodeRow {
  id: string;
  role: 'head' | 'worker';
  state: string;
  /** Why the node died, in words; null while it was alive. */
  deathReason: string | null;
  ip: string;
  hostname: string;
  group: string | null;
  instanceType: string | null;
  instanceId: string | null;
  nodeName: string | null;
  /** Logical resources, one "used/total name" line each, e.g. "0.0/8.0 CPU". */
  resources: string[];
  labels: Record<string, string>;
  startTime: number | null;
  endTime: number | null;
  durationMs: number | null;
  /** Host metrics a running cluster's dashboard reports; NOT_RECORDED in history. */
  cpuUsage: string;
  memoryUsage: string;
}

export interface HostMetric {
  label: string;
  value: string;
}

const orNull = (text: string | null | undefined) => (text ? text : null);
const positive = (ms: number | null | undefined) => (ms && ms > 0 ? ms : null);

export function toNodeRow(detail: NodeDetail, logicalResources?: string): NodeRow {
  const r = detail.raylet;
  const dead = r.state === 'DEAD';
  const start = positive(r.startTimeMs);
  const end = positive(r.endTimeMs);
  return {
    id: r.nodeId,
    role: r.isHeadNode ? 'head' : 'worker',
    state: r.state || 'UNKNOWN',
    deathReason: dead
      ? (r.stateMessage ?? '').trim() || 'The node died; no reason was recorded.'
      : null,
    ip: detail.ip || r.nodeManagerAddress,
    hostname: detail.hostname || r.nodeManagerHostname,
    group: orNull(r.labels?.[NODE_GROUP_LABEL]) ?? orNull(r.nodeTypeName),
    instanceType: orNull(r.instanceTypeName),
    instanceId: orNull(r.instanceId),
    nodeName: orNull(r.nodeName),
    resources: (logicalResources ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    labels: r.labels ?? {},
    startTime: start,
    endTime: end,
    durationMs: start !== null && end !== null && end >= start ? end - start : null,
    cpuUsage: cpuUsage(detail),
    memoryUsage: memoryUsage(detail),
  };
}

/** The head node first, then workers by node group, hostname and id. */
export function toNodeRows(summary: NodeSummary): NodeRow[] {
  return summary.summary
    .map((detail) => toNodeRow(detail, summary.nodeLogicalResources[detail.raylet.nodeId]))
    .sort(
      (a, b) =>
        Number(b.role === 'head') - Number(a.role === 'head') ||
        (a.group ?? '').localeCompare(b.group ?? '') ||
        a.hostname.localeCompare(b.hostname) ||
        a.id.localeCompare(b.id),
    );
}

const percent = (n: number) => `${Number(n.toFixed(1))} %`;

function cpuUsage(detail: NodeDetail): string {
  const [logicalCpus = 0] = detail.cpus ?? [];
  return logicalCpus > 0 || detail.cpu > 0 ? percent(detail.cpu) : NOT_RECORDED;
}

function memoryUsage(detail: NodeDetail): string {
  const [memTotal = 0, , memPercent = 0] = detail.mem ?? [];
  return memTotal > 0 ? percent(memPercent) : NOT_RECORDED;
}

/** CPU, memory, disk, network, load and accelerators, or "not recorded" for each one absent. */
export function hostMetrics(detail: NodeDetail): HostMetric[] {
  const disks = Object.entries(detail.disk ?? {});
  const [sent = 0, received = 0] = detail.networkSpeed ?? [];
  const load = detail.loadAvg?.[0] ?? [0, 0, 0];
  return [
    { label: 'CPU usage', value: cpuUsage(detail) },
    { label: 'Memory usage', value: memoryUsage(detail) },
    {
      label: 'Disk usage',
      value: disks.length
        ? disks.map(([mount, d]) => `${mount} ${percent(d.percent)}`).join(', ')
        : NOT_RECORDED,
    },
    {
      label: 'Network',
      value: sent > 0 || received > 0 ? `${sent} B/s sent, ${received} B/s received` : NOT_RECORDED,
    },
    {
      label: 'Load average',
      value: load.some((v) => v > 0) ? load.map((v) => v.toFixed(2)).join(' / ') : NOT_RECORDED,
    },
    { label: 'GPUs', value: detail.gpus?.length ? `${detail.gpus.length} reported` : NOT_RECORDED },
    { label: 'TPUs', value: detail.tpus?.length ? `${detail.tpus.length} reported` : NOT_RECORDED },
  ];
}
