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
import * as s from './test-session.ts';

// Events arrive in any order and may repeat: the answers must not change.

function answers(events: unknown[], legacy: { json: unknown; node: string }[]): string {
  const reducer = new SessionReducer();
  for (const e of events) reducer.addEvent(e);
  for (const { json, node } of legacy) reducer.addLegacyEvent(json, node);
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
