import type { SessionSummary } from '../../../contract/ray.ts';
import type { SessionSnapshot } from './snapshot.ts';
import { addCount, rowsInScope, sortedCounts } from './task-rows-in-scope.ts';
import { TASK_STATES } from './task-states.ts';
import { dictionary } from './dictionary.ts';

// The overview of one session: time span, outcomes, counts and what ingest could not read.

/** What ingest reports besides events (the colleague's IngestReport fits this shape). */
export interface IngestStats {
  filesRead?: number;
  malformedLines?: number;
  unknownEventTypes?: Record<string, number>;
  corruptFiles?: { file: string; reason: string }[];
  nodesWithoutLogs?: string[];
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function warnings(snapshot: SessionSnapshot, ingest: IngestStats): string[] {
  const out: string[] = [];
  if (ingest.malformedLines)
    out.push(`${plural(ingest.malformedLines, 'malformed event line')} skipped.`);
  const unknown = Object.entries(ingest.unknownEventTypes ?? {}).sort(([a], [b]) =>
    a < b ? -1 : 1,
  );
  if (unknown.length) {
    out.push(
      `Unknown event types ignored: ${unknown.map(([type, n]) => `${type} (${n})`).join(', ')}.`,
    );
  }
  for (const file of ingest.corruptFiles ?? [])
    out.push(`Corrupt or truncated file ${file.file}: ${file.reason}`);
  for (const node of ingest.nodesWithoutLogs ?? []) out.push(`Node ${node} has no uploaded logs.`);
  if (snapshot.counts.invalid)
    out.push(`${plural(snapshot.counts.invalid, 'event')} could not be decoded.`);
  const t = snapshot.tasks;
  let undefinedTasks = 0;
  for (let r = 0; r < t.count; r++) if (!t.hasDefinition[r]) undefinedTasks++;
  if (undefinedTasks) {
    out.push(
      `${plural(undefinedTasks, 'task attempt')} without a definition event: names and functions unknown.`,
    );
  }
  const unknownJobs = snapshot.jobs.filter((j) => j.status === 'UNKNOWN').length;
  if (unknownJobs) out.push(`${plural(unknownJobs, 'job')} with no recorded end.`);
  return out;
}

export function sessionSummary(
  snapshot: SessionSnapshot,
  ingest: IngestStats = {},
): SessionSummary {
  const t = snapshot.tasks;
  // Driver tasks are left out, as in the tasks list the counts link to.
  const counted = rowsInScope(t);
  const perState = new Int32Array(t.pool.size);
  let attempts = 0;
  for (let r = 0; r < t.count; r++) {
    if (!counted(r)) continue;
    perState[t.state.at(r)]!++;
    attempts++;
  }
  const byState = dictionary<number>();
  for (const state of [...TASK_STATES, ...t.pool.values]) {
    const id = t.pool.idOf(state);
    if (id > 0 && perState[id]! > 0 && !(state in byState)) byState[state] = perState[id]!;
  }
  const jobsByStatus = dictionary<number>();
  for (const job of snapshot.jobs) addCount(jobsByStatus, job.status);
  const actorsByState = dictionary<number>();
  for (const actor of snapshot.actors) addCount(actorsByState, actor.state);
  const alive = snapshot.nodes.filter((n) => n.raylet.state === 'ALIVE').length;
  const { firstEventMs: first, lastEventMs: last } = snapshot;
  return {
    startTime: first === null ? null : Math.floor(first),
    endTime: last === null ? null : Math.floor(last),
    durationMs: first === null || last === null ? null : Math.floor(last) - Math.floor(first),
    jobs: { total: snapshot.jobs.length, byStatus: sortedCounts(jobsByStatus) },
    tasks: { attempts, byState },
    actors: { total: snapshot.actors.length, byState: sortedCounts(actorsByState) },
    nodes: { total: snapshot.nodes.length, alive, dead: snapshot.nodes.length - alive },
    events: { ...snapshot.counts },
    warnings: warnings(snapshot, ingest),
  };
}
