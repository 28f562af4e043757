import { describe, expect, it } from 'vitest';
import type { Actor, RayJob, RayTask } from '../../types/ray';
import { latestFailures, outcomeList } from './session-health';

describe('latestFailures', () => {
  it('lists failed jobs, failed attempts and actors that died with a reason, newest first', () => {
    const jobs = [
      { job_id: '01', status: 'FAILED', message: 'exit 1', end_time: 300 },
      { job_id: '02', status: 'SUCCEEDED', end_time: 900 },
    ] as RayJob[];
    const tasks = [
      {
        task_id: 't',
        attempt_number: 2,
        name: 'train',
        error_type: 'OUT_OF_MEMORY',
        end_time_ms: 500,
      },
    ] as RayTask[];
    const actors = [
      {
        actorId: 'a',
        className: 'Trainer',
        state: 'DEAD',
        exitDetail: 'creation task raised',
        endTime: 100,
      },
      { actorId: 'b', className: 'Ok', state: 'DEAD', exitDetail: '', endTime: 800 },
    ] as Actor[];
    expect(latestFailures(jobs, tasks, actors).map((f) => [f.kind, f.id, f.detail])).toEqual([
      ['task', 't', 'OUT_OF_MEMORY'],
      ['job', '01', 'exit 1'],
      ['actor', 'a', 'creation task raised'],
    ]);
    expect(latestFailures(jobs, tasks, actors, 1)).toHaveLength(1);
  });
});

describe('outcomeList', () => {
  it('puts failures first and drops zero counts', () => {
    expect(outcomeList({ SUCCEEDED: 3, FAILED: 1, UNKNOWN: 0 })).toEqual([
      { status: 'FAILED', count: 1 },
      { status: 'SUCCEEDED', count: 3 },
    ]);
  });
});
