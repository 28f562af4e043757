import { ourJson, type Comparison } from './ray-answers.ts';
import { equal, within, type Same } from './tally.ts';

// Tasks: `/api/v0/tasks` (every attempt, nothing more), per-state counts, and
// `/api/v0/tasks/summarize?summary_by=func_name` keyed as Ray keys it.

type Row = Record<string, unknown> & { task_id: string; attempt_number: number; state: string };
type StateApi<T> = { data: { result: { total: number; result: T } } };
type FuncSummary = Record<
  string,
  { func_or_class_name: string; type: string; state_counts: object }
>;

const TASK_FIELDS: Record<string, Same> = {
  state: equal,
  name: equal,
  func_or_class_name: equal,
  type: equal,
  job_id: equal,
  actor_id: equal,
  node_id: equal,
  worker_id: equal,
  worker_pid: equal,
  error_type: equal,
  error_message: equal,
  parent_task_id: equal,
  placement_group_id: equal,
  language: equal,
  required_resources: equal,
  creation_time_ms: within(1),
  start_time_ms: within(1),
  end_time_ms: within(1),
  events: sameTransitions,
  task_log_info: equal,
  call_site: equal,
  label_selector: equal,
};

type Transition = { state: string; created_ms: number };

/**
 * The same states in the same order, each within a millisecond: the live API reads the GCS's
 * copy of a transition, whose clock reading can fall into the millisecond before the event's.
 */
function sameTransitions(ours: unknown, ray: unknown): boolean {
  const a = ours as Transition[] | undefined;
  const b = ray as Transition[];
  return (
    Array.isArray(a) &&
    a.length === b.length &&
    a.every((t, i) => t.state === b[i]!.state && Math.abs(t.created_ms - b[i]!.created_ms) <= 1)
  );
}

const attemptKey = (r: Row) => `${r.task_id}#${r.attempt_number}`;

function stateCounts(rows: Row[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.state] = (counts[r.state] ?? 0) + 1;
  return counts;
}

export async function compareTasks(c: Comparison): Promise<void> {
  for (const answer of c.truth.latestPerUrl(
    (a) => a.pathname === '/api/v0/tasks' && a.query.get('detail') === '1',
  )) {
    const ray = c.truth.json<StateApi<Row[]>>(answer).data.result;
    const ours = (await ourJson<StateApi<Row[]>>(c, answer)).data.result;
    const category = tasksCategory(answer.query);
    c.tally.check(category, answer.url, 'total', ours.total, ray.total);
    c.tally.check(
      category,
      answer.url,
      'per-state counts',
      stateCounts(ours.result),
      stateCounts(ray.result),
    );
    const byAttempt = new Map(ours.result.map((r) => [attemptKey(r), r]));
    c.tally.sameKeys(
      category,
      '(task_id, attempt_number)',
      byAttempt.keys(),
      ray.result.map(attemptKey),
    );
    for (const row of ray.result) {
      c.tally.fields(category, attemptKey(row), byAttempt.get(attemptKey(row)), row, TASK_FIELDS);
    }
  }
}

/** The category name says whether driver tasks were asked for. */
function tasksCategory(query: URLSearchParams): string {
  return query.get('exclude_driver') === 'false' ? 'tasks incl. drivers' : 'tasks';
}

export async function compareTaskSummary(c: Comparison): Promise<void> {
  for (const answer of c.truth.latestPerUrl(
    (a) => a.pathname === '/api/v0/tasks/summarize' && a.query.get('summary_by') === 'func_name',
  )) {
    const summaryOf = (
      body: StateApi<{ node_id_to_summary: { cluster: { summary: FuncSummary } } }>,
    ) => body.data.result.result.node_id_to_summary.cluster.summary;
    const ray = summaryOf(c.truth.json(answer));
    const ours = summaryOf(await ourJson(c, answer));
    c.tally.sameKeys('task summary', 'keys', Object.keys(ours), Object.keys(ray));
    for (const [key, group] of Object.entries(ray)) {
      c.tally.fields('task summary', key, ours[key], group, {
        func_or_class_name: equal,
        type: equal,
        state_counts: equal,
      });
    }
  }
}
