import { describe, expect, it } from 'vitest';
import { logTitle } from './log-source';

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
