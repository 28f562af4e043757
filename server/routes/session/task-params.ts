import { RAY_TASK_FIELDS, type RayTaskField } from '../../../contract/ray.ts';
import { badRequest } from '../../http/errors.ts';
import { oneOf, positiveInt, single, type RawQuery } from '../../http/query-params.ts';
import {
  TASK_FILTER_KEYS,
  TASK_SORT_KEYS,
  type TaskFilter,
  type TaskFilterKey,
  type TaskQuery,
} from '../../history/events/index.ts';

// `/api/v0/tasks` query parameters (Ray's, plus offset/sort_by/order) read into a TaskQuery.

export const DEFAULT_TASK_LIMIT = 100;
/** Ray's own cap per request; `offset` pages past it. */
export const MAX_TASK_LIMIT = 10_000;

const PREDICATES = ['=', '!='] as const;
/** Each filter is a pass over every attempt: a request may not multiply that without bound. */
export const MAX_TASK_FILTERS = 50;

/** Every value of a parameter that may repeat (`?filter_keys=a&filter_keys=b`). */
function repeated(query: RawQuery, name: string): string[] {
  const value = query[name];
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.map(String);
  return [String(value)];
}

/** Ray's query booleans: 1/0 or true/false, any case. */
export function flag(query: RawQuery, name: string, fallback: boolean): boolean {
  const value = single(query, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  throw badRequest(`${name} must be true or false (1 or 0)`);
}

function taskFilters(query: RawQuery): TaskFilter[] {
  const keys = repeated(query, 'filter_keys');
  const predicates = repeated(query, 'filter_predicates');
  const values = repeated(query, 'filter_values');
  if (keys.length !== predicates.length || keys.length !== values.length)
    throw badRequest(
      `filter_keys, filter_predicates and filter_values must come in equal numbers (got ${keys.length}, ${predicates.length}, ${values.length})`,
    );
  if (keys.length > MAX_TASK_FILTERS)
    throw badRequest(
      `at most ${MAX_TASK_FILTERS} filters (filter_keys) per request, got ${keys.length}`,
    );
  return keys.map((key, i) => {
    if (!(TASK_FILTER_KEYS as readonly string[]).includes(key))
      throw badRequest(`filter_keys: ${key} is not one of ${TASK_FILTER_KEYS.join(', ')}`);
    const predicate = predicates[i]!;
    if (!(PREDICATES as readonly string[]).includes(predicate))
      throw badRequest(`filter_predicates: ${predicate} is not one of ${PREDICATES.join(', ')}`);
    return {
      key: key as TaskFilterKey,
      predicate: predicate as TaskFilter['predicate'],
      value: values[i]!,
    };
  });
}

/** `columns=a,b,…` (our addition): only these fields of each attempt, in Ray's order. */
function taskColumns(query: RawQuery): RayTaskField[] | undefined {
  const value = single(query, 'columns');
  if (value === undefined) return undefined;
  const names = value.split(',').map((name) => name.trim());
  for (const name of names)
    if (!(RAY_TASK_FIELDS as readonly string[]).includes(name))
      throw badRequest(
        name === ''
          ? 'columns: an empty name (columns is a comma-separated list of task fields)'
          : `columns: ${name} is not a task field (one of ${RAY_TASK_FIELDS.join(', ')})`,
      );
  return names as RayTaskField[];
}

export function taskQueryOf(query: RawQuery): TaskQuery {
  return {
    detail: flag(query, 'detail', false),
    limit: positiveInt(query, 'limit', { min: 1, max: MAX_TASK_LIMIT }) ?? DEFAULT_TASK_LIMIT,
    offset: positiveInt(query, 'offset', { min: 0 }) ?? 0,
    filters: taskFilters(query),
    excludeDriver: flag(query, 'exclude_driver', true),
    sortBy: oneOf(query, 'sort_by', TASK_SORT_KEYS),
    order: oneOf(query, 'order', ['asc', 'desc'] as const) ?? 'asc',
    columns: taskColumns(query),
  };
}
