import { describe, expect, it } from 'vitest';
import type { Actor, RayJob, RayTask } from '../../../contract/ray';
import { latestFailures, outcomeList } from './session-health';

describe('latestFailures', () => {
  const jobs = [
    { job_id: '01', status: 'FAILED', message: 'Traceback\nValueError: bad row', end_time: 300 },
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
    {
      task_id: 'u',
      attempt_number: 0,
      name: 'parse',
      error_type: 'TASK_EXECUTION_EXCEPTION',
      end_time_ms: 950,
    },
  ] as RayTask[];
  const actor = (actorId: string, exitDetail: string, endTime: number) =>
    ({ actorId, className: actorId, state: 'DEAD', exitDetail, endTime }) as Actor;
  const actors = [
    actor('segv', 'Worker exit type: SYSTEM_ERROR ... killed by signal SIGSEGV.', 100),
    actor('raised', 'The actor died because of an error raised in its creation task', 200),
    actor('released', 'The actor is dead because all references to the actor were removed.', 990),
    actor('orphan', 'The actor is dead because its owner has died. Owner Id: ...', 991),
    actor('killed', 'The actor was killed by ray.kill', 992),
    actor('quiet', '', 993),
  ];

  it('lists only failures: actors that exited normally are left out', () => {
    const ids = latestFailures(jobs, tasks, actors).map((f) => f.id);
    for (const normal of ['released', 'orphan', 'killed', 'quiet'])
      expect(ids).not.toContain(normal);
  });

  it('puts the most severe first (job, then crashes), newest first within each', () => {
    expect(latestFailures(jobs, tasks, actors).map((f) => [f.kind, f.id, f.detail])).toEqual([
      ['job', '01', 'ValueError: bad row'],
      ['task', 't', 'OUT_OF_MEMORY'],
      ['actor', 'segv', 'Worker exit type: SYSTEM_ERROR ... killed by signal SIGSEGV.'],
      ['task', 'u', 'TASK_EXECUTION_EXCEPTION'],
      ['actor', 'raised', 'The actor died because of an error raised in its creation task'],
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
