import type { Actor, NodeDetailWithActors, NodeSummary, RayJob } from '../../../contract/ray.ts';
import { normalizeId } from './ids.ts';
import { resourceLines } from './resources-text.ts';
import type { SessionSnapshot } from './snapshot.ts';
import { dictionary } from './dictionary.ts';

// Jobs, nodes and actors in the dashboard's shapes (the routes add the envelopes).

export function listJobs(snapshot: SessionSnapshot): RayJob[] {
  return snapshot.jobs;
}

/** A job by job id (hex or base64) or by submission id; null when unknown. */
export function findJob(snapshot: SessionSnapshot, idOrSubmissionId: string): RayJob | null {
  const hex = normalizeId(idOrSubmissionId);
  return (
    snapshot.jobs.find((j) => j.job_id === hex) ??
    snapshot.jobs.find((j) => j.submission_id === idOrSubmissionId) ??
    null
  );
}

/** The "used/total name" lines of one node, joined by newlines. */
export function nodeLogicalResources(snapshot: SessionSnapshot, nodeId: string): string {
  const node = snapshot.nodes.find((n) => n.raylet.nodeId === nodeId);
  const recorded = snapshot.nodeResources.get(nodeId);
  const total = recorded?.total ?? node?.raylet.resourcesTotal ?? {};
  return resourceLines(total, recorded?.available ?? null).join('\n');
}

export function nodeSummary(snapshot: SessionSnapshot): NodeSummary {
  const nodeLogicalResourcesById = dictionary<string>();
  for (const node of snapshot.nodes) {
    nodeLogicalResourcesById[node.raylet.nodeId] = nodeLogicalResources(
      snapshot,
      node.raylet.nodeId,
    );
  }
  return { summary: snapshot.nodes, nodeLogicalResources: nodeLogicalResourcesById };
}

/** One node with the actors that ran on it (last placement); null when unknown. */
export function nodeDetail(snapshot: SessionSnapshot, nodeId: string): NodeDetailWithActors | null {
  const id = normalizeId(nodeId);
  const node = snapshot.nodes.find((n) => n.raylet.nodeId === id);
  if (!node) return null;
  const actors = dictionary<Actor>();
  for (const actor of snapshot.actors)
    if (actor.address.nodeId === id) actors[actor.actorId] = actor;
  return { ...node, actors };
}

export function listActors(snapshot: SessionSnapshot): Record<string, Actor> {
  const actors = dictionary<Actor>();
  for (const actor of snapshot.actors) actors[actor.actorId] = actor;
  return actors;
}

export function findActor(snapshot: SessionSnapshot, actorId: string): Actor | null {
  const id = normalizeId(actorId);
  return snapshot.actors.find((a) => a.actorId === id) ?? null;
}
