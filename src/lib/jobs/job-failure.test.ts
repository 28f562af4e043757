import { describe, expect, it } from 'vitest';
import type { RayJob, RayTask } from '../../../contract/ray';
import { exceptionLine, hasTraceback, namedTask, rootCauseAttempt } from './job-failure';

const MESSAGE = [
  'Job entrypoint command failed with exit code 1, last available logs (truncated to 20,000 chars):',
  '    raise value.as_instanceof_cause()',
  'ray.exceptions.RayTaskError(ValueError): \u001b[36mray::preprocess()\u001b[39m (pid=7422, ip=10.1.2.3)',
  '  File "/app/pipeline.py", line 31, in parse_shard',
  '    raise ValueError(f"corrupt record")',
  'ValueError: corrupt record at offset 172049',
  '',
].join('\n');

const job = (message: string | null): RayJob =>
  ({ job_id: '01000000', type: 'SUBMISSION', status: 'FAILED', message }) as RayJob;

const attempt = (over: Partial<RayTask>): RayTask =>
  ({
    task_id: 't',
    attempt_number: 0,
    name: 'f',
    func_or_class_name: 'f',
    worker_pid: 1,
    creation_time_ms: 1,
    start_time_ms: 2,
    end_time_ms: 3,
    ...over,
  }) as RayTask;

describe('exceptionLine', () => {
  it('is the traceback’s last line, not Ray’s header', () => {
    expect(exceptionLine(MESSAGE)).toBe('ValueError: corrupt record at offset 172049');
    expect(exceptionLine('Job was intentionally stopped.')).toBe('Job was intentionally stopped.');
    expect(exceptionLine(null)).toBeNull();
    expect(exceptionLine('\n \n')).toBeNull();
  });

  it('says whether there is a traceback to expand', () => {
    expect(hasTraceback(MESSAGE)).toBe(true);
    expect(hasTraceback('Job finished successfully.')).toBe(false);
  });
});

describe('rootCauseAttempt', () => {
  it('reads the task the error names, colour codes and all', () => {
    expect(namedTask(MESSAGE)).toEqual({ name: 'preprocess', pid: 7422 });
    expect(namedTask('no task here')).toBeNull();
  });

  it('is the named function on the named worker, even when it failed after others', () => {
    const earlier = attempt({ task_id: 'a', func_or_class_name: 'write_shard', worker_pid: 7422 });
    const named = attempt({
      task_id: 'b',
      func_or_class_name: 'preprocess',
      worker_pid: 7422,
      end_time_ms: 99,
    });
    const other = attempt({ task_id: 'c', func_or_class_name: 'preprocess', worker_pid: 5 });
    expect(rootCauseAttempt(job(MESSAGE), [earlier, other, named])?.task_id).toBe('b');
  });

  it('falls back to the earliest failed attempt', () => {
    const late = attempt({ task_id: 'late', end_time_ms: 50 });
    const early = attempt({ task_id: 'early', end_time_ms: 10 });
    expect(rootCauseAttempt(job(null), [late, early])?.task_id).toBe('early');
    expect(rootCauseAttempt(job(MESSAGE), [late, early])?.task_id).toBe('early');
    expect(rootCauseAttempt(job(MESSAGE), [])).toBeNull();
  });
});
