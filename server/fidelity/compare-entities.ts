import { ourJson, type Comparison } from './ray-answers.ts';
import { equal, within, type Same } from './tally.ts';

// Actors (`/logical/actors`) and nodes (`/nodes?view=summary`).

type Actor = Record<string, unknown> & { address?: Record<string, unknown> };

const ACTOR_FIELDS: Record<string, Same> = {
  state: equal,
  jobId: equal,
  className: equal,
  actorClass: equal,
  name: equal,
  numRestarts: equal,
  pid: equal,
  startTime: within(1000),
  endTime: within(1000),
  exitDetail: equal,
  requiredResources: equal,
};

export async function compareActors(c: Comparison): Promise<void> {
  const answer = c.truth.latest((a) => a.pathname === '/logical/actors');
  if (!answer) return;
  type Body = { data: { actors: Record<string, Actor> } };
  const ray = c.truth.json<Body>(answer).data.actors;
  const ours = (await ourJson<Body>(c, answer)).data.actors;
  c.tally.sameKeys('actors', 'actor ids', Object.keys(ours), Object.keys(ray));
  for (const [id, actor] of Object.entries(ray)) {
    const mine = Object.hasOwn(ours, id) ? ours[id] : undefined;
    c.tally.fields('actors', id, mine, actor, ACTOR_FIELDS);
    c.tally.fields('actors', `${id} address`, mine?.address, actor.address ?? {}, {
      nodeId: equal,
      ipAddress: equal,
      port: equal,
      workerId: equal,
    });
  }
}

type Raylet = Record<string, unknown> & { nodeId: string };
type NodeSummary = Record<string, unknown> & { raylet: Raylet };
type NodesBody = { data: { summary: NodeSummary[] } };

/** Facts fixed when a node starts: compared with the first answer that lists the node alive. */
const IDENTITY: Record<string, Same> = {
  nodeManagerAddress: equal,
  nodeManagerHostname: equal,
  isHeadNode: equal,
  nodeName: equal,
  resourcesTotal: equal,
  labels: equal,
  startTimeMs: within(1000),
};
/** How the node ended: compared with the last answer. */
const FINAL: Record<string, Same> = {
  state: equal,
  stateMessage: equal,
  endTimeMs: within(1000),
  isHeadNode: equal,
};

export async function compareNodes(c: Comparison): Promise<void> {
  const answers = c.truth.all((a) => a.pathname === '/nodes' && a.query.get('view') === 'summary');
  if (answers.length === 0) return;
  const ours = new Map(
    (await ourJson<NodesBody>(c, answers.at(-1)!)).data.summary.map((n) => [n.raylet.nodeId, n]),
  );
  const final = new Map<string, NodeSummary>();
  const firstAlive = new Map<string, NodeSummary>();
  for (const answer of answers) {
    for (const node of c.truth.json<NodesBody>(answer).data.summary) {
      final.set(node.raylet.nodeId, node);
      if (node.raylet.state === 'ALIVE' && !firstAlive.has(node.raylet.nodeId))
        firstAlive.set(node.raylet.nodeId, node);
    }
  }
  c.tally.sameKeys('nodes', 'node ids', ours.keys(), final.keys());
  for (const [id, node] of final) {
    const mine = ours.get(id);
    c.tally.fields('nodes', id, mine?.raylet, node.raylet, FINAL);
    const alive = firstAlive.get(id);
    if (alive) {
      c.tally.fields('nodes', `${id} identity`, mine?.raylet, alive.raylet, IDENTITY);
      c.tally.fields('nodes', `${id} host`, mine, alive, { ip: equal, hostname: equal });
    }
  }
}
