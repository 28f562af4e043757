import { describe, expect, it } from 'vitest';
import { deriveJobStatus } from './index.ts';
import type { JobTransition } from './decoded.ts';

const created: JobTransition = {
  state: 'CREATED',
  timeMs: 1,
  message: '',
  errorType: '',
  exitCode: null,
};
const finished = (o: Partial<JobTransition> = {}): JobTransition => ({
  state: 'FINISHED',
  timeMs: 2,
  message: '',
  errorType: '',
  exitCode: null,
  ...o,
});

describe('deriveJobStatus', () => {
  it('SUCCEEDED when finished with exit code 0 or none, and no error type', () => {
    expect(deriveJobStatus([created, finished({ exitCode: 0 })], false)).toBe('SUCCEEDED');
    expect(deriveJobStatus([created, finished()], false)).toBe('SUCCEEDED');
  });

  it('FAILED on an error type or a non-zero exit code', () => {
    expect(deriveJobStatus([created, finished({ errorType: 'JOB_EXECUTION_FAILED' })], false)).toBe(
      'FAILED',
    );
    expect(deriveJobStatus([created, finished({ exitCode: 137 })], false)).toBe('FAILED');
  });

  it('STOPPED when the error type or message says the job was stopped', () => {
    expect(
      deriveJobStatus([created, finished({ message: 'Job was intentionally stopped.' })], false),
    ).toBe('STOPPED');
    expect(
      deriveJobStatus([created, finished({ errorType: 'JOB_STOPPED', exitCode: 143 })], false),
    ).toBe('STOPPED');
  });

  it('RUNNING when only CREATED was seen in a live session, UNKNOWN in a dead one', () => {
    expect(deriveJobStatus([created], true)).toBe('RUNNING');
    expect(deriveJobStatus([created], false)).toBe('UNKNOWN');
    expect(deriveJobStatus([], false)).toBe('UNKNOWN');
  });
});
