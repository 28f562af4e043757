import { describe, expect, it } from 'vitest';
import { RAY_TASK_FIELDS, TASK_TABLE_FIELDS, type RayTaskField } from '../../../contract/ray.ts';
import { unpackRealRayRecording } from '../../../e2e/support/real-ray-fixture.ts';
import { recordedSessions } from '../../fidelity/recorded-sessions.ts';
import { loadSession } from '../ingest/load-session.ts';
import { FsStorage } from '../../storage/fs-storage.ts';
import {
  SessionReducer,
  TASK_SORT_KEYS,
  queryTasks,
  taskListJson,
  type SessionSnapshot,
  type TaskQuery,
} from './index.ts';
import { JsonBytes, asciiRun, viewOf } from './json-bytes.ts';
import { PoolBytes } from './pool-bytes.ts';
import { approxPoolJsonBytes, heldPoolJsonBytes } from './task-row-json.ts';
import * as ev from '../../test/events.ts';
import * as s from '../../test/session.ts';

// The tasks answer written as text must be byte for byte what serialising the page objects gives
// (task-row.ts is the reference the fidelity test holds against real Ray).

function reduce(events: unknown[]): SessionSnapshot {
  const reducer = new SessionReducer();
  for (const e of events) reducer.addEvent(e);
  return reducer.snapshot({ sessionLive: false });
}

/** What the route answered before the page was written as text. */
const viaObjects = (snapshot: SessionSnapshot, query: TaskQuery) =>
  JSON.stringify({
    ...queryTasks(snapshot, query),
    partial_failure_warning: null,
    warnings: null,
  });

function expectSameText(snapshot: SessionSnapshot, queries: TaskQuery[]) {
  for (const query of queries)
    expect(taskListJson(snapshot, query).toString()).toBe(viaObjects(snapshot, query));
}

const everySortBothWays: TaskQuery[] = TASK_SORT_KEYS.flatMap((sortBy) =>
  (['asc', 'desc'] as const).map((order) => ({ sortBy, order, limit: 1000 })),
);

describe('taskListJson', () => {
  const snapshot = reduce(s.sessionEvents());

  it('writes every attempt as JSON.stringify writes its object, with and without transitions', () => {
    expectSameText(snapshot, [
      {},
      { detail: false },
      { excludeDriver: false, limit: 1000 },
      { excludeDriver: false, detail: false, limit: 1000 },
    ]);
  });

  it('writes the same pages for every sort, filter and window', () => {
    expectSameText(snapshot, everySortBothWays);
    expectSameText(snapshot, [
      { filters: [{ key: 'state', predicate: '=', value: 'FAILED' }] },
      { filters: [{ key: 'actor_id', predicate: '!=', value: s.ACTOR }], detail: false },
      { filters: [{ key: 'task_name', predicate: '=', value: 'no such task' }] },
      { offset: 2, limit: 3 },
      { offset: 1000, limit: 10 },
      { limit: 0 },
    ]);
  });

  it("writes only the fields asked for (columns=), in Ray's order, as the objects would be", () => {
    const subsets: RayTaskField[][] = [
      [...TASK_TABLE_FIELDS],
      ...RAY_TASK_FIELDS.map((field) => [field]),
      // Asked out of order and twice: written once each, in Ray's order.
      ['end_time_ms', 'task_id', 'events', 'task_id', 'task_log_info', 'runtime_env_info'],
      RAY_TASK_FIELDS.filter((_, i) => i % 2 === 1),
      [...RAY_TASK_FIELDS],
    ];
    for (const columns of subsets)
      for (const detail of [true, false])
        expectSameText(snapshot, [
          { columns, detail, excludeDriver: false, limit: 1000 },
          { columns, detail, sortBy: 'start_time_ms', order: 'desc', offset: 1, limit: 5 },
        ]);
    const page = JSON.parse(
      taskListJson(snapshot, { columns: ['state', 'task_id'], limit: 1 }).toString(),
    ) as { result: object[] };
    expect(Object.keys(page.result[0]!)).toEqual(['task_id', 'state']);
  });

  it('escapes names and keeps odd keys of the stored JSON columns as plain keys', () => {
    const definition = ev.taskDefinition({
      task: ev.taskId(9),
      name: 'quote " slash \\ line\n\u2028 é 😀',
    });
    const payload = definition.taskDefinitionEvent as Record<string, unknown>;
    payload.requiredResources = { ['__proto__']: 2, CPU: 0.5, 'memory "x"': 1e21 };
    payload.labelSelector = { 'ray.io/market-type': 'spot', constructor: 'x' };
    const odd = reduce([
      definition,
      ev.taskLifecycle({
        task: ev.taskId(9),
        states: [
          ['PENDING_ARGS_AVAIL', 1],
          ['RUNNING', 2],
          // A state this server does not know, with characters JSON escapes.
          ['NEW_STATE "é"', 3],
        ],
      }),
    ]);
    const text = taskListJson(odd, {}).toString();
    expect(text).toBe(viaObjects(odd, {}));
    const [row] = (JSON.parse(text) as { result: Record<string, unknown>[] }).result;
    expect(row!.name).toBe('quote " slash \\ line\n\u2028 é 😀');
    expect(Object.hasOwn(row!.required_resources as object, '__proto__')).toBe(true);
    const events = row!.events as { state: string }[];
    expect(events.map((e) => e.state)).toEqual(['PENDING_ARGS_AVAIL', 'RUNNING', 'NEW_STATE "é"']);
  });

  it('writes log info that starts at any of its keys, or has none', () => {
    const logs: Record<string, string | number>[] = [
      { stdoutFile: '/logs/a.out', stderrFile: '/logs/a.err', stdoutStart: 1, stdoutEnd: 20 },
      { stderrFile: '/logs/b.err', stderrStart: 3 },
      { stdoutStart: 0, stdoutEnd: 7, stderrStart: 0, stderrEnd: 9 },
      { stdoutEnd: 12 },
      { stderrStart: 5, stderrEnd: 6 },
      { stderrEnd: 8 },
      {},
    ];
    const partial = reduce(
      logs.flatMap((log, i) => [
        ev.taskDefinition({ task: ev.taskId(20 + i), name: `logs ${i}` }),
        ev.taskLifecycle({ task: ev.taskId(20 + i), states: [['RUNNING', 1 + i]], log }),
      ]),
    );
    expectSameText(partial, [{}, { detail: false }]);
    const rows = (
      JSON.parse(taskListJson(partial, {}).toString()) as {
        result: { task_log_info: Record<string, unknown> | null }[];
      }
    ).result;
    expect(rows.map((row) => Object.keys(row.task_log_info ?? {})[0] ?? null).sort()).toEqual(
      [
        'stderr_end',
        'stderr_file',
        'stderr_start',
        'stdout_end',
        'stdout_file',
        'stdout_start',
        null,
      ].sort(),
    );
  });

  it('keeps the JSON of pool strings within what the snapshot counts for it', () => {
    const table = reduce(s.sessionEvents()).tasks;
    const counted = approxPoolJsonBytes(table.pool);
    expect(heldPoolJsonBytes(table.pool)).toBe(0);
    const snapshotOf = { ...snapshot, tasks: table };
    taskListJson(snapshotOf, { excludeDriver: false, limit: 10_000 });
    expect(heldPoolJsonBytes(table.pool)).toBeGreaterThan(0);
    expect(heldPoolJsonBytes(table.pool)).toBeLessThanOrEqual(counted);
  });

  it('writes what the real Ray recording reduces to, every attempt and every sort', async () => {
    const recording = unpackRealRayRecording();
    const storage = new FsStorage(recording.historyRoot);
    for (const info of recordedSessions(recording.historyRoot)) {
      const { snapshot: real } = await loadSession(storage, info, {});
      expect(real.tasks.count).toBeGreaterThan(0);
      expectSameText(real, [
        { excludeDriver: false, limit: 10_000 },
        { excludeDriver: false, limit: 10_000, columns: [...TASK_TABLE_FIELDS] },
        ...everySortBothWays,
      ]);
    }
  }, 60_000);
});

describe('JsonBytes', () => {
  it('grows past its first buffer, keeps multi-byte text whole, and starts empty after take', () => {
    const out = new JsonBytes();
    const piece = `"é😀${'x'.repeat(1000)}",`;
    for (let i = 0; i < 400; i++) out.append(piece);
    expect(out.take().toString()).toBe(piece.repeat(400));
    out.append('[]');
    expect(out.take().toString()).toBe('[]');
  });

  it('writes numbers as JSON.stringify does, integers digit by digit and the rest as text', () => {
    const numbers = [0, -0, 7, 10, 99, 100, -42, 1_767_000_000_123, Number.MAX_SAFE_INTEGER];
    const others = [-Number.MAX_SAFE_INTEGER - 2, 2 ** 60, 1e21, 0.5, -1.25e-7, NaN, Infinity];
    const out = new JsonBytes();
    for (const n of [...numbers, ...others]) {
      out.number(n);
      out.append(',');
    }
    expect(out.take().toString()).toBe(
      [...numbers, ...others].map((n) => `${JSON.stringify(n)},`).join(''),
    );
  });

  it('quotes strings as JSON.stringify does, escapes and non-ASCII included', () => {
    const texts = ['', 'abc123', 'quote " slash \\', 'line\n\t\u0001', 'é😀', '\u2028', '~\u007f'];
    const out = new JsonBytes();
    for (const text of texts) out.quoted(text);
    expect(out.take().toString()).toBe(texts.map((text) => JSON.stringify(text)).join(''));
  });

  it('copies bytes, short and long, from any range of a source, at any offset', () => {
    const source = Buffer.from(`ab${'0123456789'.repeat(20)}cdefg`);
    const view = viewOf(source);
    const out = new JsonBytes();
    out.view(view, 0, 1);
    out.view(view, 1, 2);
    out.view(view, 2, 7);
    out.view(view, 7, 202);
    out.view(view, 5, 5);
    out.view(view, 202, source.length);
    out.run(asciiRun('{"key":'));
    expect(out.take().toString()).toBe(`${source.toString()}{"key":`);
  });

  it('keeps copied bytes when the buffer grows under them', () => {
    const source = Buffer.from('abcdefghijklmnopqrstuvwxyz'.repeat(1000));
    const out = new JsonBytes();
    for (let i = 0; i < 40; i++) out.view(viewOf(source), i % 3, source.length);
    const expected = Array.from({ length: 40 }, (_, i) => source.subarray(i % 3)).join('');
    expect(out.take().toString()).toBe(expected);
  });
});

describe('PoolBytes', () => {
  it('makes each text once, keeps it across a growing arena, and counts what it holds', () => {
    const made: number[] = [];
    const make = (id: number) => {
      made.push(id);
      return JSON.stringify(`${id}:${'é'.repeat(20_000)}`);
    };
    const texts = new PoolBytes(8);
    const out = new JsonBytes();
    for (const id of [3, 5, 3, 7, 5]) texts.write(out, id, make);
    expect(made).toEqual([3, 5, 7]);
    expect(out.take().toString()).toBe([3, 5, 3, 7, 5].map(make).join(''));
    expect(texts.byteSize).toBeGreaterThanOrEqual(3 * 40_000 + 2 * 8 * 4);
  });
});
