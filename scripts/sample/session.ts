import { indexKey, jobEventsDir, nodeEventsDir } from '../../server/history/layout.ts';
import { nodeAliveEvent, nodeDeadEvent, nodeDefinitionEvent } from './cluster-events.ts';
import { emptyStats, peakConcurrency, type SessionContext, type SessionStats } from './context.ts';
import { writeClusterMetadata, writeJobEndpoints, writeServeApplications } from './endpoints.ts';
import { EventFiles, eventFileName } from './event-files.ts';
import { runJob, submittedUs, type JobResult } from './jobs.ts';
import { writeNodeLogs } from './node-logs.ts';
import { writeDebugState, writeLegacyEvents, type LegacyEvent } from './node-state.ts';
import type { OutputTree } from './output.ts';
import { headOf, type SessionPlan } from './plan.ts';
import type { Random } from './random.ts';
import { MINUTE, SECOND } from './time.ts';

// Writes one whole session: index key, node events, jobs, logs, legacy events, endpoints.

export interface SessionOptions {
  trackPeak: boolean;
  deadNodeMarker: string | null;
  logPaddingMb: number;
  /** Write the malformed lines, unknown event type and JSON-array file readers must cope with. */
  withOddities: boolean;
}

export interface SessionResult {
  plan: SessionPlan;
  endUs: number;
  jobs: JobResult[];
  stats: SessionStats;
  peak: { count: number; atUs: number } | null;
  eventFiles: string[];
  legacyEvents: number;
  oddities: Oddities | null;
  found: SessionContext['found'];
}

export async function writeSession(
  out: OutputTree,
  plan: SessionPlan,
  random: Random,
  options: SessionOptions,
): Promise<SessionResult> {
  const events = new EventFiles(out, { gzip: plan.gzipEvents });
  const ctx: SessionContext = {
    plan,
    out,
    events,
    source: { sessionName: plan.info.sessionName, random },
    random,
    stats: emptyStats(options.trackPeak),
    deadNodeMarker: options.deadNodeMarker,
    logPaddingMb: options.logPaddingMb,
    found: {},
  };
  await out.writeFile(indexKey(plan.info), '');
  const head = headOf(plan);
  const headNodeEvents = nodeEventsDir(plan.info, head.idHex);
  for (const node of plan.nodes) {
    await events.write(
      headNodeEvents,
      head.idHex,
      node.startUs,
      nodeDefinitionEvent(ctx.source, node),
    );
    await events.write(
      headNodeEvents,
      head.idHex,
      node.startUs,
      nodeAliveEvent(ctx.source, node.nodeId, node.startUs + SECOND / 2, node.resources),
    );
    if (node.death)
      await events.write(
        headNodeEvents,
        head.idHex,
        node.death.us,
        nodeDeadEvent(ctx.source, node.nodeId, node.death.us, node.death.info),
      );
  }

  const jobs: JobResult[] = [];
  let cursor = plan.startUs + 40 * SECOND;
  for (const [i, job] of plan.jobs.entries()) {
    const result = await runJob(ctx, job, cursor + job.gapUs, i === 0 && options.logPaddingMb > 0);
    jobs.push(result);
    cursor = result.endUs;
  }
  const endUs = plan.light ? plan.startUs + 5 * MINUTE : cursor + 30 * SECOND;
  const oddities = options.withOddities ? await writeOddities(ctx, jobs[0]) : null;
  await events.close();

  let legacyEvents = 0;
  for (const node of plan.nodes) {
    if (plan.light && !node.isHead) continue;
    await writeNodeLogs(ctx, node, endUs);
    await writeDebugState(ctx, node, node.death ? ctx.plan.workersPerNode : 0);
    legacyEvents += await writeLegacyEvents(ctx, node, legacyEventsOf(ctx, node.idHex, jobs));
  }
  await writeClusterMetadata(ctx);
  if (!plan.light) await writeJobEndpoints(ctx, jobs);
  if (plan.rayServe) await writeServeApplications(ctx, plan.startUs + 2 * MINUTE);
  const stats = ctx.stats;
  const peak =
    stats.runningStarts && stats.runningEnds
      ? peakConcurrency(stats.runningStarts, stats.runningEnds)
      : null;
  return {
    plan,
    endUs,
    jobs,
    stats: { ...stats, runningStarts: null, runningEnds: null },
    peak,
    eventFiles: events.keys,
    legacyEvents,
    oddities,
    found: ctx.found,
  };
}

/** Lines a reader must skip or tolerate, and one event file written as a JSON array. */
async function writeOddities(ctx: SessionContext, job: JobResult | undefined): Promise<Oddities> {
  const head = headOf(ctx.plan);
  const oddities: Oddities = {
    key: '',
    malformedLines: 0,
    unknownEventTypes: [],
    jsonArrayFile: null,
  };
  if (job) {
    const folder = `${jobEventsDir(ctx.plan.info, head.idHex)}${job.jobIdHex}/`;
    const us = job.startUs + SECOND;
    oddities.key = await ctx.events.writeLine(
      folder,
      head.idHex,
      us,
      '{"eventId":"dHJ1bmNhdGVk","sourceType":"CORE_WORKER","eventType":"TASK_LIFECYCLE_EVENT","timestamp":"2026-',
    );
    await ctx.events.writeLine(folder, head.idHex, us, 'not json at all \u0000\u0001 garbage');
    oddities.malformedLines = 2;
    oddities.unknownEventTypes.push('SOME_FUTURE_EVENT');
    await ctx.events.writeLine(
      folder,
      head.idHex,
      us,
      JSON.stringify({
        eventId: 'dW5rbm93bg==',
        sourceType: 'GCS',
        eventType: 'SOME_FUTURE_EVENT',
        timestamp: '2026-01-11T20:00:00.000000000Z',
        severity: 'INFO',
        message: '',
        sessionName: ctx.plan.info.sessionName,
        someFutureEvent: { value: '1' },
      }),
    );
  }
  const dead = ctx.plan.nodes.find((n) => n.death);
  if (dead) {
    // An older collector wrote whole files as one JSON array; this one repeats events the head has.
    const key = `${nodeEventsDir(ctx.plan.info, dead.idHex)}${eventFileName(dead.idHex, dead.startUs, false)}`;
    const body = [
      nodeDefinitionEvent(ctx.source, dead),
      nodeAliveEvent(ctx.source, dead.nodeId, dead.startUs + SECOND / 2, dead.resources),
    ];
    await ctx.out.writeFile(key, JSON.stringify(body));
    oddities.jsonArrayFile = key;
  }
  return oddities;
}

export interface Oddities {
  key: string;
  malformedLines: number;
  unknownEventTypes: string[];
  jsonArrayFile: string | null;
}

function legacyEventsOf(ctx: SessionContext, nodeHex: string, jobs: JobResult[]): LegacyEvent[] {
  const node = ctx.plan.nodes.find((n) => n.idHex === nodeHex)!;
  const events: LegacyEvent[] = [
    {
      us: node.startUs + SECOND,
      sourceType: 'RAYLET',
      severity: 'INFO',
      label: 'RAYLET_STARTED',
      message: `Raylet started on ${node.ip}`,
    },
  ];
  if (node.death)
    events.push({
      us: node.death.us,
      sourceType: 'RAYLET',
      severity: 'WARNING',
      label: 'RAYLET_NODE_DRAINED',
      message: `Node ${node.idHex} is being drained: ${node.death.info.reasonMessage}`,
    });
  if (!node.isHead) return events;
  // Ray's job manager reports submission jobs only, by submission id, in whole seconds. Jobs of
  // the older shape carry their outcome in their events instead.
  for (const job of jobs) {
    const sid = job.plan.submissionId;
    if (job.plan.type !== 'SUBMISSION' || job.plan.outcomeIn !== 'logs') continue;
    events.push({
      us: submittedUs(job.startUs),
      sourceType: 'JOBS',
      severity: 'INFO',
      label: '',
      message: `Started a ray job ${sid}.`,
      submissionId: sid,
    });
    events.push({
      us: job.endUs + SECOND,
      sourceType: 'JOBS',
      severity: 'INFO',
      label: '',
      message: `Completed a ray job ${sid} with a status ${job.plan.outcome}.`,
      submissionId: sid,
    });
  }
  for (const n of ctx.plan.nodes.filter((x) => x.death))
    events.push({
      us: n.death!.us,
      sourceType: 'GCS',
      severity: 'ERROR',
      label: 'RAY_NODE_REMOVED',
      message: `The node with node id ${n.idHex} and address ${n.ip} has been marked dead because the node was preempted.`,
    });
  return events;
}
