import { beforeAll, describe, expect, it } from 'vitest';
import { decodeIndexKey, isEventFileName, NODE_ID } from '../../server/history/layout.ts';
import type { SampleManifest } from './manifest.ts';
import { listKeys, payloads, readEvents, smallSample } from './test/support.ts';

const bytesOf = (b64: string) => Buffer.from(b64, 'base64').length;
const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

let root: string;
let manifest: SampleManifest;
let events: Record<string, unknown>[];

beforeAll(async () => {
  ({ root, manifest } = await smallSample({ sessions: 7 }));
  const all = await Promise.all(manifest.sessions.map((s) => readEvents(root, s.dir)));
  events = all.flatMap((r) => r.events);
});

function expectId(value: unknown, size: number): void {
  expect(typeof value).toBe('string');
  expect(value).toMatch(STANDARD_BASE64);
  expect(bytesOf(value as string)).toBe(size);
}

describe('sample storage layout', () => {
  it('indexes every session with a key that decodes, and nothing else decodes', async () => {
    const keys = await listKeys(root, 'cluster-metadata');
    const decoded = keys.map(decodeIndexKey).filter((s) => s !== null);
    expect(decoded.map((s) => s.sessionName).sort()).toEqual(
      manifest.sessions.map((s) => s.sessionName).sort(),
    );
    for (const s of manifest.sessions)
      expect(decodeIndexKey(s.indexKey)).toMatchObject({
        kind: s.kind,
        namespace: s.namespace,
        name: s.name,
        clusterName: s.clusterName,
      });
    for (const key of manifest.ignoredKeys) expect(decodeIndexKey(key)).toBeNull();
    expect(new Set(manifest.sessions.map((s) => s.namespace)).size).toBeGreaterThanOrEqual(4);
  });

  it('names node folders by 56 hex chars and event files the way the collector does', async () => {
    for (const s of manifest.sessions) for (const n of s.nodes) expect(n.nodeId).toMatch(NODE_ID);
    const files = (await listKeys(root, 'cluster-history')).filter((k) =>
      /\/(node|job)_events\//.test(k),
    );
    expect(files.length).toBeGreaterThan(10);
    for (const key of files) expect(isEventFileName(key.split('/').pop()!), key).toBe(true);
    expect(files.some((k) => k.endsWith('.jsonl.gz'))).toBe(true);
    // A session longer than an hour is split into one file per hour.
    const hours = new Set(
      manifest.sessions[0]!.eventFiles.map(
        (k) => /-(\d{4}-\d{2}-\d{2}-\d{2})-\d+\.jsonl/.exec(k)![1],
      ),
    );
    expect(hours.size).toBeGreaterThan(1);
  });

  it('prints ids as padded base64 of Ray’s sizes and int64 values as strings', () => {
    const defs = payloads(events, 'TASK_DEFINITION_EVENT', 'taskDefinitionEvent');
    expect(defs.length).toBeGreaterThan(50);
    for (const d of defs) {
      expectId(d.taskId, 24);
      expectId(d.jobId, 4);
    }
    for (const a of payloads(events, 'ACTOR_DEFINITION_EVENT', 'actorDefinitionEvent'))
      expectId(a.actorId, 16);
    for (const n of payloads(events, 'NODE_DEFINITION_EVENT', 'nodeDefinitionEvent'))
      expectId(n.nodeId, 28);
    const running = payloads(events, 'TASK_LIFECYCLE_EVENT', 'taskLifecycleEvent').filter(
      (l) => l.workerId !== '',
    );
    for (const l of running) expectId(l.workerId, 28);
    for (const j of payloads(events, 'DRIVER_JOB_DEFINITION_EVENT', 'driverJobDefinitionEvent'))
      expect(j.driverPid).toMatch(/^\d+$/);
    const logInfos = running
      .map((l) => l.taskLogInfo as Record<string, unknown> | undefined)
      .filter((i) => i);
    for (const info of logInfos)
      for (const key of ['stdoutStart', 'stdoutEnd', 'stderrStart', 'stderrEnd'])
        if (key in info!) expect(info![key]).toMatch(/^\d+$/);
    expect(Buffer.from('AgAAAA==', 'base64').toString('hex')).toBe('02000000');
  });

  it('stamps events with RFC 3339 nanosecond times and their session name', () => {
    for (const e of events.slice(0, 500)) {
      expect(e.timestamp).toMatch(/^2026-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/);
      expect(e.sessionName).toMatch(/^session_2026-/);
      expect(e.eventId).toMatch(STANDARD_BASE64);
    }
  });

  it('writes every task event type, state split across lines, and one line before its definition', () => {
    const types = new Set(events.map((e) => e.eventType));
    for (const t of [
      'TASK_DEFINITION_EVENT',
      'ACTOR_TASK_DEFINITION_EVENT',
      'TASK_LIFECYCLE_EVENT',
      'TASK_PROFILE_EVENT',
      'DRIVER_JOB_DEFINITION_EVENT',
      'DRIVER_JOB_LIFECYCLE_EVENT',
      'NODE_DEFINITION_EVENT',
      'NODE_LIFECYCLE_EVENT',
      'ACTOR_DEFINITION_EVENT',
      'ACTOR_LIFECYCLE_EVENT',
    ])
      expect(types, t).toContain(t);
    const taskTypes = new Set(
      payloads(events, 'TASK_DEFINITION_EVENT', 'taskDefinitionEvent').map((d) => d.taskType),
    );
    expect([...taskTypes].sort()).toEqual(['ACTOR_CREATION_TASK', 'DRIVER_TASK', 'NORMAL_TASK']);
    const transitions = payloads<{ stateTransitions: { state: string }[] }>(
      events,
      'TASK_LIFECYCLE_EVENT',
      'taskLifecycleEvent',
    );
    expect(
      transitions.some(
        (l) => l.stateTransitions.length === 1 && l.stateTransitions[0]!.state === 'RUNNING',
      ),
    ).toBe(true);
    const retried = payloads(events, 'TASK_DEFINITION_EVENT', 'taskDefinitionEvent').filter(
      (d) => d.taskAttempt === 1,
    );
    expect(retried.length).toBeGreaterThan(0);
    const errors = transitions
      .map(
        (l) =>
          (l as Record<string, unknown>).rayErrorInfo as
            { errorType: string; errorMessage: string } | undefined,
      )
      .filter((e) => e);
    expect(
      errors.some(
        (e) =>
          e!.errorType === 'TASK_EXECUTION_EXCEPTION' &&
          e!.errorMessage.includes('Traceback (most recent call last):'),
      ),
    ).toBe(true);
    expect(errors.some((e) => e!.errorType === 'NODE_DIED')).toBe(true);
  });

  it('records a preempted node with its death info and node identity', () => {
    const dead = payloads<{
      stateTransitions: { state: string; deathInfo?: { reason: string; reasonMessage: string } }[];
    }>(events, 'NODE_LIFECYCLE_EVENT', 'nodeLifecycleEvent')
      .flatMap((l) => l.stateTransitions)
      .filter((t) => t.state === 'DEAD');
    expect(
      dead.some(
        (t) =>
          t.deathInfo?.reason === 'AUTOSCALER_DRAIN_PREEMPTED' &&
          t.deathInfo.reasonMessage.includes('spot instance'),
      ),
    ).toBe(true);
    const defs = payloads(events, 'NODE_DEFINITION_EVENT', 'nodeDefinitionEvent');
    for (const def of defs)
      expect(Object.keys(def).sort()).toEqual([
        'hostname',
        'instanceId',
        'instanceTypeName',
        'labels',
        'nodeId',
        'nodeIpAddress',
        'nodeName',
        'startTimestamp',
      ]);
    const groups = new Set(
      defs.map((d) => (d.labels as Record<string, string>)['ray.io/node-group']),
    );
    expect([...groups].sort()).toEqual(['cpu-group', 'gpu-group', 'headgroup']);
  });
});
