import { describe, expect, it } from 'vitest';
import { SessionReducer, queryTasks, type SessionSnapshot, type TaskQuery } from './index.ts';
import * as ev from '../../test/events.ts';
import * as s from '../../test/session.ts';

function session(): SessionSnapshot {
  const reducer = new SessionReducer();
  for (const e of s.sessionEvents()) reducer.addEvent(e);
  return reducer.snapshot({ sessionLive: false });
}

const snap = session();
const ids = (query: TaskQuery) =>
  queryTasks(snap, { limit: 1000, ...query }).result.map((t) => `${t.task_id}:${t.attempt_number}`);

describe('queryTasks', () => {
  it('lists every attempt but the driver by default, with per-state counts', () => {
    const page = queryTasks(snap);
    expect(page.total).toBe(8);
    expect(page.num_filtered).toBe(8);
    expect(page.num_after_truncation).toBe(8);
    expect(page.result.every((t) => t.type !== 'DRIVER_TASK')).toBe(true);
    expect(page.state_counts).toEqual({
      PENDING_ARGS_AVAIL: 1,
      RUNNING: 1,
      FINISHED: 4,
      FAILED: 2,
    });
    expect(Object.keys(page.state_counts)).toEqual([
      'PENDING_ARGS_AVAIL',
      'RUNNING',
      'FINISHED',
      'FAILED',
    ]);
  });

  it('includes the driver when asked', () => {
    expect(queryTasks(snap, { excludeDriver: false }).num_filtered).toBe(9);
  });

  it('filters with = and != on each key', () => {
    expect(ids({ filters: [{ key: 'state', predicate: '=', value: 'failed' }] })).toEqual(
      [`${s.TRAIN}:0`, `${s.INC_2}:0`].sort(),
    );
    expect(ids({ filters: [{ key: 'task_id', predicate: '=', value: ev.b64(s.TRAIN) }] })).toEqual([
      `${s.TRAIN}:0`,
      `${s.TRAIN}:1`,
    ]);
    expect(
      ids({ filters: [{ key: 'task_type', predicate: '=', value: 'ACTOR_TASK' }] }),
    ).toHaveLength(2);
    expect(ids({ filters: [{ key: 'actor_id', predicate: '=', value: s.ACTOR }] })).toHaveLength(3);
    expect(ids({ filters: [{ key: 'task_name', predicate: '=', value: 'prep' }] })).toHaveLength(2);
    expect(
      ids({ filters: [{ key: 'func_or_class_name', predicate: '=', value: 'Counter.inc' }] }),
    ).toHaveLength(2);
    expect(
      ids({ filters: [{ key: 'node_id', predicate: '=', value: s.WORKER_NODE }] }),
    ).toHaveLength(2);
    expect(
      ids({ filters: [{ key: 'worker_id', predicate: '=', value: ev.workerId(3) }] }),
    ).toHaveLength(2);
    expect(ids({ filters: [{ key: 'error_type', predicate: '=', value: 'WORKER_DIED' }] })).toEqual(
      [`${s.TRAIN}:0`],
    );
    expect(ids({ filters: [{ key: 'job_id', predicate: '=', value: 'AgAAAA==' }] })).toHaveLength(
      8,
    );
    expect(ids({ filters: [{ key: 'job_id', predicate: '=', value: 'ffffffff' }] })).toEqual([]);
    expect(ids({ filters: [{ key: 'state', predicate: '!=', value: 'FINISHED' }] })).toHaveLength(
      4,
    );
  });

  it('combines filters with AND and counts states of the filtered set only', () => {
    const page = queryTasks(snap, {
      filters: [
        { key: 'node_id', predicate: '=', value: s.HEAD },
        { key: 'state', predicate: '!=', value: 'RUNNING' },
      ],
    });
    expect(page.num_filtered).toBe(4);
    expect(page.state_counts).toEqual({ FINISHED: 3, FAILED: 1 });
  });

  it('sorts by time both ways, with missing values last', () => {
    const byStart = queryTasks(snap, { sortBy: 'start_time_ms', limit: 1000 }).result;
    expect(byStart.map((t) => t.start_time_ms)).toEqual([
      ev.msAt(20),
      ev.msAt(35),
      ev.msAt(45),
      ev.msAt(60),
      ev.msAt(510),
      ev.msAt(610),
      ev.msAt(620),
      null,
    ]);
    const desc = queryTasks(snap, { sortBy: 'start_time_ms', order: 'desc', limit: 1000 }).result;
    expect(desc.map((t) => t.start_time_ms)).toEqual([
      ...byStart
        .map((t) => t.start_time_ms)
        .slice(0, 7)
        .reverse(),
      null,
    ]);
  });

  it('sorts by duration and name', () => {
    const longest = queryTasks(snap, { sortBy: 'duration_ms', order: 'desc', limit: 1 }).result[0]!;
    expect([longest.task_id, longest.attempt_number]).toEqual([s.TRAIN, 0]);
    const names = queryTasks(snap, { sortBy: 'name', limit: 1000 }).result.map((t) => t.name);
    expect(names).toEqual([
      'Counter.__init__',
      'Counter.inc',
      'Counter.inc',
      'prep',
      'prep',
      'train',
      'train',
      '',
    ]);
  });

  it('pages with offset and limit after sorting and filtering', () => {
    const all = ids({ sortBy: 'creation_time_ms' });
    const page = queryTasks(snap, { sortBy: 'creation_time_ms', offset: 2, limit: 3 });
    expect(page.result.map((t) => `${t.task_id}:${t.attempt_number}`)).toEqual(all.slice(2, 5));
    expect(page.num_filtered).toBe(8);
    expect(queryTasks(snap, { offset: 100 }).result).toEqual([]);
  });

  it('answers every page of a query asked again (a kept pass) as a fresh pass would', () => {
    const queries: TaskQuery[] = [
      { sortBy: 'duration_ms', order: 'desc' },
      { filters: [{ key: 'state', predicate: '!=', value: 'FINISHED' }] },
      { sortBy: 'name', excludeDriver: false },
    ];
    // More distinct queries than a snapshot keeps passes for, so some are evicted and redone.
    for (let round = 0; round < 2; round++)
      for (const [i, query] of [
        ...queries,
        ...queries.map((q) => ({ ...q, order: 'asc' as const })),
      ]
        .concat(
          Array.from({ length: 8 }, (_, n) => ({
            filters: [{ key: 'job_id' as const, predicate: '!=' as const, value: String(n) }],
          })),
        )
        .entries()) {
        const whole = queryTasks(session(), { ...query, limit: 1000 });
        for (let offset = 0; offset < whole.num_filtered; offset += 2) {
          const page = queryTasks(snap, { ...query, offset, limit: 2 });
          expect(page.result, `query ${String(i)} at ${String(offset)}`).toEqual(
            whole.result.slice(offset, offset + 2),
          );
          expect(page.state_counts).toEqual(whole.state_counts);
          expect(page.total).toBe(whole.total);
        }
      }
  });

  it('leaves state transitions out without detail', () => {
    expect(queryTasks(snap, { detail: false, limit: 1 }).result[0]!.events).toEqual([]);
    expect(queryTasks(snap, { limit: 1 }).result[0]!.events.length).toBeGreaterThan(0);
  });
});
