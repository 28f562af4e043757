import { describe, expect, it } from 'vitest';
import {
  SessionReducer,
  queryTasks,
  taskAttempts,
  taskListJson,
  type SessionSnapshot,
} from './index.ts';
import { sameTaskId, taskIdEquals, taskIdOf } from './task-ids.ts';
import { firstRowOfTask } from './task-table.ts';
import * as ev from '../../test/events.ts';

// Task ids live in the task records as 24 bytes; ids of any other form are kept by row. Every
// reader must see exactly the id the events named, in (task id, attempt) order.

function reduce(events: unknown[]): SessionSnapshot {
  const reducer = new SessionReducer();
  for (const e of events) reducer.addEvent(e);
  return reducer.snapshot({ sessionLive: false });
}

/** Both events of one attempt; an id that is not hex is sent as it is (not as base64). */
function attempt(task: string, attemptNumber: number, at: number): unknown[] {
  const hex = /^(?:[0-9a-f]{2})*$/.test(task);
  const definition = ev.taskDefinition({ task: hex ? task : '', attempt: attemptNumber });
  const lifecycle = ev.taskLifecycle({
    task: hex ? task : '',
    attempt: attemptNumber,
    states: [
      ['PENDING_ARGS_AVAIL', at],
      ['RUNNING', at + 1],
    ],
  });
  if (!hex) {
    (definition.taskDefinitionEvent as Record<string, unknown>).taskId = task;
    (lifecycle.taskLifecycleEvent as Record<string, unknown>).taskId = task;
  }
  return [definition, lifecycle];
}

// Hex ids (stored in the records, one with all-zero bytes) and ids that are not 48 hex
// characters (kept apart), mixed so that both kinds sit between each other in id order.
const HEX = [ev.taskId(1), ev.taskId(2), '0'.repeat(48), 'f'.repeat(48)];
const ODD = ['a.task', 'zz.', '0'.repeat(46), '0'.repeat(50)];
const events = [
  ...attempt(HEX[0]!, 0, 10),
  ...attempt(HEX[0]!, 1, 20),
  ...attempt(HEX[1]!, 0, 30),
  ...attempt(HEX[2]!, 0, 40),
  ...attempt(HEX[3]!, 0, 50),
  ...attempt(ODD[0]!, 0, 60),
  ...attempt(ODD[1]!, 0, 70),
  ...attempt(ODD[1]!, 1, 80),
  ...attempt(ODD[2]!, 0, 90),
  ...attempt(ODD[3]!, 0, 100),
];

describe('task ids in the records', () => {
  const snapshot = reduce(events);
  const t = snapshot.tasks;
  const ids = Array.from({ length: t.count }, (_, row) => taskIdOf(t, row));

  it('read back every id as the events named it, in id order', () => {
    const expected = [HEX[0], HEX[0], HEX[1], HEX[2], HEX[3], ...ODD, ODD[1]].sort();
    expect(ids).toEqual(expected);
    expect(t.oddTaskIds.size).toBe(5);
    expect([...t.oddTaskIds.values()].sort()).toEqual(
      [ODD[0], ODD[1], ODD[1], ODD[2], ODD[3]].sort(),
    );
  });

  it('are written into the tasks page as they are', () => {
    const page = JSON.parse(taskListJson(snapshot, { limit: 100 }).toString()) as {
      result: { task_id: string; attempt_number: number }[];
    };
    expect(page.result.map((r) => r.task_id)).toEqual(ids);
    expect(page.result.map((r) => r.task_id)).toEqual(
      queryTasks(snapshot, { limit: 100 }).result.map((r) => r.task_id),
    );
  });

  it('find a task and its attempts, whichever way its id is kept', () => {
    for (const id of [...HEX, ...ODD]) {
      const first = firstRowOfTask(t, id);
      expect(taskIdOf(t, first)).toBe(id);
      const attempts = taskAttempts(snapshot, id);
      expect(attempts.map((a) => a.task_id)).toEqual(ids.filter((x) => x === id));
    }
    expect(firstRowOfTask(t, ev.taskId(3))).toBe(-1);
    expect(taskAttempts(snapshot, '1'.repeat(48))).toEqual([]);
  });

  it('compare rows and match a filter by the whole id', () => {
    for (let a = 0; a < t.count; a++)
      for (let b = 0; b < t.count; b++) expect(sameTaskId(t, a, b)).toBe(ids[a] === ids[b]);
    for (const id of [...HEX, ...ODD, ev.taskId(3)]) {
      const matches = taskIdEquals(t, id);
      const rows = ids.flatMap((x, row) => (matches(row) ? [row] : []));
      expect(rows).toEqual(ids.flatMap((x, row) => (x === id ? [row] : [])));
    }
  });
});
