import type { SessionKind } from '../../../contract/api';
import { isSessionKind } from '../../../contract/session-names';
import type { UrlStateValues } from '../../lib/url-state';

// The sessions list's filters and page live in the query string (useUrlState); this says which
// keys they are and reads them, trusting none of them.

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

/** Every filter emptied (the page goes back to 1 with them); the page size stays. */
export const NO_FILTERS = Object.fromEntries(FILTER_NAMES.map((name) => [name, ''])) as Record<
  FilterName,
  ''
>;

/** The list's query-string keys and their defaults. */
export const SESSIONS_URL_STATE = {
  ...NO_FILTERS,
  page: '1',
  pageSize: String(DEFAULT_PAGE_SIZE),
};

export interface SessionsListState extends SessionFilters {
  page: number;
  pageSize: number;
}

function positiveInt(text: string, fallback: number, max = Number.MAX_SAFE_INTEGER) {
  if (!text || !/^\d+$/.test(text)) return fallback;
  const n = Number(text);
  return n >= 1 ? Math.min(n, max) : fallback;
}

/** The list state in the URL's values; values that do not parse are ignored, not trusted. */
export function listStateFrom(
  values: UrlStateValues<typeof SESSIONS_URL_STATE>,
): SessionsListState {
  return {
    namespace: values.namespace.trim(),
    kind: isSessionKind(values.kind) ? values.kind : '',
    owner: values.owner.trim(),
    q: values.q.trim(),
    from: DATE.test(values.from) ? values.from : '',
    to: DATE.test(values.to) ? values.to : '',
    page: positiveInt(values.page, 1),
    pageSize: positiveInt(values.pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
  };
}

export function hasFilters(state: SessionFilters): boolean {
  return FILTER_NAMES.some((name) => state[name] !== '');
}
