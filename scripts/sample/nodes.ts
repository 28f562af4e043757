import type { SessionInfo } from '../../contract/api.ts';
import type { NodeDeath } from './cluster-events.ts';
import { hex, nodeId as newNodeId } from './ids.ts';
import type { NodePlan } from './plan.ts';
import type { Random } from './random.ts';
import { SECOND } from './time.ts';

// The Ray nodes of one session: a head pod and worker pods of KubeRay worker groups.

export interface WorkerGroup {
  group: string;
  instanceType: string;
  cpus: number;
  gpus: number;
  spot: boolean;
}

const GiB = 1024 * 1024 * 1024;

export function planNodes(
  random: Random,
  info: SessionInfo,
  startUs: number,
  workers: WorkerGroup[],
  death?: { index: number; us: number },
): NodePlan[] {
  const head = node(
    random,
    info,
    startUs + SECOND,
    { group: 'headgroup', instanceType: 'ecs.g7.2xlarge', cpus: 8, gpus: 0, spot: false },
    true,
  );
  const rest = workers.map((w, i) => {
    const n = node(random, info, startUs + (12 + 3 * i) * SECOND, w, false);
    if (death && death.index === i) n.death = { us: death.us, info: preemption(n) };
    return n;
  });
  return [head, ...rest];
}

function node(
  random: Random,
  info: SessionInfo,
  startUs: number,
  g: WorkerGroup,
  isHead: boolean,
): NodePlan {
  const id = newNodeId(random);
  const idHex = hex(id);
  const ip = `10.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(2, 254)}`;
  const pod = isHead
    ? `${info.clusterName}-head-${suffix(random)}`
    : `${info.clusterName}-${g.group}-worker-${suffix(random)}`;
  const resources: Record<string, number> = {
    CPU: g.cpus,
    memory: g.cpus * 4 * GiB,
    object_store_memory: g.cpus * 1.25 * GiB,
    [`node:${ip}`]: 1,
  };
  if (g.gpus > 0) {
    resources.GPU = g.gpus;
    resources['accelerator_type:A10'] = 1;
  }
  if (isHead) resources['node:__internal_head__'] = 1;
  return {
    nodeId: id,
    idHex,
    ip,
    labels: {
      'ray.io/node-group': g.group,
      'ray.io/node-id': idHex,
      'ray.io/market-type': g.spot ? 'SPOT' : 'ON_DEMAND',
      'ray.io/availability-zone': 'cn-hangzhou-h',
    },
    startUs,
    instanceTypeName: g.instanceType,
    hostname: pod,
    nodeName: `cn-hangzhou.${ip}`,
    instanceId: `i-bp1${random.hex(17)}`,
    isHead,
    group: g.group,
    resources,
    rayletPid: random.int(40, 400),
    agentPid: random.int(400, 800),
  };
}

function preemption(n: NodePlan): NodeDeath {
  return {
    reason: 'AUTOSCALER_DRAIN_PREEMPTED',
    reasonMessage: `Preempted: spot instance ${n.instanceId} (${n.instanceTypeName}) was reclaimed by the cloud provider.`,
  };
}

function suffix(random: Random): string {
  const chars = 'bcdfghjklmnpqrstvwxz2456789';
  let s = '';
  for (let i = 0; i < 5; i++) s += random.pick([...chars]);
  return s;
}
