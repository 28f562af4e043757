import { nodeLogsDir } from '../../server/history/layout.ts';
import type { SessionContext } from './context.ts';
import type { NodePlan } from './plan.ts';
import { SECOND } from './time.ts';

// Two more files Ray keeps per node:
// - logs/events/event_<SOURCE>.log: the legacy cluster events, one snake_case JSON per line;
// - logs/debug_state.txt: the raylet's periodic state dump. Its layout follows the raylet's
//   NodeManager debug string: resource quantities are fixed-point (x10000), "total" and
//   "available" maps per node, then the running tasks by scheduling class.

export interface LegacyEvent {
  us: number;
  sourceType: 'GCS' | 'RAYLET' | 'AUTOSCALER' | 'JOBS';
  severity: 'INFO' | 'WARNING' | 'ERROR';
  label: string;
  message: string;
  jobIdHex?: string;
  /** The JOBS source names a submission, not a job id. */
  submissionId?: string;
}

export async function writeLegacyEvents(
  ctx: SessionContext,
  node: NodePlan,
  events: LegacyEvent[],
): Promise<number> {
  const bySource = new Map<string, string[]>();
  let written = 0;
  for (const e of events) {
    const line = JSON.stringify({
      event_id: ctx.random.hex(36),
      source_type: e.sourceType,
      source_hostname: node.hostname,
      source_pid: e.sourceType === 'RAYLET' ? node.rayletPid : node.rayletPid - 7,
      severity: e.severity,
      label: e.label,
      message: e.message,
      timestamp: String(Math.floor(e.us / SECOND)),
      custom_fields: e.submissionId
        ? { submission_id: e.submissionId }
        : e.jobIdHex
          ? { job_id: e.jobIdHex }
          : {},
    });
    const lines = bySource.get(e.sourceType) ?? [];
    lines.push(line);
    // The collector may upload an event twice: repeat the first one of each file.
    if (lines.length === 2) lines.push(lines[0]!);
    bySource.set(e.sourceType, lines);
    written++;
  }
  const dir = `${nodeLogsDir(ctx.plan.info, node.idHex)}events/`;
  for (const [source, lines] of bySource)
    await ctx.out.writeFile(`${dir}event_${source}.log`, `${lines.join('\n')}\n`);
  return written;
}

export async function writeDebugState(
  ctx: SessionContext,
  node: NodePlan,
  runningTasks: number,
): Promise<void> {
  const fixed = (n: number) => Math.round(n * 10000);
  const used: Record<string, number> = { CPU: Math.min(runningTasks, node.resources.CPU ?? 0) };
  const map = (values: Record<string, number>) =>
    `{${Object.entries(values)
      .map(([k, v]) => `${k}: [${fixed(v)}]`)
      .join(', ')}}`;
  const available = Object.fromEntries(
    Object.entries(node.resources).map(([k, v]) => [k, v - (used[k] ?? 0)]),
  );
  const labels = Object.entries(node.labels)
    .map(([k, v]) => `"${k}":"${v}"`)
    .join(',');
  const text = [
    'NodeManager:',
    `Node ID: ${node.idHex}`,
    `Node name: ${node.ip}`,
    `InitialConfigResources: {${Object.entries(node.resources)
      .map(([k, v]) => `${k}: ${fixed(v)}`)
      .join(', ')}}`,
    'ClusterTaskManager:',
    `========== Node: ${node.idHex} =================`,
    'Infeasible queue length: 0',
    'Schedule queue length: 0',
    'Dispatch queue length: 0',
    'num_waiting_for_resource: 0',
    'num_waiting_for_plasma_memory: 0',
    'num_tasks_waiting_for_workers: 0',
    'num_cancelled_tasks: 0',
    'cluster_resource_scheduler state: ',
    `Local id: ${BigInt.asIntN(64, BigInt(`0x${node.idHex.slice(0, 16)}`))} Local resources: {"total":${map(node.resources)}}, "available": ${map(available)}}, "labels":{${labels}} is_draining: ${node.death ? 1 : 0} is_idle: ${runningTasks === 0 ? 1 : 0}`,
    'Waiting tasks size: 0',
    `Number of executing tasks: ${runningTasks}`,
    'Number of pinned task arguments: 0',
    'Resource usage {',
    '}',
    '==================================================',
    '',
    'ClusterResources:',
    'LocalObjectManager:',
    '- num pinned objects: 0',
    `- cumulative spilled objects: ${runningTasks * 3}`,
    '',
  ].join('\n');
  await ctx.out.writeFile(`${nodeLogsDir(ctx.plan.info, node.idHex)}debug_state.txt`, text);
}
