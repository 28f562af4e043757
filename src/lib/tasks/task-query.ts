import { TASK_TABLE_FIELDS, type NestedTaskSummary } from '../../../contract/ray';

// The tasks list's URL state and how it becomes the server's filter_keys / sort / offset.

export const TASK_PAGE_SIZE = 100;

/** Filter name in the URL → the server's filter key. */
export const TASK_FILTER_KEYS = {
  state: 'state',
  job: 'job_id',
  actor: 'actor_id',
  task: 'task_id',
  name: 'task_name',
  func: 'func_or_class_name',
  node: 'node_id',
  type: 'task_type',
  error: 'error_type',
} as const;

export type TaskFilterName = keyof typeof TASK_FILTER_KEYS;
export type TaskFilters = Record<TaskFilterName, string>;

export const TASK_SORT_FIELDS = [
  'creation_time_ms',
  'start_time_ms',
  'end_time_ms',
  'duration_ms',
  'name',
  'state',
] as const;

export const TASK_URL_STATE = {
  state: '',
  job: '',
  actor: '',
  task: '',
  name: '',
  func: '',
  node: '',
  type: '',
  error: '',
  sort: 'creation_time_ms',
  order: 'asc',
  page: '1',
};

export type TaskUrlState = typeof TASK_URL_STATE;

export function pageNumber(raw: string): number {
  const page = Number(raw);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

/** The query string of `GET /api/v0/tasks` for one page of the filtered, sorted list. */
export function taskListSearch(state: TaskUrlState, pageSize = TASK_PAGE_SIZE): URLSearchParams {
  const search = new URLSearchParams();
  for (const [name, key] of Object.entries(TASK_FILTER_KEYS)) {
    const value = state[name as TaskFilterName].trim();
    if (!value) continue;
    search.append('filter_keys', key);
    search.append('filter_predicates', '=');
    search.append('filter_values', value);
  }
  const sortBy = (TASK_SORT_FIELDS as readonly string[]).includes(state.sort)
    ? state.sort
    : TASK_URL_STATE.sort;
  search.set('sort_by', sortBy);
  search.set('order', state.order === 'desc' ? 'desc' : 'asc');
  search.set('limit', String(pageSize));
  search.set('offset', String((pageNumber(state.page) - 1) * pageSize));
  return search;
}

/**
 * The task table's page: `taskListSearch` asking only for what the table reads, a third of an
 * attempt's bytes (log paths, resources, runtime env and worker ids are for the task's own page;
 * other readers of a list, such as the job page's root cause, ask for whole attempts).
 */
export function taskTableSearch(state: TaskUrlState): URLSearchParams {
  const search = taskListSearch(state);
  search.set('columns', TASK_TABLE_FIELDS.join(','));
  return search;
}

/** The filters a lineage node stands for: a group by its name, a task or actor by its id. */
export function lineageNodeFilter(node: NestedTaskSummary): Partial<TaskFilters> {
  if (node.link?.type === 'actor') return { actor: node.link.id };
  if (node.link?.type === 'task') return { task: node.link.id };
  return { name: node.name };
}

/** Whether any of the user's filters is set (ignoring the ones the page fixes). */
export function hasTaskFilters(state: TaskUrlState, fixed: Partial<TaskFilters> = {}): boolean {
  return (Object.keys(TASK_FILTER_KEYS) as TaskFilterName[]).some(
    (name) => state[name] !== '' && fixed[name] === undefined,
  );
}
