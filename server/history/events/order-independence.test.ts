import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
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
  taskAttempts,
  taskTimeline,
} from './index.ts';
import * as ev from '../../test/events.ts';
import * as s from '../../test/session.ts';

// Events arrive in any order and may repeat: the answers must not change.

type Legacy = { json: unknown; node: string }[];

function reduced(events: unknown[], legacy: Legacy): SessionReducer {
  const reducer = new SessionReducer();
  for (const e of events) reducer.addEvent(e);
  for (const { json, node } of legacy) reducer.addLegacyEvent(json, node);
  return reducer;
}

function answers(events: unknown[], legacy: Legacy): string {
  return answersOf(reduced(events, legacy));
}

function answersOf(reducer: SessionReducer): string {
  reducer.addDebugState(s.HEAD, s.HEAD_DEBUG_STATE);
  const snap = reducer.snapshot({ sessionLive: false });
  const { events: _counts, ...summary } = sessionSummary(snap);
  const everyTask = queryTasks(snap, { excludeDriver: false, limit: 1_000 });
  return JSON.stringify({
    jobs: listJobs(snap),
    nodes: nodeSummary(snap),
    actors: listActors(snap),
    tasks: TASK_SORT_KEYS.flatMap((sortBy) =>
      (['asc', 'desc'] as const).map((order) => queryTasks(snap, { sortBy, order, limit: 1_000 })),
    ),
    attempts: everyTask.result.map((t) => taskAttempts(snap, t.task_id)),
    byFunc: summarizeByFunc(snap),
    lineage: summarizeLineage(snap),
    timeline: taskTimeline(snap),
    events: listEvents(snap),
    status: clusterStatus(snap),
    summary,
  });
}

describe('order independence', () => {
  const events = s.sessionEvents();
  const legacy = s.legacyEvents();
  const expected = answers(events, legacy);

  const permutation = <T>(items: T[]) =>
    fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length });
  const scenario = fc
    .tuple(
      fc.array(fc.constantFrom(...events), { maxLength: 20 }),
      fc.array(fc.constantFrom(...legacy), { maxLength: 5 }),
    )
    .chain(([extra, extraLegacy]) =>
      fc.tuple(permutation([...events, ...extra]), permutation([...legacy, ...extraLegacy])),
    );

  it('any shuffle or duplication of the same events gives the same answers', () => {
    fc.assert(
      fc.property(scenario, ([shuffled, shuffledLegacy]) => {
        expect(answers(shuffled, shuffledLegacy)).toBe(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('reducing parts apart and merging them (as parse workers do) gives the same answers', () => {
    const parts = fc.integer({ min: 1, max: 4 });
    fc.assert(
      fc.property(
        scenario,
        parts.chain((n) =>
          fc.tuple(fc.constant(n), fc.array(fc.nat(n - 1), { minLength: 200, maxLength: 200 })),
        ),
        ([shuffled, shuffledLegacy], [n, partOf]) => {
          const part = (i: number) => partOf[i % partOf.length]!;
          const merged = new SessionReducer();
          for (let p = 0; p < n; p++) {
            const partial = reduced(
              shuffled.filter((_, i) => part(i) === p),
              shuffledLegacy.filter((_, i) => part(i + 7) === p),
            ).partial();
            // Partials cross threads by structured clone.
            merged.merge(structuredClone(partial));
          }
          expect(answersOf(merged)).toBe(expected);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('notices a missing event (the comparison is not blind)', () => {
    for (const i of [0, 10, events.length - 1]) {
      expect(
        answers(
          events.filter((_, j) => j !== i),
          legacy,
        ),
      ).not.toBe(expected);
    }
  });
});

describe('order independence of copies that disagree', () => {
  // Copies of one attempt with different values: the same one must win in any order, and
  // whichever parts (parse workers) hold them (their runs are combined when frozen).
  const W2 = ev.workerId(2);
  const disagreeing = [
    ev.taskDefinition({ task: s.PREP, func: 'prep', name: 'b-prep' }),
    ev.taskDefinition({ task: s.PREP, func: 'prep', name: 'a-prep' }),
    ev.taskLifecycle({ task: s.PREP, states: [['RUNNING', 20]], worker: W2, pid: 5 }),
    ev.taskLifecycle({
      task: s.PREP,
      states: [['RUNNING', 22]],
      pid: 17,
      log: { stdoutFile: 'worker-0.out', stdoutStart: '50', stdoutEnd: '900' },
    }),
    ev.taskLifecycle({
      task: s.ORPHAN,
      states: [['FAILED', 70]],
      error: { type: 'TASK_EXECUTION_EXCEPTION', message: 'b' },
    }),
    ev.taskLifecycle({
      task: s.ORPHAN,
      states: [['FAILED', 70]],
      error: { type: 'TASK_EXECUTION_EXCEPTION', message: 'a' },
    }),
    ev.taskProfile({ task: s.PREP, worker: W2, ip: '10.0.0.2', spans: [['task:execute', 21, 29]] }),
    ev.taskProfile({
      task: s.PREP,
      worker: ev.workerId(1),
      ip: '10.0.0.1',
      spans: [['task:fetch', 21, 22]],
    }),
  ];
  const events = [...s.sessionEvents(), ...disagreeing];
  const legacy = s.legacyEvents();
  const expected = answers(events, legacy);

  it('gives the same answers however the events are split into parts and merged', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 3 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.array(fc.nat(n - 1), { minLength: events.length, maxLength: events.length }),
            ),
          ),
        ([n, partOf]) => {
          const merged = new SessionReducer();
          for (let p = 0; p < n; p++) {
            const part = events.filter((_, i) => partOf[i] === p);
            merged.merge(structuredClone(reduced(part, p === 0 ? legacy : []).partial()));
          }
          expect(answersOf(merged)).toBe(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps the winning copies (the comparison is not blind)', () => {
    const [prep] = taskAttempts(reduced(events, legacy).snapshot({ sessionLive: false }), s.PREP);
    expect(prep).toMatchObject({ name: 'a-prep', worker_pid: 5 });
    expect(prep!.task_log_info).toMatchObject({ stdout_file: 'worker-0.out', stdout_end: 900 });
    expect(answers(s.sessionEvents(), legacy)).not.toBe(expected);
  });
});
