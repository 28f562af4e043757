import type { RayJob } from '../../contract/ray.ts';
import { ourJson, type Comparison } from './ray-answers.ts';
import { equal, within, type Same } from './tally.ts';

// Jobs: `/api/jobs/` and `/api/jobs/{id}` as the live dashboard answered them at the end.

/** Ray's job fields we hold to the live answer; times within a second (see UNCOMPARED). */
const JOB_FIELDS: Record<string, Same> = {
  job_id: equal,
  submission_id: equal,
  type: equal,
  status: equal,
  entrypoint: equal,
  message: equal,
  error_type: equal,
  driver_exit_code: equal,
  start_time: within(1000),
  end_time: within(1000),
  metadata: equal,
  runtime_env: equal,
};

type Job = RayJob & Record<string, unknown>;

function compareJob(c: Comparison, category: string, ours: Job | undefined, ray: Job) {
  const subject = ray.submission_id ?? ray.job_id ?? '?';
  c.tally.fields(category, subject, ours, ray, JOB_FIELDS);
  c.tally.check(category, subject, 'driver_info.pid', ours?.driver_info?.pid, ray.driver_info?.pid);
  c.tally.check(
    category,
    subject,
    'driver_info.node_ip_address',
    ours?.driver_info?.node_ip_address,
    ray.driver_info?.node_ip_address,
  );
}

export async function compareJobs(c: Comparison): Promise<void> {
  for (const answer of c.truth.latestPerUrl((a) => a.pathname === '/api/jobs/')) {
    const ray = c.truth.json<Job[]>(answer);
    const ours = await ourJson<Job[]>(c, answer);
    const byId = new Map(ours.map((j) => [j.job_id ?? '', j]));
    c.tally.sameKeys(
      'jobs',
      'job ids',
      byId.keys(),
      ray.map((j) => j.job_id ?? ''),
    );
    for (const job of ray) compareJob(c, 'jobs', byId.get(job.job_id ?? ''), job);
  }
  // One job by job id or submission id: the same facts through the detail route.
  for (const answer of c.truth.latestPerUrl((a) => /^\/api\/jobs\/[^/]+$/.test(a.pathname))) {
    compareJob(c, 'job detail', await ourJson<Job>(c, answer), c.truth.json<Job>(answer));
  }
}
