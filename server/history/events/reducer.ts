import type { ClusterEvent } from '../../../contract/ray.ts';
import { actorView, type ActorRecord } from './actor-view.ts';
import { parseDebugState, type NodeResources } from './debug-state.ts';
import { decodeRayEvent } from './decode.ts';
import type {
  ActorDefinition,
  ActorTransition,
  DecodedEvent,
  JobDefinition,
  JobTransition,
  NodeDefinition,
  NodeTransition,
  WorkerDefinition,
  WorkerTransition,
} from './decoded.ts';
import { EntityRecords, type EntityEntries } from './entity-records.ts';
import { isNilId } from './ids.ts';
import { jobView } from './job-view.ts';
import {
  submissionEvents,
  type SubmissionJobRef,
  type SubmissionLogs,
  type SubmissionOutcome,
} from './submission-outcome.ts';
import { compareEvents, decodeLegacyEvent } from './legacy-events.ts';
import { nodeView } from './node-view.ts';
import { workerView } from './worker-view.ts';
import type { SessionSnapshot } from './snapshot.ts';
import { compareStrings } from './string-pool.ts';
import { TaskTableBuilder } from './task-table-builder.ts';
import type { TaskRun } from './task-runs.ts';
import { approxTaskTableBytes, freezeTasks } from './task-table.ts';
import { actorStateRank } from './task-states.ts';

// Reduces one session's events, in any order and with repeats, into a SessionSnapshot
// (reduction rules: contract, section 2).

export type AddResult = 'ok' | 'unknown' | 'invalid';

/**
 * What a reducer has taken in, as plain data that can cross threads. Merging partial
 * reductions of disjoint parts of a session gives the reduction of the whole (merges follow
 * the same order-independent rules as events). Debug states are not part of it.
 */
export interface PartialReduction {
  tasks: TaskRun;
  jobs: EntityEntries<JobDefinition, JobTransition>;
  nodes: EntityEntries<NodeDefinition, NodeTransition>;
  actors: EntityEntries<ActorDefinition, ActorTransition>;
  workers: EntityEntries<WorkerDefinition, WorkerTransition>;
  legacy: [string, { event: ClusterEvent; json: string }][];
  counts: { accepted: number; unknown: number; invalid: number };
  firstMs: number;
  lastMs: number;
}

const JOB_RANK: Record<string, number> = { CREATED: 0, FINISHED: 1 };
const WORKER_RANK: Record<string, number> = { ALIVE: 0, DEAD: 2 };
const NODE_RANK: Record<string, number> = { ALIVE: 0, IDLE_OR_ACTIVE: 0, DRAINING: 1, DEAD: 2 };

export class SessionReducer {
  private readonly tasks = new TaskTableBuilder();
  private readonly jobs = new EntityRecords<JobDefinition, JobTransition>();
  private readonly nodes = new EntityRecords<NodeDefinition, NodeTransition>();
  private readonly actors = new EntityRecords<ActorDefinition, ActorTransition>();
  private readonly workers = new EntityRecords<WorkerDefinition, WorkerTransition>();
  private readonly legacy = new Map<string, { event: ClusterEvent; json: string }>();
  private readonly resources = new Map<string, NodeResources>();
  private readonly counts = { accepted: 0, unknown: 0, invalid: 0 };
  private firstMs = Infinity;
  private lastMs = -Infinity;

  addEvent(json: unknown): AddResult {
    const event = decodeRayEvent(json);
    if (event.kind === 'unknown' || event.kind === 'invalid') {
      this.counts[event.kind]++;
      return event.kind;
    }
    this.counts.accepted++;
    this.apply(event);
    return 'ok';
  }

  /** One line of a legacy `event_*.log` file of the given node. */
  addLegacyEvent(json: unknown, nodeId: string): 'ok' | 'invalid' {
    const event = decodeLegacyEvent(json, nodeId);
    if (!event) return 'invalid';
    const text = JSON.stringify(event);
    const current = this.legacy.get(event.eventId);
    if (!current || compareStrings(text, current.json) < 0) {
      this.legacy.set(event.eventId, { event, json: text });
    }
    this.seen(event.timestamp * 1000);
    return 'ok';
  }

  /** A node's `logs/debug_state.txt`; unreadable dumps are ignored. */
  addDebugState(nodeId: string, text: string): void {
    const parsed = parseDebugState(text);
    if (parsed) this.resources.set(nodeId, parsed);
  }

  partial(): PartialReduction {
    return {
      tasks: this.tasks.run(),
      jobs: this.jobs.entriesForMerge(),
      nodes: this.nodes.entriesForMerge(),
      actors: this.actors.entriesForMerge(),
      workers: this.workers.entriesForMerge(),
      legacy: [...this.legacy],
      counts: { ...this.counts },
      firstMs: this.firstMs,
      lastMs: this.lastMs,
    };
  }

  merge(p: PartialReduction): void {
    this.tasks.merge(p.tasks);
    this.jobs.merge(p.jobs);
    this.nodes.merge(p.nodes);
    this.actors.merge(p.actors);
    this.workers.merge(p.workers);
    for (const [id, legacy] of p.legacy) {
      const current = this.legacy.get(id);
      if (!current || compareStrings(legacy.json, current.json) < 0) this.legacy.set(id, legacy);
    }
    this.counts.accepted += p.counts.accepted;
    this.counts.unknown += p.counts.unknown;
    this.counts.invalid += p.counts.invalid;
    if (p.firstMs < this.firstMs) this.firstMs = p.firstMs;
    if (p.lastMs > this.lastMs) this.lastMs = p.lastMs;
  }

  /** Submission jobs and the node their driver ran on: where their outcome logs are. */
  submissionJobs(): SubmissionJobRef[] {
    const refs: SubmissionJobRef[] = [];
    for (const [, definition] of this.jobs.entriesForMerge()) {
      const submissionId = definition?.metadata.job_submission_id;
      if (submissionId && definition.driverNodeId)
        refs.push({ submissionId, nodeId: definition.driverNodeId });
    }
    return refs;
  }

  snapshot(options: {
    sessionLive: boolean;
    /** What the supervisor and driver logs say, per submission id (readSubmissionLogs). */
    submissionLogs?: Map<string, SubmissionLogs>;
  }): SessionSnapshot {
    const nodeRecords = this.nodes.records((s) => NODE_RANK[s] ?? 1);
    const ips = new Map(nodeRecords.map((n) => [n.id, n.definition?.nodeIpAddress ?? '']));
    const nodeIp = (nodeId: string) => ips.get(nodeId) ?? '';
    const tasks = freezeTasks(this.tasks.allRuns());
    const clusterEvents = [...this.legacy.values()].map((e) => e.event).sort(compareEvents);
    const submissions = submissionEvents(clusterEvents);
    const outcomeOf = (submissionId: string): SubmissionOutcome | null => {
      const logs = options.submissionLogs?.get(submissionId);
      const events = submissions.get(submissionId);
      return events || logs
        ? {
            startedMs: events?.startedMs ?? null,
            completed: events?.completed ?? null,
            supervisor: logs?.supervisor ?? null,
            driverLogTail: logs?.driverLogTail ?? null,
          }
        : null;
    };
    const nodeResources = new Map(
      [...this.resources.entries()].sort(([a], [b]) => compareStrings(a, b)),
    );
    const snapshot: SessionSnapshot = {
      sessionLive: options.sessionLive,
      tasks,
      jobs: this.jobs
        .records((s) => JOB_RANK[s] ?? 1)
        .map((r) => jobView(r, nodeIp, options.sessionLive, outcomeOf)),
      actors: this.actors.records(actorStateRank).map((r: ActorRecord) => actorView(r, nodeIp)),
      workers: this.workers.records((s) => WORKER_RANK[s] ?? 1).map((r) => workerView(r, nodeIp)),
      nodes: nodeRecords.map((r) => nodeView(r, nodeResources.get(r.id))),
      nodeResources,
      clusterEvents,
      counts: { ...this.counts, legacy: clusterEvents.length },
      firstEventMs: Number.isFinite(this.firstMs) ? this.firstMs : null,
      lastEventMs: Number.isFinite(this.lastMs) ? this.lastMs : null,
      approxBytes: 0,
      sortCache: new Map(),
    };
    snapshot.approxBytes =
      approxTaskTableBytes(tasks) +
      this.jobs.approxBytes() +
      this.nodes.approxBytes() +
      this.actors.approxBytes() +
      this.workers.approxBytes() +
      clusterEvents.length * 600 +
      this.resources.size * 2000;
    return snapshot;
  }

  private apply(event: DecodedEvent): void {
    if (event.eventTimeMs !== null) this.seen(event.eventTimeMs);
    switch (event.kind) {
      case 'taskDefinition':
        return this.tasks.addDefinition(event);
      case 'taskLifecycle':
        for (const t of event.transitions) this.seen(t.timeMs);
        return this.tasks.addLifecycle(event);
      case 'taskProfile':
        // Profile events of no task (a nil task id: the worker's own spans) belong to no attempt.
        if (isNilId(event.taskId)) return;
        return this.tasks.addProfile(event);
      case 'jobDefinition':
        return this.jobs.define(event.jobId, withoutEnvelope(event));
      case 'jobLifecycle':
        for (const t of event.transitions) this.transition(this.jobs, event.jobId, t);
        return;
      case 'nodeDefinition':
        return this.nodes.define(event.nodeId, withoutEnvelope(event));
      case 'nodeLifecycle':
        for (const t of event.transitions) this.transition(this.nodes, event.nodeId, t);
        return;
      case 'actorDefinition':
        return this.actors.define(event.actorId, withoutEnvelope(event));
      case 'actorLifecycle':
        for (const t of event.transitions) this.transition(this.actors, event.actorId, t);
        return;
      case 'workerDefinition':
        return this.workers.define(event.workerId, withoutEnvelope(event));
      case 'workerLifecycle':
        for (const t of event.transitions) this.transition(this.workers, event.workerId, t);
        return;
    }
  }

  private transition<D, T extends { timeMs: number; state: string }>(
    records: EntityRecords<D, T>,
    id: string,
    t: T,
  ): void {
    this.seen(t.timeMs);
    records.transition(id, t);
  }

  private seen(ms: number): void {
    if (ms < this.firstMs) this.firstMs = ms;
    if (ms > this.lastMs) this.lastMs = ms;
  }
}

/** The definition without the event's own time, so repeats of it compare equal. */
function withoutEnvelope<T extends { eventTimeMs: number | null }>(
  event: T,
): Omit<T, 'eventTimeMs'> {
  const { eventTimeMs: _time, ...rest } = event;
  return rest;
}
