import { useMatch } from 'react-router';
import { isSessionKind } from '../../../contract/paths';
import type { SessionScope } from '../../../contract/api';

// Every /c/... URL names a session; the params are checked here once, and pages trust the result.

const SESSION_NAME = /^session_\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}_\d{6}_\d+$/;
const DNS_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

export function isSessionName(value: string): boolean {
  return value === 'latest' || value === 'live' || SESSION_NAME.test(value);
}

/** The scope named by route params, or null when any part is not a valid name. */
export function scopeFromParams(params: Record<string, string | undefined>): SessionScope | null {
  const { namespace, kind, name, session } = params;
  if (!namespace || !kind || !name || !session) return null;
  if (!isSessionKind(kind) || !DNS_NAME.test(namespace) || !DNS_NAME.test(name)) return null;
  if (!isSessionName(session)) return null;
  return { namespace, kind, name, session };
}

const SCOPED_URL = '/c/:namespace/:kind/:name/:session/*';

/** The session the current URL is inside, or null outside /c/... (or when the URL is invalid). */
export function useCurrentSessionScope(): SessionScope | null {
  const match = useMatch(SCOPED_URL);
  return match ? scopeFromParams(match.params) : null;
}
