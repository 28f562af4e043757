import { HttpResponse, http } from 'msw';
import type { RayTask } from '../contract/ray';
import { errorResponse } from './error-response';
import {
  mockActors,
  mockClusterStatus,
  mockJobs,
  mockSummary,
  mockTasks,
} from './session-views-data';

// Jobs, tasks, summary and cluster status over session-views-data.ts, for every mock session.

const SCOPE = '*/api/c/:namespace/:kind/:name/:session';
const envelope = <T>(data: T) => HttpResponse.json({ result: true, msg: '', data });

const FIELD: Record<string, keyof RayTask> = {
  state: 'state',
  job_id: 'job_id',
  actor_id: 'actor_id',
  task_id: 'task_id',
  task_name: 'name',
  func_or_class_name: 'func_or_class_name',
  node_id: 'node_id',
  task_type: 'type',
  error_type: 'error_type',
};

function sortValue(t: RayTask, by: string): number | string | null {
  if (by === 'duration_ms')
    return t.start_time_ms && t.end_time_ms ? t.end_time_ms - t.start_time_ms : null;
  return (t[by as keyof RayTask] as number | string | null) ?? null;
}

function queryTasks(search: URLSearchParams) {
  const keys = search.getAll('filter_keys');
  const values = search.getAll('filter_values');
  let rows = mockTasks.filter((t) =>
    keys.every((key, i) => String(t[FIELD[key] ?? 'task_id'] ?? '') === values[i]),
  );
  const by = search.get('sort_by') ?? 'task_id';
  const dir = search.get('order') === 'desc' ? -1 : 1;
  rows = [...rows].sort((a, b) => {
    const x = sortValue(a, by);
    const y = sortValue(b, by);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return (x < y ? -1 : x > y ? 1 : 0) * dir;
  });
  const stateCounts: Record<string, number> = {};
  for (const t of rows) stateCounts[t.state] = (stateCounts[t.state] ?? 0) + 1;
  const offset = Number(search.get('offset') ?? 0);
  const limit = Number(search.get('limit') ?? 100);
  return {
    total: mockTasks.length,
    num_after_truncation: mockTasks.length,
    num_filtered: rows.length,
    result: rows.slice(offset, offset + limit),
    partial_failure_warning: null,
    warnings: null,
    state_counts: stateCounts,
  };
}

export const sessionViewsHandlers = [
  http.get(`${SCOPE}/summary`, () => HttpResponse.json(mockSummary)),
  http.get(`${SCOPE}/load_progress`, () =>
    HttpResponse.json({
      state: 'ready',
      filesRead: 4,
      filesTotal: 4,
      bytesRead: 10,
      bytesTotal: 10,
    }),
  ),
  http.get(`${SCOPE}/api/cluster_status`, () => envelope({ clusterStatus: mockClusterStatus })),
  http.get(`${SCOPE}/api/jobs/`, () => HttpResponse.json(mockJobs)),
  http.get<{ jobId: string }>(`${SCOPE}/api/jobs/:jobId`, ({ params }) => {
    const job = mockJobs.find((j) => j.job_id === params.jobId || j.submission_id === params.jobId);
    return job
      ? HttpResponse.json(job)
      : errorResponse(404, 'Not Found', `No job ${params.jobId} in session`);
  }),
  http.get(`${SCOPE}/api/v0/tasks`, ({ request }) =>
    envelope({ result: queryTasks(new URL(request.url).searchParams) }),
  ),
  http.get(`${SCOPE}/api/v0/tasks/summarize`, ({ request }) => {
    const search = new URL(request.url).searchParams;
    const jobId = search.get('job_id');
    const tasks = mockTasks.filter((t) => !jobId || t.job_id === jobId);
    const counts = (list: RayTask[]) => {
      const c: Record<string, number> = {};
      for (const t of list) c[t.state] = (c[t.state] ?? 0) + 1;
      return c;
    };
    const names = [...new Set(tasks.map((t) => t.name))];
    const cluster =
      search.get('summary_by') === 'lineage'
        ? {
            summary: names.map((name) => ({
              name,
              key: `group:${name}`,
              type: 'GROUP',
              timestamp: null,
              state_counts: counts(tasks.filter((t) => t.name === name)),
              children: [],
              link: null,
            })),
            total_tasks: tasks.length,
            total_actor_tasks: 0,
            total_actor_scheduled: 0,
          }
        : {
            summary: Object.fromEntries(
              names.map((name) => [
                name,
                {
                  func_or_class_name: name,
                  type: 'NORMAL_TASK',
                  state_counts: counts(tasks.filter((t) => t.name === name)),
                },
              ]),
            ),
            total_tasks: tasks.length,
            total_actor_tasks: 0,
            total_actor_scheduled: 0,
          };
    return envelope({ result: { result: { node_id_to_summary: { cluster } } } });
  }),
];

/** Only when no colleague's actor handlers answer: an empty actor list. */
export const fallbackActorHandlers = [
  http.get(`${SCOPE}/logical/actors`, () => envelope({ actors: mockActors })),
];
