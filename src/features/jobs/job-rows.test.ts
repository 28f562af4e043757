import { describe, expect, it } from 'vitest';
import type { RayJob } from '../../../contract/ray';
import { distinctValues, filterJobs, jobDurationMs, jobKey } from './job-rows';

const job = (over: Partial<RayJob>): RayJob =>
  ({
    job_id: '01000000',
    submission_id: null,
    type: 'DRIVER',
    status: 'SUCCEEDED',
    start_time: 1_000,
    end_time: 4_000,
    ...over,
  }) as RayJob;

const jobs = [
  job({}),
  job({ job_id: '02000000', type: 'SUBMISSION', status: 'FAILED' }),
  job({
    job_id: null,
    submission_id: 'raysubmit_x',
    type: 'SUBMISSION',
    status: 'UNKNOWN',
    end_time: null,
  }),
];

describe('job rows', () => {
  it('filters by status and type together', () => {
    expect(filterJobs(jobs, { status: 'FAILED', type: '' }).map(jobKey)).toEqual(['02000000']);
    expect(filterJobs(jobs, { status: '', type: 'SUBMISSION' }).map(jobKey)).toEqual([
      '02000000',
      'raysubmit_x',
    ]);
    expect(filterJobs(jobs, { status: '', type: '' })).toHaveLength(3);
  });

  it('offers the statuses and types present', () => {
    expect(distinctValues(jobs, 'status')).toEqual(['FAILED', 'SUCCEEDED', 'UNKNOWN']);
    expect(distinctValues(jobs, 'type')).toEqual(['DRIVER', 'SUBMISSION']);
  });

  it('has no duration without an end, and links by submission id when there is no job id', () => {
    expect(jobDurationMs(jobs[0]!)).toBe(3_000);
    expect(jobDurationMs(jobs[2]!)).toBeNull();
    expect(jobKey(jobs[2]!)).toBe('raysubmit_x');
  });
});
