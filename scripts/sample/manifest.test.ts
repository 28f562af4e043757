import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fetchedEndpointKey } from '../../server/history/layout.ts';
import { peakConcurrency } from './context.ts';
import { stripAnsi } from '../../contract/ansi.ts';
import type { ManifestSession, SampleManifest } from './manifest.ts';
import { listKeys, payloads, readEvents, readText, smallSample } from './test/support.ts';

type Transition = { state: string; timestamp: string };
interface Lifecycle {
  taskId: string;
  taskAttempt: number;
  stateTransitions: Transition[];
}

let root: string;
let manifest: SampleManifest;
const eventsBySession = new Map<string, { events: Record<string, unknown>[]; malformed: number }>();

beforeAll(async () => {
  ({ root, manifest } = await smallSample({ logMb: 1 }));
  for (const s of manifest.sessions)
    eventsBySession.set(s.sessionName, await readEvents(root, s.dir));
});

const events = (s: ManifestSession) => eventsBySession.get(s.sessionName)!.events;
const us = (timestamp: string) => Date.parse(timestamp) * 1000 + Number(timestamp.slice(23, 26));

/** Final transition per non-driver attempt, merged from every lifecycle line. */
function attempts(s: ManifestSession): Map<string, Transition[]> {
  const driver = new Set(
    payloads<{ taskId: string; taskType: string }>(
      events(s),
      'TASK_DEFINITION_EVENT',
      'taskDefinitionEvent',
    )
      .filter((d) => d.taskType === 'DRIVER_TASK')
      .map((d) => d.taskId),
  );
  const byAttempt = new Map<string, Transition[]>();
  for (const l of payloads<Lifecycle>(events(s), 'TASK_LIFECYCLE_EVENT', 'taskLifecycleEvent')) {
    if (driver.has(l.taskId)) continue;
    const key = `${l.taskId}/${l.taskAttempt}`;
    byAttempt.set(key, [...(byAttempt.get(key) ?? []), ...l.stateTransitions]);
  }
  return byAttempt;
}

describe('sample manifest', () => {
  it('counts task attempts by final state as the events say', () => {
    for (const s of manifest.sessions.filter((x) => !x.light)) {
      const counts: Record<string, number> = {};
      for (const transitions of attempts(s).values()) {
        const last = [...transitions].sort((a, b) => us(a.timestamp) - us(b.timestamp)).pop()!;
        counts[last.state] = (counts[last.state] ?? 0) + 1;
      }
      expect(counts, s.sessionName).toEqual(s.taskAttemptsByState);
    }
  });

  it('reports the running peak of the first session computed from the events', () => {
    const s = manifest.sessions[0]!;
    const starts: number[] = [];
    const ends: number[] = [];
    for (const transitions of attempts(s).values()) {
      starts.push(us(transitions.find((t) => t.state === 'RUNNING')!.timestamp));
      ends.push(
        us(transitions.find((t) => t.state === 'FINISHED' || t.state === 'FAILED')!.timestamp),
      );
    }
    expect(peakConcurrency(starts, ends).count).toBe(manifest.runningPeak.count);
    expect(manifest.runningPeak.count).toBeGreaterThan(4);
  });

  it('names the failed RayJob, whose driver log ends with the red traceback and whose head logs say FAILED', async () => {
    const f = manifest.failedRayJob;
    const log = await readText(root, f.driverLogKey);
    const lastLine = log.trimEnd().split('\n').pop()!;
    expect(lastLine).toBe(`\x1b[31m${f.tracebackLastLine}\x1b[0m`);
    expect(stripAnsi(log)).toContain('Traceback (most recent call last):');
    expect(f.driverLogKey.endsWith(`/logs/job-driver-${f.submissionId}.log`)).toBe(true);
    const s = manifest.sessions.find((x) => x.sessionName === f.sessionName)!;
    const finished = payloads<{ stateTransitions: Record<string, unknown>[] }>(
      events(s),
      'DRIVER_JOB_LIFECYCLE_EVENT',
      'driverJobLifecycleEvent',
    )
      .flatMap((l) => l.stateTransitions)
      .find((t) => t.state === 'FINISHED')!;
    // Ray 2.58: the FINISHED transition has only its time; the outcome is in the head's logs.
    expect(Object.keys(finished).sort()).toEqual(['state', 'timestamp']);
    const logs = f.driverLogKey.slice(0, f.driverLogKey.lastIndexOf('/') + 1);
    expect(await readText(root, `${logs}events/event_JOBS.log`)).toContain(
      `"Completed a ray job ${f.submissionId} with a status FAILED."`,
    );
    expect(await readText(root, `${logs}jobs/supervisor-${f.submissionId}.log`)).toContain(
      `Job ${f.submissionId} entrypoint command exited with code ${f.exitCode}`,
    );
    expect(f).toMatchObject({ errorType: 'JOB_ENTRYPOINT_COMMAND_ERROR', exitCode: 1 });
    const def = payloads<{ config: { metadata: Record<string, string> } }>(
      events(s),
      'DRIVER_JOB_DEFINITION_EVENT',
      'driverJobDefinitionEvent',
    )[0]!;
    expect(def.config.metadata.job_submission_id).toBe(f.submissionId);
  });

  it('covers succeeded, failed and stopped jobs of both types', () => {
    const jobs = manifest.sessions.flatMap((s) => s.jobs);
    expect(new Set(jobs.map((j) => j.status))).toEqual(new Set(['SUCCEEDED', 'FAILED', 'STOPPED']));
    expect(new Set(jobs.map((j) => j.type))).toEqual(new Set(['SUBMISSION', 'DRIVER']));
    const stopped = jobs.find((j) => j.status === 'STOPPED')!;
    expect(stopped).toMatchObject({
      message: 'Job was intentionally stopped.',
      exitCode: null,
      errorType: '',
    });
  });

  it('puts the marker only in a worker log of the preempted node', async () => {
    const m = manifest.deadNodeMarker;
    const s = manifest.sessions.find((x) => x.sessionName === m.sessionName)!;
    expect(s.nodes.find((n) => n.nodeId === m.nodeId)).toMatchObject({
      state: 'DEAD',
      deathReason: 'AUTOSCALER_DRAIN_PREEMPTED',
    });
    expect(m.key.startsWith(`${s.dir}${m.nodeId}/logs/worker-`)).toBe(true);
    const holders: string[] = [];
    for (const key of await listKeys(root, 'cluster-history'))
      if ((await readFile(join(root, key))).includes(m.text)) holders.push(key);
    expect(holders).toEqual([m.key]);
  });

  it('grows one worker log to the requested size', () => {
    expect(manifest.largeLog!.bytes).toBeGreaterThanOrEqual(1024 * 1024);
  });

  it('lists the odd lines readers must skip, and the actor outcomes', () => {
    const first = manifest.sessions[0]!;
    expect(eventsBySession.get(first.sessionName)!.malformed).toBe(
      manifest.oddities.malformedLines,
    );
    expect(events(first).some((e) => e.eventType === manifest.oddities.unknownEventTypes[0])).toBe(
      true,
    );
    expect(first.actorsByState).toEqual({ ALIVE: 1, DEAD: 4 });
    const restarts = payloads<{ stateTransitions: Record<string, unknown>[] }>(
      events(first),
      'ACTOR_LIFECYCLE_EVENT',
      'actorLifecycleEvent',
    )
      .flatMap((l) => l.stateTransitions)
      .filter((t) => t.state === 'RESTARTING');
    expect(restarts.map((t) => t.restartReason).sort()).toEqual([
      'ACTOR_FAILURE',
      'NODE_PREEMPTION',
    ]);
  });

  it('writes fetched endpoints and legacy events with a repeated event id', async () => {
    const first = manifest.sessions[0]!;
    const info = {
      ...first,
      ownerName: first.ownerName ?? undefined,
      startTime: first.startTimeMs,
    };
    const metadata = JSON.parse(
      await readText(root, fetchedEndpointKey(info, '/api/v0/cluster_metadata')),
    );
    expect(metadata.data.rayVersion).toBe(manifest.rayVersion);
    expect(JSON.parse(await readText(root, fetchedEndpointKey(info, '/timezone')))).toEqual(
      manifest.timezone,
    );
    const service = manifest.sessions.find((x) => x.kind === 'rayservice')!;
    const serveInfo = {
      ...service,
      ownerName: service.ownerName ?? undefined,
      startTime: service.startTimeMs,
    };
    expect(
      JSON.parse(await readText(root, fetchedEndpointKey(serveInfo, '/api/serve/applications')))
        .applications.llm.status,
    ).toBe('RUNNING');
    const head = first.nodes.find((n) => n.isHead)!;
    const lines = (await readText(root, `${first.dir}${head.nodeId}/logs/events/event_JOBS.log`))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(new Set(lines.map((l) => l.event_id)).size).toBeLessThan(lines.length);
    expect(lines[0].timestamp).toMatch(/^\d{10}$/);
  });
});
