import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

// Page state that must survive reload, back/forward and a pasted link (filters, sort, page,
// selected tab) lives in the query string; this is the one way views read and write it.

/** Each key's default; a value equal to its default is left out of the URL. */
export type UrlStateSpec = Record<string, string>;

export type UrlStateValues<S extends UrlStateSpec> = { [K in keyof S]: string };

export interface UrlStateUpdateOptions {
  /** Replace the history entry instead of pushing one (for typing). */
  replace?: boolean;
  /** Keep the scroll position (a tab switch inside a long page). */
  preventScrollReset?: boolean;
}

/** The values of `spec`'s keys in `params`, falling back to the defaults. */
export function readUrlState<S extends UrlStateSpec>(
  params: URLSearchParams,
  spec: S,
): UrlStateValues<S> {
  const values = {} as UrlStateValues<S>;
  for (const key of Object.keys(spec) as (keyof S & string)[]) {
    values[key] = params.get(key) ?? spec[key] ?? '';
  }
  return values;
}

/**
 * `params` with `patch` applied: defaults and empty values are removed, other params (embed,
 * theme, ...) are kept, and `page` goes back to the first page whenever anything else changes.
 */
export function applyUrlStatePatch(
  params: URLSearchParams,
  spec: UrlStateSpec,
  patch: Record<string, string | number | null | undefined>,
): URLSearchParams {
  const next = new URLSearchParams(params);
  let otherChanged = false;
  for (const [key, raw] of Object.entries(patch)) {
    const value = raw === null || raw === undefined ? '' : String(raw);
    const current = params.get(key) ?? spec[key] ?? '';
    if (key !== 'page' && value !== current) otherChanged = true;
    if (value === '' || value === spec[key]) next.delete(key);
    else next.set(key, value);
  }
  if (otherChanged && !('page' in patch)) next.delete('page');
  return next;
}

/**
 * Typed query-string state: `[values, update, searchFor]`. `update` resets `page` when a filter
 * changes; `searchFor(patch)` is the `?query` a link to that state carries (e.g. a pager's hrefs).
 */
export function useUrlState<S extends UrlStateSpec>(spec: S) {
  const [params, setParams] = useSearchParams();
  const specKey = JSON.stringify(spec);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- spec is compared by value
  const stableSpec = useMemo(() => spec, [specKey]);
  const values = useMemo(() => readUrlState(params, stableSpec), [params, stableSpec]);
  const update = useCallback(
    (
      patch: Partial<Record<keyof S & string, string | number | null | undefined>>,
      options: UrlStateUpdateOptions = {},
    ) => {
      setParams((current) => applyUrlStatePatch(current, stableSpec, patch), options);
    },
    [setParams, stableSpec],
  );
  const searchFor = useCallback(
    (patch: Partial<Record<keyof S & string, string | number | null | undefined>>) => {
      const query = applyUrlStatePatch(params, stableSpec, patch).toString();
      return query ? `?${query}` : '';
    },
    [params, stableSpec],
  );
  return [values, update, searchFor] as const;
}
