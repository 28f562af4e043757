import type { SessionKind } from '../../../contract/api';
import { isSessionKind } from '../../../contract/session-names';
import { chromeParamsOf } from '../../app/embed';

// The sessions list's filters and page live in the query string; this reads and edits them.

export const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 200;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface SessionFilters {
  namespace: string;
  kind: SessionKind | '';
  owner: string;
  /** Name search text. */
  q: string;
  /** Inclusive start day, YYYY-MM-DD (UTC). */
  from: string;
  /** Inclusive end day, YYYY-MM-DD (UTC). */
  to: string;
}

export type FilterName = keyof SessionFilters;
export const FILTER_NAMES: FilterName[] = ['namespace', 'kind', 'owner', 'q', 'from', 'to'];

export interface SessionsListState extends SessionFilters {
  page: number;
  pageSize: number;
}

function positiveInt(text: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER) {
  if (!text || !/^\d+$/.test(text)) return fallback;
  const n = Number(text);
  return n >= 1 ? Math.min(n, max) : fallback;
}

/** Reads the list state from the URL; values that do not parse are ignored, not trusted. */
export function listStateFromSearch(search: URLSearchParams): SessionsListState {
  const kind = search.get('kind') ?? '';
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';
  return {
    namespace: search.get('namespace')?.trim() ?? '',
    kind: isSessionKind(kind) ? kind : '',
    owner: search.get('owner')?.trim() ?? '',
    q: search.get('q')?.trim() ?? '',
    from: DATE.test(from) ? from : '',
    to: DATE.test(to) ? to : '',
    page: positiveInt(search.get('page'), 1),
    pageSize: positiveInt(search.get('pageSize'), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
  };
}

/** A new query string with one filter changed; any change of filter goes back to page 1. */
export function withFilter(search: URLSearchParams, name: FilterName, value: string) {
  const next = new URLSearchParams(search);
  const trimmed = value.trim();
  if (trimmed) next.set(name, trimmed);
  else next.delete(name);
  next.delete('page');
  return next;
}

export function withPage(search: URLSearchParams, page: number) {
  const next = new URLSearchParams(search);
  if (page > 1) next.set('page', String(page));
  else next.delete('page');
  return next;
}

/** No filters and page 1; keeps embed/theme and the page size. */
export function withoutFilters(search: URLSearchParams) {
  const next = chromeParamsOf(search);
  const pageSize = search.get('pageSize');
  if (pageSize) next.set('pageSize', pageSize);
  return next;
}

export function hasFilters(state: SessionFilters): boolean {
  return FILTER_NAMES.some((name) => state[name] !== '');
}
