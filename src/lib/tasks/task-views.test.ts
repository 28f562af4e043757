import { describe, expect, it } from 'vitest';
import type { RayTask } from '../../../contract/ray';
import {
  lineageCounts,
  logFileName,
  pickAttempt,
  readableErrorMessage,
  rowRangeText,
  stateTransitions,
  taskLogLinks,
  totalStateCounts,
} from './task-views';
import { lineageNode } from './test/lineage-node';

const task = (over: Partial<RayTask>): RayTask =>
  ({
    task_id: 't1',
    attempt_number: 0,
    name: 'train',
    state: 'FAILED',
    node_id: 'node1',
    task_log_info: null,
    events: [],
    ...over,
  }) as RayTask;

describe('rowRangeText', () => {
  it('names the rows of a deep page with thousands separators', () => {
    expect(rowRangeText(900_000, 100, 1_000_000)).toBe('rows 900,001–900,100 of 1,000,000');
    expect(rowRangeText(0, 0, 0)).toBe('rows 0 of 0');
  });
});

describe('stateTransitions', () => {
  it('orders events by time and gives each the time until the next', () => {
    const transitions = stateTransitions(
      task({
        events: [
          { state: 'RUNNING', created_ms: 1_300 },
          { state: 'PENDING_ARGS_AVAIL', created_ms: 1_000 },
          { state: 'FAILED', created_ms: 5_300 },
        ],
      }),
    );
    expect(transitions).toEqual([
      { state: 'PENDING_ARGS_AVAIL', at: 1_000, durationMs: 300 },
      { state: 'RUNNING', at: 1_300, durationMs: 4_000 },
      { state: 'FAILED', at: 5_300, durationMs: null },
    ]);
  });
});

describe('task logs', () => {
  it('names files relative to the node logs folder', () => {
    expect(logFileName('/tmp/ray/session_x/logs/worker-ab-01-9.out')).toBe('worker-ab-01-9.out');
    expect(logFileName(undefined)).toBeNull();
  });

  it('says why there is no log link when the attempt recorded no log info', () => {
    expect(taskLogLinks(task({}))).toEqual([
      { stream: 'stdout', file: null, reason: 'No log info recorded for this attempt' },
      { stream: 'stderr', file: null, reason: 'No log info recorded for this attempt' },
    ]);
    const links = taskLogLinks(task({ task_log_info: { stdout_file: '/tmp/ray/s/logs/w.out' } }));
    expect(links[0]).toEqual({ stream: 'stdout', file: 'w.out', reason: null });
    expect(links[1]?.file).toBeNull();
  });
});

describe('pickAttempt', () => {
  const attempts = [task({ attempt_number: 0 }), task({ attempt_number: 1, state: 'FINISHED' })];
  it('takes ?attempt= when it exists, else the latest attempt', () => {
    expect(pickAttempt(attempts, '0')?.attempt_number).toBe(0);
    expect(pickAttempt(attempts, '7')?.attempt_number).toBe(1);
    expect(pickAttempt(attempts, null)?.attempt_number).toBe(1);
    expect(pickAttempt([], null)).toBeUndefined();
  });
});

describe('totalStateCounts', () => {
  it('adds the state counts of every function', () => {
    expect(
      totalStateCounts({
        summary: {
          a: {
            func_or_class_name: 'a',
            type: 'NORMAL_TASK',
            state_counts: { FAILED: 2, FINISHED: 3 },
          },
          b: { func_or_class_name: 'b', type: 'NORMAL_TASK', state_counts: { FINISHED: 4 } },
        },
        total_tasks: 9,
        total_actor_tasks: 0,
        total_actor_scheduled: 0,
      }),
    ).toEqual({ FAILED: 2, FINISHED: 7 });
  });
});

describe('readableErrorMessage', () => {
  it("drops the colour codes Ray puts around the task name, keeping the traceback's lines", () => {
    const message =
      '\x1b[1mray::write_shard()\x1b[0m (pid=1, ip=10.0.0.1)\nTraceback (most recent call last):\n  File "a.py"\nValueError: bad';
    expect(readableErrorMessage(message)).toBe(
      'ray::write_shard() (pid=1, ip=10.0.0.1)\nTraceback (most recent call last):\n  File "a.py"\nValueError: bad',
    );
  });
});

describe('lineageCounts', () => {
  it('counts tasks by final state, never calling them attempts', () => {
    const group = lineageNode({ state_counts: { FAILED: 1, FINISHED: 19 } });
    expect(lineageCounts(group)).toBe('20 tasks by final state: FAILED 1, FINISHED 19');
    expect(lineageCounts(group)).not.toMatch(/attempt/);
    expect(lineageCounts(lineageNode({ type: 'ACTOR', state_counts: { FINISHED: 1 } }))).toBe(
      'actor · 1 task by final state: FINISHED 1',
    );
    expect(lineageCounts(lineageNode({ type: 'NORMAL_TASK', state_counts: { FAILED: 1 } }))).toBe(
      'NORMAL_TASK · FAILED',
    );
  });
});
