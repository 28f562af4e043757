import type { RayJob } from '../../../contract/ray';

/** The list's filters, as they sit in the URL (empty = any). */
export interface JobFilters {
  status: string;
  type: string;
}

export function filterJobs(jobs: readonly RayJob[], filters: JobFilters): RayJob[] {
  return jobs.filter(
    (job) =>
      (!filters.status || job.status === filters.status) &&
      (!filters.type || job.type === filters.type),
  );
}

/** Distinct values of a field across the jobs, sorted, for a filter's options. */
export function distinctValues(jobs: readonly RayJob[], field: 'status' | 'type'): string[] {
  return [...new Set(jobs.map((job) => job[field]).filter(Boolean))].sort();
}

export function jobDurationMs(job: RayJob): number | null {
  if (!job.start_time || !job.end_time || job.end_time < job.start_time) return null;
  return job.end_time - job.start_time;
}

/** The id to link a job by: the job id when known, else the submission id. */
export function jobKey(job: RayJob): string {
  return job.job_id ?? job.submission_id ?? '';
}
