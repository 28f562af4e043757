import type { Actor } from '../../../contract/ray';
import { formatResourceMap } from './resources';

// Actors as the list and detail pages show them: one row per actor, filters and their options.

export interface ActorRow {
  id: string;
  state: string;
  className: string;
  name: string;
  repr: string;
  restarts: number;
  /** Why the actor exited, in words; null when nothing was recorded. */
  exitDetail: string | null;
  nodeId: string | null;
  nodeIp: string | null;
  workerId: string | null;
  pid: number | null;
  startTime: number | null;
  endTime: number | null;
  durationMs: number | null;
  resources: string;
  placementGroupId: string | null;
  jobId: string;
  isDetached: boolean;
  rayNamespace: string;
  callSite: string;
}

export interface ActorFilters {
  state: string;
  className: string;
  job: string;
  /** Matches the actor's name, repr or id, case-insensitively. */
  name: string;
}

const orNull = (text: string | null | undefined) => (text && text !== '-' ? text : null);

export function toActorRow(actor: Actor): ActorRow {
  const start = actor.startTime ?? null;
  const end = actor.endTime ?? null;
  const restarts = Number.parseInt(actor.numRestarts, 10);
  return {
    id: actor.actorId,
    state: actor.state || 'UNKNOWN',
    className: actor.className || actor.actorClass || '',
    name: actor.name,
    repr: actor.reprName,
    restarts: Number.isFinite(restarts) ? restarts : 0,
    exitDetail: orNull(actor.exitDetail),
    nodeId: orNull(actor.address?.nodeId),
    nodeIp: orNull(actor.address?.ipAddress),
    workerId: orNull(actor.address?.workerId),
    pid: actor.pid || null,
    startTime: start,
    endTime: end,
    durationMs: start !== null && end !== null && end >= start ? end - start : null,
    resources: formatResourceMap(actor.requiredResources ?? {}),
    placementGroupId: orNull(actor.placementGroupId),
    jobId: actor.jobId,
    isDetached: actor.isDetached,
    rayNamespace: actor.rayNamespace,
    callSite: actor.callSite,
  };
}

/** Every actor, the earliest started first (actors never started last), then by id. */
export function toActorRows(actors: Record<string, Actor>): ActorRow[] {
  return Object.values(actors)
    .map(toActorRow)
    .sort(
      (a, b) => (a.startTime ?? Infinity) - (b.startTime ?? Infinity) || a.id.localeCompare(b.id),
    );
}

export function filterActorRows(rows: ActorRow[], filters: ActorFilters): ActorRow[] {
  const needle = filters.name.trim().toLowerCase();
  return rows.filter(
    (row) =>
      (!filters.state || row.state === filters.state) &&
      (!filters.className || row.className === filters.className) &&
      (!filters.job || row.jobId === filters.job) &&
      (!needle || [row.name, row.repr, row.id].some((t) => t.toLowerCase().includes(needle))),
  );
}

const distinct = (values: string[]) =>
  [...new Set(values.filter((v) => v !== ''))].sort((a, b) => a.localeCompare(b));

/** The choices of the state, class and job filters: the values present, sorted. */
export function actorFilterOptions(rows: ActorRow[]) {
  return {
    states: distinct(rows.map((r) => r.state)),
    classes: distinct(rows.map((r) => r.className)),
    jobs: distinct(rows.map((r) => r.jobId)),
  };
}
