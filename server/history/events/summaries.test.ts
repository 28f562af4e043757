import { describe, expect, it } from 'vitest';
import {
  SessionReducer,
  clusterStatus,
  sessionSummary,
  summarizeByFunc,
  summarizeLineage,
  taskTimeline,
  type SessionSnapshot,
} from './index.ts';
import * as ev from '../../test/events.ts';
import * as s from '../../test/session.ts';

function session(): SessionSnapshot {
  const reducer = new SessionReducer();
  for (const e of s.sessionEvents()) reducer.addEvent(e);
  reducer.addEvent({ eventType: 'SOMETHING_NEW' });
  reducer.addEvent({ eventType: 'TASK_LIFECYCLE_EVENT' });
  reducer.addDebugState(s.HEAD, s.HEAD_DEBUG_STATE);
  return reducer.snapshot({ sessionLive: false });
}

const snap = session();

describe('summarizeByFunc', () => {
  it('counts attempts per function and state, with Ray totals', () => {
    expect(summarizeByFunc(snap)).toEqual({
      summary: {
        'Counter.__init__': {
          func_or_class_name: 'Counter.__init__',
          type: 'ACTOR_CREATION_TASK',
          state_counts: { FINISHED: 1 },
        },
        'Counter.inc': {
          func_or_class_name: 'Counter.inc',
          type: 'ACTOR_TASK',
          state_counts: { FAILED: 1, FINISHED: 1 },
        },
        prep: {
          func_or_class_name: 'prep',
          type: 'NORMAL_TASK',
          state_counts: { FINISHED: 1, PENDING_ARGS_AVAIL: 1 },
        },
        train: {
          func_or_class_name: 'train',
          type: 'NORMAL_TASK',
          state_counts: { FAILED: 1, FINISHED: 1 },
        },
        '': { func_or_class_name: '', type: 'NORMAL_TASK', state_counts: { RUNNING: 1 } },
      },
      total_tasks: 5,
      total_actor_tasks: 2,
      total_actor_scheduled: 1,
    });
  });

  it('narrows to one job', () => {
    expect(summarizeByFunc(snap, s.FAILED_JOB)).toEqual({
      summary: {},
      total_tasks: 0,
      total_actor_tasks: 0,
      total_actor_scheduled: 0,
    });
  });
});

describe('summarizeLineage', () => {
  it('nests children under parents, actor tasks under their actor, and sums counts upward', () => {
    const lineage = summarizeLineage(snap);
    expect(lineage.total_tasks).toBe(4);
    const names = lineage.summary.map((n) => [n.name, n.type]);
    expect(names).toEqual([
      ['Counter', 'ACTOR'],
      ['prep', 'NORMAL_TASK'],
      ['train', 'NORMAL_TASK'],
      // Seen only in lifecycle events without PENDING_ARGS_AVAIL: no creation time, so last.
      ['', 'NORMAL_TASK'],
    ]);
    const actor = lineage.summary[0]!;
    expect(actor).toMatchObject({
      key: s.ACTOR,
      link: { type: 'actor', id: s.ACTOR },
      timestamp: ev.msAt(5),
    });
    expect(actor.state_counts).toEqual({ FAILED: 1, FINISHED: 2 });
    expect(actor.children.map((c) => c.type)).toEqual(['ACTOR_CREATION_TASK', 'GROUP']);
    expect(actor.children[1]).toMatchObject({
      name: 'Counter.inc',
      link: null,
      state_counts: { FAILED: 1, FINISHED: 1 },
    });
    const train = lineage.summary.find((n) => n.name === 'train')!;
    expect(train.state_counts).toEqual({ FINISHED: 1, PENDING_ARGS_AVAIL: 1 });
    expect(train.children.map((c) => c.key)).toEqual([s.CHILD]);
  });
});

describe('taskTimeline', () => {
  it('is a Chrome trace with named node/worker lanes and spans in microseconds', () => {
    const trace = taskTimeline(snap);
    const meta = trace.filter((e) => e.ph === 'M');
    const spans = trace.filter((e) => e.ph === 'X');
    expect(meta.filter((e) => e.name === 'process_name').map((e) => e.args!.name)).toEqual([
      'Node 10.0.0.1',
      'Node 10.0.0.2',
    ]);
    expect(
      meta
        .filter((e) => e.name === 'thread_name')
        .every((e) => String(e.args!.name).startsWith('worker:')),
    ).toBe(true);
    const prep = spans.find((e) => e.args!.task_id === s.PREP)!;
    expect(prep).toMatchObject({ name: 'task:execute', ts: ev.msAt(21) * 1000, dur: 8000, pid: 1 });
    const failedTrain = spans.find(
      (e) => e.args!.task_id === s.TRAIN && e.args!.attempt_number === 0,
    )!;
    expect(failedTrain).toMatchObject({
      name: 'train',
      ts: ev.msAt(45) * 1000,
      dur: 455_000,
      pid: 2,
      cname: 'terrible',
    });
    expect(spans.map((e) => e.ts)).toEqual([...spans.map((e) => e.ts)].sort((a, b) => a! - b!));
  });
  it("keeps a job's spans when the attempts before it, of another job, have spans too", () => {
    const reducer = new SessionReducer();
    const other = ev.taskId(0, '01000000');
    const mine = ev.taskId(1);
    for (const [task, job] of [
      [other, '01000000'],
      [mine, ev.JOB],
    ] as const) {
      reducer.addEvent(ev.taskDefinition({ task, job }));
      const spans: [string, number, number][] = [[`run ${task}`, 10, 20]];
      reducer.addEvent(ev.taskProfile({ task, worker: ev.workerId(1), ip: '10.0.0.1', spans }));
    }
    const trace = taskTimeline(reducer.snapshot({ sessionLive: false }), ev.JOB);
    expect(trace.filter((e) => e.ph === 'X').map((e) => e.name)).toEqual([`run ${mine}`]);
  });
});

describe('clusterStatus', () => {
  it('reads like ray status: active nodes, failures with reasons, resource usage', () => {
    const text = clusterStatus(snap);
    expect(text).toContain(`Active:\n head node_${s.HEAD} (10.0.0.1)`);
    expect(text).toMatch(
      new RegExp(
        `Recent failures:\\n cpu node_${s.WORKER_NODE} \\(10\\.0\\.0\\.2\\): Autoscaler drain preempted`,
      ),
    );
    expect(text).toContain('Usage:\n 2.0/8.0 CPU\n 0B/16.00GiB memory');
  });
});

describe('sessionSummary', () => {
  it('gives the span, outcomes, counts and warnings', () => {
    const summary = sessionSummary(snap, {
      malformedLines: 2,
      unknownEventTypes: { SOMETHING_NEW: 1 },
      nodesWithoutLogs: [s.WORKER_NODE],
    });
    expect(summary).toMatchObject({
      startTime: ev.msAt(0),
      endTime: ev.msAt(1000),
      durationMs: 1000,
      jobs: { total: 2, byStatus: { FAILED: 1, SUCCEEDED: 1 } },
      // The driver task (RUNNING) is not counted, as in the tasks list.
      tasks: {
        attempts: 8,
        byState: { PENDING_ARGS_AVAIL: 1, RUNNING: 1, FINISHED: 4, FAILED: 2 },
      },
      actors: { total: 1, byState: { DEAD: 1 } },
      nodes: { total: 2, alive: 1, dead: 1 },
      events: { unknown: 1, invalid: 1, legacy: 0 },
    });
    expect(summary.warnings).toEqual([
      '2 malformed event lines skipped.',
      'Unknown event types ignored: SOMETHING_NEW (1).',
      `Node ${s.WORKER_NODE} has no uploaded logs.`,
      '1 event could not be decoded.',
      '1 task attempt without a definition event: names and functions unknown.',
    ]);
  });
});
