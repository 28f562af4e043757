import { describe, expect, it } from 'vitest';
import { actorLogTabs, jobLogTabs, relativeLogPath, taskLogTabs } from './log-tabs';

describe('entity log tabs', () => {
  it('gives a task stdout, stderr and its traceback when it failed', () => {
    expect(taskLogTabs('t1', 2).map((t) => t.id)).toEqual(['out', 'err']);
    const tabs = taskLogTabs('t1', 2, {
      error_type: 'TASK_EXECUTION_EXCEPTION',
      error_message: 'Traceback ...',
    });
    expect(tabs.map((t) => t.label)).toEqual(['stdout', 'stderr', 'Error traceback']);
    expect(taskLogTabs('t1', 2, { error_type: null, error_message: null })).toHaveLength(2);
    expect(tabs[1]).toMatchObject({
      source: { kind: 'task', taskId: 't1', attempt: 2, suffix: 'err' },
    });
  });

  it("points a failed attempt's empty logs at its error tab", () => {
    const failed = taskLogTabs('t1', 1, {
      error_type: 'TASK_EXECUTION_EXCEPTION',
      error_message: 'Traceback ...',
    });
    for (const tab of failed.slice(0, 2))
      expect(tab).toMatchObject({
        whenEmpty: 'The attempt\'s error is in the "Error traceback" tab.',
      });
    expect(taskLogTabs('t1', 1).map((tab) => 'whenEmpty' in tab && tab.whenEmpty)).toEqual([
      undefined,
      undefined,
    ]);
  });

  it("names a failure that is not a Python exception by Ray's error type", () => {
    const died = taskLogTabs('t1', 0, {
      error_type: 'ACTOR_DIED',
      error_message: 'The actor died unexpectedly before finishing this task.',
    });
    expect(died[2]).toMatchObject({ id: 'error', label: 'Error (ACTOR_DIED)' });
    expect(taskLogTabs('t1', 0, { error_message: 'lost' })[2]).toMatchObject({ label: 'Error' });
  });

  it('gives an actor its core-worker log when its worker is known', () => {
    const tabs = actorLogTabs('a1', { nodeId: 'n1', workerId: 'w1', pid: 42 });
    expect(tabs[2]).toMatchObject({
      source: { kind: 'file', nodeId: 'n1', filename: 'python-core-worker-w1_42.log' },
    });
    expect(actorLogTabs('a1')).toHaveLength(2);
  });

  it('starts a job with its driver log, then stdout and stderr of each worker once', () => {
    const w = {
      nodeId: 'n1',
      filename: 'worker-w1-01000000-42.out',
      stderrFilename: 'worker-w1.err',
      pid: 42,
    };
    const { tabs, moreWorkers } = jobLogTabs('02000000', [
      w,
      w,
      { ...w, filename: 'worker-w2.out', stderrFilename: null, pid: 43 },
    ]);
    expect(tabs.map((t) => t.label)).toEqual([
      'Driver',
      'Worker 42 stdout',
      'Worker 42 stderr',
      'Worker 43 stdout',
    ]);
    expect(tabs[2]).toMatchObject({ source: { kind: 'file', filename: 'worker-w1.err' } });
    expect(moreWorkers).toBe(0);
  });

  it('counts the workers beyond the limit instead of dropping them silently', () => {
    const workers = [1, 2, 3, 2].map((n) => ({
      nodeId: 'n1',
      filename: `worker-w${n}.out`,
      stderrFilename: `worker-w${n}.err`,
      pid: n,
    }));
    const { tabs, moreWorkers } = jobLogTabs('02000000', workers, 2);
    expect(tabs.map((t) => t.id)).toEqual([
      'driver',
      'worker-1',
      'worker-1-err',
      'worker-2',
      'worker-2-err',
    ]);
    expect(moreWorkers).toBe(1);
  });

  it('makes recorded log paths relative to the logs folder', () => {
    expect(relativeLogPath('/tmp/ray/session_x/logs/worker-1.out')).toBe('worker-1.out');
    expect(relativeLogPath('worker-1.out')).toBe('worker-1.out');
  });
});
