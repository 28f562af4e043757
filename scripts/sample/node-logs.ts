import { nodeLogsDir } from '../../server/history/layout.ts';
import type { SessionContext } from './context.ts';
import { ansi, cppLine, pythonLine } from './log-text.ts';
import type { NodePlan } from './plan.ts';
import { MINUTE, SECOND } from './time.ts';

// The long-lived processes' logs of one node: raylet, GCS and autoscaler (head), dashboard,
// dashboard agent, plus a rotated file in `old/`.

export async function writeNodeLogs(
  ctx: SessionContext,
  node: NodePlan,
  endUs: number,
): Promise<void> {
  const dir = nodeLogsDir(ctx.plan.info, node.idHex);
  const t0 = node.startUs;
  const stop = node.death?.us ?? endUs;
  const pid = node.rayletPid;
  const raylet = (us: number, level: 'I' | 'W' | 'E', where: string, text: string) =>
    cppLine(us, level, pid, 'raylet', where, text);
  let rayletOut =
    raylet(t0, 'I', 'main.cc:212', `Setting cluster ID to: ${ctx.random.hex(56)}`) +
    raylet(t0 + SECOND / 10, 'I', 'main.cc:330', `Raylet is not set to kill unknown children.`) +
    raylet(
      t0 + SECOND / 5,
      'I',
      'node_manager.cc:424',
      `Initializing NodeManager node_id=${node.idHex}`,
    ) +
    raylet(
      t0 + SECOND,
      'I',
      'raylet.cc:135',
      `Raylet of id, ${node.idHex} started. Raylet consists of node_manager and object_manager. node_manager address: ${node.ip}:${node.rayletPid + 30000}`,
    );
  for (let us = t0 + MINUTE; us < stop; us += 10 * MINUTE) {
    rayletOut += raylet(
      us,
      'I',
      'node_manager.cc:638',
      `[state-dump] NodeManager: Node ID: ${node.idHex} Node name: ${node.ip} InitialConfigResources: ${resourcesText(node)}`,
    );
  }
  if (node.death) {
    rayletOut +=
      raylet(
        stop - SECOND,
        'W',
        'node_manager.cc:2035',
        `The node is being drained: ${node.death.info.reasonMessage}`,
      ) + raylet(stop, 'E', 'main.cc:340', ansi.red('Raylet received SIGTERM, shutting down.'));
  }
  const files: Record<string, string> = {
    'raylet.out': rayletOut,
    'raylet.err': `${ansi.yellow('WARNING')}: object spilling directory /tmp/ray/spill is on the root filesystem\n`,
    'dashboard_agent.log':
      pythonLine(
        t0 + 2 * SECOND,
        'INFO',
        'agent.py:122',
        `Dashboard agent grpc address: ${node.ip}:${node.agentPid + 40000}`,
      ) +
      pythonLine(
        t0 + 3 * SECOND,
        'INFO',
        'event_agent.py:56',
        'Report events to dashboard; aggregator enabled.',
      ),
    'old/raylet.1.out': raylet(
      t0 - 40 * SECOND,
      'I',
      'main.cc:180',
      'Ray cluster starting (rotated log)',
    ),
  };
  if (node.isHead) {
    files['gcs_server.out'] = gcsLog(ctx, node, stop);
    files['dashboard.log'] =
      pythonLine(
        t0 + SECOND,
        'INFO',
        'head.py:239',
        'Starting dashboard metrics server on port 44227',
      ) +
      pythonLine(
        t0 + 2 * SECOND,
        'INFO',
        'head.py:343',
        `Dashboard head http address: ${node.ip}:8265`,
      ) +
      pythonLine(
        t0 + 5 * MINUTE,
        'WARNING',
        'state_aggregator.py:211',
        'Max number of tasks (10000) reached, list is truncated.',
      );
    files['monitor.log'] = monitorLog(ctx, t0, stop);
  }
  for (const [name, text] of Object.entries(files)) await ctx.out.writeFile(`${dir}${name}`, text);
}

function gcsLog(ctx: SessionContext, head: NodePlan, stop: number): string {
  const gcs = (us: number, level: 'I' | 'W', where: string, text: string) =>
    cppLine(us, level, head.rayletPid - 7, 'gcs_server', where, text);
  let text = gcs(head.startUs, 'I', 'gcs_server_main.cc:67', 'GCS server starting, port 6379');
  for (const node of ctx.plan.nodes) {
    text += gcs(
      node.startUs,
      'I',
      'gcs_node_manager.cc:94',
      `Registering node info, address = ${node.ip}, node name = ${node.ip} node_id=${node.idHex}`,
    );
    if (node.death)
      text += gcs(
        node.death.us,
        'W',
        'gcs_node_manager.cc:317',
        `Node ${node.idHex} is dead: ${node.death.info.reason} ${node.death.info.reasonMessage}`,
      );
  }
  return (
    text + gcs(stop, 'I', 'gcs_server.cc:312', 'GCS server received SIGTERM, shutting down...')
  );
}

function monitorLog(ctx: SessionContext, t0: number, stop: number): string {
  let text = pythonLine(
    t0 + 4 * SECOND,
    'INFO',
    'monitor.py:689',
    'Starting monitor using ray installation: /home/ray/anaconda3/lib/python3.11/site-packages/ray/__init__.py',
  );
  for (let us = t0 + MINUTE; us < stop; us += 15 * MINUTE) {
    text += pythonLine(
      us,
      'INFO',
      'autoscaler.py:425',
      `\n======== Autoscaler status: ${new Date(us / 1000).toISOString()} ========\nNode status\n---------------------------------------------------------------\nActive:\n${ctx.plan.nodes.map((n) => ` 1 ${n.group}`).join('\n')}\nPending:\n (no pending nodes)\nRecent failures:\n (no failures)`,
    );
  }
  return text;
}

export function resourcesText(node: NodePlan): string {
  return `{${Object.entries(node.resources)
    .map(([k, v]) => `${k}: ${v * 10000}`)
    .join(', ')}}`;
}
