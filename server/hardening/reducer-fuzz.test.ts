import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  KNOWN_EVENT_TYPES,
  SessionReducer,
  TASK_SORT_KEYS,
  clusterStatus,
  listActors,
  listEvents,
  listJobs,
  nodeSummary,
  queryTasks,
  sessionSummary,
  summarizeByFunc,
  summarizeLineage,
  taskTimeline,
} from '../history/events/index.ts';
import * as e from '../test/events.ts';

// Arbitrary and malformed events never make the reducer (or any answer built from it) throw,
// and everything it cannot use is counted, not lost silently.

/** Strings that break naive code: object keys of Object.prototype, odd ids, odd characters. */
const nasty = fc.constantFrom(
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '',
  '=',
  'AgAAAA==',
  'not base64!',
  'ff'.repeat(40),
  'a'.repeat(3),
  '%2e%2e/\\0"\'<script>',
  '日本語 #%',
  '2026-13-45T99:99:99Z',
  '-1',
  '1e400',
  'NaN',
);
const anyString = fc.oneof(fc.string({ maxLength: 12 }), nasty);
const scalar = fc.oneof(
  anyString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(Number.MAX_SAFE_INTEGER),
);
const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(anyString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Well-formed events with some fields swapped for junk: reaches deep into each decoder. */
const sampleEvents = [
  e.taskDefinition({ task: e.taskId(1) }),
  e.taskLifecycle({
    task: e.taskId(1),
    states: [['RUNNING', 5]],
    node: e.nodeId(1),
    error: { type: 'X', message: 'y' },
    log: { stdoutFile: '/tmp/ray/logs/worker-1.out', stdoutStart: '0', stdoutEnd: '10' },
  }),
  e.jobDefinition({ submissionId: 'raysubmit_1' }),
  e.jobLifecycle(e.JOB, [{ state: 'CREATED', ms: 1 }]),
  e.nodeDefinition(e.nodeId(1), '10.0.0.1'),
  e.nodeLifecycle(e.nodeId(1), [{ state: 'ALIVE', ms: 1 }]),
  e.actorDefinition(e.actorId(1), 'Trainer'),
  e.actorLifecycle(e.actorId(1), [{ state: 'ALIVE', ms: 2 }]),
] as Record<string, unknown>[];

function corrupt(event: Record<string, unknown>, path: string[], junk: unknown): unknown {
  const copy = structuredClone(event);
  let target: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    const next = target[key];
    if (next === null || typeof next !== 'object') return copy;
    target = next as Record<string, unknown>;
  }
  target[path.at(-1)!] = junk;
  return copy;
}

function paths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  return [
    prefix,
    ...Object.entries(value).flatMap(([key, child]) => paths(child, [...prefix, key])),
  ].filter((p) => p.length > 0);
}

const corrupted = fc
  .constantFrom(...sampleEvents)
  .chain((event) => fc.tuple(fc.constant(event), fc.constantFrom(...paths(event)), json))
  .map(([event, path, junk]) => corrupt(event, path, junk));

const envelope = fc.record(
  {
    eventType: fc.oneof(fc.constantFrom(...KNOWN_EVENT_TYPES, 'BOGUS_EVENT'), anyString),
    timestamp: fc.oneof(fc.constant(e.at(1)), anyString),
    taskDefinitionEvent: json,
    taskLifecycleEvent: json,
    driverJobLifecycleEvent: json,
    nodeLifecycleEvent: json,
    actorLifecycleEvent: json,
  },
  { requiredKeys: ['eventType'] },
);

const legacy = fc.record({
  event_id: anyString,
  timestamp: fc.oneof(fc.constant('1768160320'), anyString, fc.integer()),
  custom_fields: fc.oneof(fc.dictionary(anyString, json, { maxKeys: 3 }), json),
  label: anyString,
  severity: anyString,
});

function everyAnswer(reducer: SessionReducer): void {
  const snap = reducer.snapshot({ sessionLive: false });
  JSON.stringify([
    listJobs(snap),
    nodeSummary(snap),
    listActors(snap),
    listEvents(snap),
    listEvents(snap, '__proto__'),
    summarizeByFunc(snap),
    summarizeLineage(snap),
    taskTimeline(snap),
    clusterStatus(snap),
    sessionSummary(snap),
    ...TASK_SORT_KEYS.map((sortBy) =>
      queryTasks(snap, { sortBy, order: 'desc', detail: true, limit: 50, excludeDriver: false }),
    ),
  ]);
}

describe('reducer fuzz', () => {
  it('never throws on arbitrary JSON, and counts each event as accepted, unknown or invalid', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(json, envelope, corrupted), { maxLength: 30 }), (events) => {
        const reducer = new SessionReducer();
        const results = events.map((event) => reducer.addEvent(event));
        const { accepted, unknown, invalid } = reducer.partial().counts;
        expect(accepted + unknown + invalid).toBe(events.length);
        expect(results.filter((r) => r === 'ok')).toHaveLength(accepted);
        everyAnswer(reducer);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary legacy events and debug states', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(legacy, json), { maxLength: 20 }),
        fc.string({ maxLength: 200 }),
        (events, debugState) => {
          const reducer = new SessionReducer();
          for (const event of events) reducer.addLegacyEvent(event, e.nodeId(1));
          reducer.addDebugState(e.nodeId(1), debugState);
          everyAnswer(reducer);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps an event whose ids are not base64 or have the wrong length, normalised', () => {
    const reducer = new SessionReducer();
    const odd = corrupt(
      e.nodeDefinition(e.nodeId(1), '10.0.0.9'),
      ['nodeDefinitionEvent', 'nodeId'],
      'AQID',
    );
    expect(reducer.addEvent(odd)).toBe('ok');
    expect(
      reducer.addEvent(
        corrupt(e.jobDefinition(), ['driverJobDefinitionEvent', 'jobId'], 'not base64!'),
      ),
    ).toBe('ok');
    const snap = reducer.snapshot({ sessionLive: false });
    expect(nodeSummary(snap).summary.map((n) => n.raylet.nodeId)).toEqual(['010203']);
    expect(listJobs(snap).map((j) => j.job_id)).toEqual(['not base64!']);
  });

  it('groups events under a job id that is an Object.prototype key', () => {
    const reducer = new SessionReducer();
    reducer.addLegacyEvent(
      {
        event_id: 'e1',
        timestamp: '1768160320',
        custom_fields: { job_id: '__proto__' },
        label: 'X',
      },
      e.nodeId(1),
    );
    const groups = listEvents(reducer.snapshot({ sessionLive: false }));
    expect(Object.keys(groups)).toEqual(['__proto__']);
    expect(JSON.stringify(groups)).toMatch(/^\{"__proto__":\[\{[^\]]*"eventId":"e1"/);
  });

  it('counts states, functions and classes named like Object.prototype keys', () => {
    const reducer = new SessionReducer();
    for (const [n, name] of [
      [1, 'constructor'],
      [2, '__proto__'],
    ] as const) {
      reducer.addEvent(e.taskDefinition({ task: e.taskId(n), func: name }));
      reducer.addEvent(e.taskLifecycle({ task: e.taskId(n), states: [[name, 5]] }));
    }
    reducer.addEvent(e.actorDefinition(e.actorId(1), 'toString'));
    reducer.addEvent(e.actorLifecycle(e.actorId(1), [{ state: '__proto__', ms: 2 }]));
    const snap = reducer.snapshot({ sessionLive: false });
    const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
    expect(json(queryTasks(snap, { limit: 5 }).state_counts)).toEqual(
      JSON.parse('{"__proto__":1,"constructor":1}'),
    );
    expect(JSON.stringify(summarizeByFunc(snap).summary)).toContain(
      '"__proto__":{"func_or_class_name":"__proto__","type":"NORMAL_TASK","state_counts":{"__proto__":1}}',
    );
    expect(JSON.stringify(sessionSummary(snap).tasks.byState)).toBe(
      '{"__proto__":1,"constructor":1}',
    );
    expect(JSON.stringify(sessionSummary(snap).actors.byState)).toBe('{"__proto__":1}');
  });
});
