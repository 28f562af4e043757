import { describe, expect, it } from 'vitest';
import {
  SessionReducer,
  findActor,
  findJob,
  listEvents,
  nodeDetail,
  nodeSummary,
  parseDebugState,
  taskAttempts,
  type SessionSnapshot,
} from './index.ts';
import * as ev from '../../test/events.ts';
import * as s from '../../test/session.ts';

function reduce(events: unknown[], sessionLive = false): SessionSnapshot {
  const reducer = new SessionReducer();
  for (const e of events) expect(reducer.addEvent(e)).toBe('ok');
  return reducer.snapshot({ sessionLive });
}

function session(): SessionSnapshot {
  const reducer = new SessionReducer();
  for (const e of s.sessionEvents()) reducer.addEvent(e);
  for (const { json, node } of s.legacyEvents()) reducer.addLegacyEvent(json, node);
  reducer.addDebugState(s.HEAD, s.HEAD_DEBUG_STATE);
  return reducer.snapshot({ sessionLive: false });
}

describe('task attempts', () => {
  it('sorts transitions that arrive out of order and takes state from the last one', () => {
    const snap = reduce([
      ev.taskLifecycle({ task: s.PREP, states: [['FINISHED', 30]] }),
      ev.taskLifecycle({ task: s.PREP, states: [['RUNNING', 20]] }),
      ev.taskLifecycle({ task: s.PREP, states: [['PENDING_ARGS_AVAIL', 10]] }),
    ]);
    const [row] = taskAttempts(snap, s.PREP);
    expect(row!.events.map((e) => e.state)).toEqual(['PENDING_ARGS_AVAIL', 'RUNNING', 'FINISHED']);
    expect(row).toMatchObject({
      state: 'FINISHED',
      creation_time_ms: ev.msAt(10),
      start_time_ms: ev.msAt(20),
      end_time_ms: ev.msAt(30),
    });
  });

  it('ignores duplicated transitions', () => {
    const life = ev.taskLifecycle({
      task: s.PREP,
      states: [
        ['PENDING_ARGS_AVAIL', 10],
        ['RUNNING', 20],
      ],
    });
    const snap = reduce([
      life,
      life,
      ev.taskLifecycle({ task: s.PREP, states: [['RUNNING', 20]] }),
    ]);
    expect(taskAttempts(snap, s.PREP)[0]!.events).toHaveLength(2);
  });

  it('merges a definition that arrives after the lifecycle', () => {
    const snap = reduce([
      ev.taskLifecycle({
        task: s.PREP,
        states: [['RUNNING', 20]],
        node: s.HEAD,
        worker: ev.workerId(1),
        pid: 9,
      }),
      ev.taskDefinition({ task: s.PREP, func: 'prep', name: 'prep-step' }),
    ]);
    expect(taskAttempts(snap, s.PREP)[0]).toMatchObject({
      name: 'prep-step',
      func_or_class_name: 'prep',
      type: 'NORMAL_TASK',
      state: 'RUNNING',
      node_id: s.HEAD,
      worker_id: ev.workerId(1),
      worker_pid: 9,
      job_id: ev.JOB,
      required_resources: { CPU: 1 },
    });
  });

  it('keeps a lifecycle without definition, inferring type and actor from the task id', () => {
    const snap = reduce([
      ev.taskLifecycle({ task: s.ORPHAN, states: [['RUNNING', 60]] }),
      ev.taskLifecycle({ task: s.INC_1, states: [['RUNNING', 61]] }),
    ]);
    expect(taskAttempts(snap, s.ORPHAN)[0]).toMatchObject({
      type: 'NORMAL_TASK',
      actor_id: null,
      name: '',
      state: 'RUNNING',
    });
    expect(taskAttempts(snap, s.INC_1)[0]).toMatchObject({ type: 'ACTOR_TASK', actor_id: s.ACTOR });
  });

  it('gives NIL state to a definition without lifecycle', () => {
    const snap = reduce([ev.taskDefinition({ task: s.PREP })]);
    expect(taskAttempts(snap, s.PREP)[0]).toMatchObject({
      state: 'NIL',
      creation_time_ms: null,
      events: [],
    });
  });

  it('keeps every retried attempt as its own row', () => {
    const attempts = taskAttempts(session(), s.TRAIN);
    expect(attempts.map((a) => [a.attempt_number, a.state, a.node_id, a.error_type])).toEqual([
      [0, 'FAILED', s.WORKER_NODE, 'WORKER_DIED'],
      [1, 'FINISHED', s.HEAD, null],
    ]);
    expect(attempts[0]!.error_message).toBe('node preempted');
  });

  it('merges task log offsets that come in different events', () => {
    expect(taskAttempts(session(), s.PREP)[0]!.task_log_info).toEqual({
      stdout_file: 'worker-1.out',
      stdout_start: 100,
      stdout_end: 400,
    });
  });

  it('reads base64 and hex ids alike', () => {
    const hexEvent = ev.taskDefinition({ task: s.PREP, func: 'prep' });
    const payload = hexEvent.taskDefinitionEvent as Record<string, unknown>;
    payload.taskId = s.PREP;
    payload.jobId = ev.JOB;
    const snap = reduce([hexEvent, ev.taskLifecycle({ task: s.PREP, states: [['RUNNING', 1]] })]);
    expect(taskAttempts(snap, s.PREP)).toHaveLength(1);
    expect(taskAttempts(snap, s.PREP)[0]!.job_id).toBe('02000000');
  });
});

describe('actors', () => {
  it('follows restarts: latest placement, first start, death detail', () => {
    const actor = findActor(session(), s.ACTOR)!;
    expect(actor).toMatchObject({
      state: 'DEAD',
      numRestarts: '1',
      className: 'Counter',
      actorClass: 'Counter',
      name: 'counter',
      jobId: ev.JOB,
      pid: 200,
      address: { nodeId: s.HEAD, ipAddress: '10.0.0.1', workerId: ev.workerId(3), port: 10200 },
      exitDetail: 'actor killed by ray.kill',
      startTime: ev.msAt(40),
      endTime: ev.msAt(900),
      placementGroupId: null,
    });
  });

  it('lists an actor on the node it last ran on', () => {
    const snap = session();
    expect(Object.keys(nodeDetail(snap, s.HEAD)!.actors)).toEqual([s.ACTOR]);
    expect(nodeDetail(snap, s.WORKER_NODE)!.actors).toEqual({});
    expect(nodeDetail(snap, ev.nodeId(99))).toBeNull();
  });
});

describe('nodes', () => {
  it('marks a preempted node DEAD with the reason in words', () => {
    const worker = nodeSummary(session()).summary.find((n) => n.raylet.nodeId === s.WORKER_NODE)!;
    expect(worker.raylet).toMatchObject({
      state: 'DEAD',
      endTimeMs: ev.msAt(500),
      isHeadNode: false,
    });
    expect(worker.raylet.stateMessage).toMatch(/^Autoscaler drain preempted: /);
    expect(worker.raylet.stateMessage).toContain('spot reclaimed');
  });

  it('recognises the head node and shows its logical resources', () => {
    const summary = nodeSummary(session());
    const head = summary.summary.find((n) => n.raylet.nodeId === s.HEAD)!;
    expect(head).toMatchObject({ ip: '10.0.0.1', hostname: 'host-10.0.0.1' });
    expect(head.raylet).toMatchObject({
      state: 'ALIVE',
      isHeadNode: true,
      nodeTypeName: 'headgroup',
    });
    expect(summary.nodeLogicalResources[s.HEAD]).toBe('2.0/8.0 CPU\n0B/16.00GiB memory');
    expect(summary.nodeLogicalResources[s.WORKER_NODE]).toBe('4.0 CPU (usage not recorded)');
  });
});

describe('jobs', () => {
  it('builds the jobs API shape from definition and lifecycle', () => {
    const snap = session();
    expect(findJob(snap, 'raysubmit_abc')).toEqual({
      job_id: ev.JOB,
      submission_id: 'raysubmit_abc',
      type: 'SUBMISSION',
      status: 'SUCCEEDED',
      entrypoint: 'python train.py',
      message: null,
      error_type: null,
      start_time: ev.msAt(2),
      end_time: ev.msAt(1000),
      // Ray's own key, which /api/jobs/ does not show.
      metadata: {},
      runtime_env: { pip: ['torch'] },
      driver_info: { id: ev.JOB, node_ip_address: '10.0.0.1', node_id: s.HEAD, pid: '4242' },
      driver_node_id: s.HEAD,
      driver_exit_code: 0,
      driver_agent_http_address: null,
    });
    expect(findJob(snap, 'AgAAAA==')?.job_id).toBe(ev.JOB);
    expect(findJob(snap, s.FAILED_JOB)).toMatchObject({
      type: 'DRIVER',
      status: 'FAILED',
      error_type: 'JOB_EXECUTION_FAILED',
      message: 'boom',
      driver_exit_code: 1,
    });
    expect(findJob(snap, 'nope')).toBeNull();
  });
});

describe('legacy cluster events', () => {
  it('groups by job id, de-duplicates by event id and adds derived events', () => {
    const events = listEvents(session());
    expect(Object.keys(events)).toEqual([ev.JOB, s.FAILED_JOB, 'global'].sort());
    expect(events[ev.JOB]!.filter((e) => e.eventId === 'e2')).toHaveLength(1);
    expect(events[ev.JOB]!.find((e) => e.eventId === 'e2')).toMatchObject({
      eventId: 'e2',
      jobId: ev.JOB,
      sourceType: 'GCS',
      sourcePid: 7,
    });
    expect(events.global!.map((e) => e.label)).toEqual(['NODE_DEAD', 'RAY_NODE_ADDED']);
    expect(events.global![0]).toMatchObject({ severity: 'WARNING', nodeId: s.WORKER_NODE });
    expect(events[s.FAILED_JOB]![0]).toMatchObject({ severity: 'ERROR', label: 'JOB_FAILED' });
    expect(listEvents(session(), 'AgAAAA==')).toEqual({ [ev.JOB]: events[ev.JOB] });
  });

  it('turns the line breaks Ray wrote as `\\n` back into line breaks', () => {
    const reducer = new SessionReducer();
    const message =
      'marked dead. This can happen when a \t(1) raylet crashes \\n\t(2) raylet lags.';
    reducer.addLegacyEvent(ev.legacyEvent({ id: 'n', seconds: 1_700_000_000, message }), s.HEAD);
    const [event] = reducer.snapshot({ sessionLive: false }).clusterEvents;
    expect(event!.message).toBe(
      'marked dead. This can happen when a \t(1) raylet crashes \n\t(2) raylet lags.',
    );
  });

  it('rejects lines without an event id or time', () => {
    const reducer = new SessionReducer();
    expect(reducer.addLegacyEvent({ message: 'x' }, s.HEAD)).toBe('invalid');
    expect(
      reducer.addLegacyEvent(ev.legacyEvent({ id: 'a', seconds: 1_700_000_000 }), s.HEAD),
    ).toBe('ok');
  });
});

describe('parseDebugState', () => {
  it('reads fixed-point totals and availability', () => {
    expect(parseDebugState(s.HEAD_DEBUG_STATE)).toEqual({
      total: { CPU: 8, memory: 2 ** 34, 'node:10.0.0.1': 1, 'node:__internal_head__': 1 },
      available: { CPU: 6, memory: 2 ** 34, 'node:10.0.0.1': 1, 'node:__internal_head__': 1 },
    });
  });

  it('falls back to InitialConfigResources and to ray-status lines', () => {
    expect(
      parseDebugState('InitialConfigResources: {CPU: 4.000000, node:10.0.0.9: 1.000000}'),
    ).toEqual({
      total: { CPU: 4, 'node:10.0.0.9': 1 },
      available: null,
    });
    expect(parseDebugState(' 1.0/4.0 CPU\n 1.00GiB/2.00GiB memory\n')).toEqual({
      total: { CPU: 4, memory: 2 * 2 ** 30 },
      available: { CPU: 3, memory: 2 ** 30 },
    });
    expect(parseDebugState('nothing useful')).toBeNull();
  });
});
