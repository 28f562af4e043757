import { SESSION_KINDS, type SessionKind } from '../../contract/api.ts';
import { isSessionKind } from '../../contract/session-names.ts';
import { badRequest } from './errors.ts';

// Validation of query strings at the edge: every message names the parameter it is about.

export type RawQuery = Record<string, unknown>;

/** Throws 400 for any parameter not in `allowed`. */
export function rejectUnknown(query: RawQuery, allowed: readonly string[]): void {
  const unknown = Object.keys(query).filter((name) => !allowed.includes(name));
  if (unknown.length > 0)
    throw badRequest(
      `unknown query parameter${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (allowed: ${allowed.join(', ')})`,
    );
}

/** The parameter's single value, undefined when absent or empty. */
export function single(query: RawQuery, name: string): string | undefined {
  // Query keys are client-written: only the query's own keys count (never Object.prototype's).
  const value = Object.hasOwn(query, name) ? query[name] : undefined;
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest(`${name} must be given once`);
  return value === '' ? undefined : value;
}

export function positiveInt(
  query: RawQuery,
  name: string,
  { min = 1, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {},
): number | undefined {
  const value = single(query, name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    const what = min === 0 ? 'a non-negative integer' : 'a positive integer';
    throw badRequest(
      `${name} must be ${what}${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ''}`,
    );
  }
  return n;
}

/** A session kind named by a client (URL segment or cookie); 400 naming `what` otherwise. */
export function sessionKindOr400(value: string, what: string): SessionKind {
  if (!isSessionKind(value))
    throw badRequest(`${what} must be one of ${SESSION_KINDS.join(', ')} (got ${value})`);
  return value;
}

export function oneOf<T extends string>(
  query: RawQuery,
  name: string,
  values: readonly T[],
): T | undefined {
  const value = single(query, name);
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value))
    throw badRequest(`${name} must be one of ${values.join(', ')}`);
  return value as T;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;
const DAY_MS = 86_400_000;

/**
 * An ISO date or date-time as unix ms. A bare date is a UTC day: as `from` it starts the day,
 * as `to` it includes the whole day. A date-time without an offset is UTC.
 */
export function dateBound(query: RawQuery, name: string, edge: 'from' | 'to'): number | undefined {
  const value = single(query, name);
  if (value === undefined) return undefined;
  const invalid = () =>
    badRequest(`${name} must be an ISO date (2026-01-11) or date-time (2026-01-11T19:38:40Z)`);
  if (DATE_ONLY.test(value)) {
    const ms = Date.parse(`${value}T00:00:00Z`);
    if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) throw invalid();
    return edge === 'from' ? ms : ms + DAY_MS - 1;
  }
  if (!DATE_TIME.test(value)) throw invalid();
  const withZone = /(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`;
  const ms = Date.parse(withZone);
  if (Number.isNaN(ms)) throw invalid();
  return ms;
}
