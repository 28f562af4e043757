import { describe, expect, it } from 'vitest';
import { emptyLogText, logTitle } from './log-source';

describe('log page titles', () => {
  it('name the file shown, then whose log it is', () => {
    const file = { kind: 'file', nodeId: 'n1', filename: 'old/raylet.out' } as const;
    expect(logTitle(file, null, 'node n1')).toBe('raylet.out · node n1');
    const task = { kind: 'task', taskId: 't1', suffix: 'err' } as const;
    expect(logTitle(task, 'worker-abc-01000000-77.err', 'Task t1 stderr')).toBe(
      'worker-abc-01000000-77.err · Task t1 stderr',
    );
    // Before the server said which file a task's log is in.
    expect(logTitle(task, null, 'Task t1 stderr')).toBe('Task t1 stderr');
  });
});

describe('what an empty log says', () => {
  it("names the attempt and stream, says the file holds more, and where a task's exception is", () => {
    const task = { kind: 'task', taskId: 't1', attempt: 1, suffix: 'err' } as const;
    const text = emptyLogText(task, 'logs/worker-abc-06000000-8144.err', 7987);
    expect(text.title).toBe('Attempt 1 wrote nothing to stderr');
    expect(text.detail).toContain('Its part of worker-abc-06000000-8144.err is empty');
    expect(text.detail).toContain('the whole file holds 7.8 KiB');
    expect(text.detail).toContain("Ray does not write an attempt's exception to its worker's log.");
    const latest = emptyLogText({ ...task, attempt: undefined, suffix: 'out' }, null, 0);
    expect(latest.title).toBe('The latest attempt wrote nothing to stdout');
    expect(latest.detail).toMatch(/^The file is empty\./);
  });

  it('calls a whole empty file empty, and an actor or driver by name', () => {
    const file = { kind: 'file', nodeId: 'n1', filename: 'old/raylet.out' } as const;
    expect(emptyLogText(file, null, 0)).toEqual({
      title: 'This file is empty',
      detail: 'raylet.out holds no bytes.',
    });
    expect(emptyLogText(file, 'old/raylet.out', 0).detail).toBe('raylet.out holds no bytes.');
    const actor = { kind: 'actor', actorId: 'a1', suffix: 'out' } as const;
    expect(emptyLogText(actor, 'w.out', 10).title).toBe('The actor wrote nothing to stdout');
    expect(emptyLogText({ kind: 'job', jobId: '01000000' }, 'job-driver-01000000.log', 0)).toEqual({
      title: 'The driver wrote nothing to its log',
      detail: 'job-driver-01000000.log is empty.',
    });
  });
});
