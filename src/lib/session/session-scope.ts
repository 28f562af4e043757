import { useMatch } from 'react-router';
import { isDnsName, isSessionKind, parseSessionName } from '../../../contract/session-names';
import type { SessionScope } from '../../../contract/api';

// Every /c/... URL names a session; the params are checked here once, and pages trust the result.

export function isSessionName(value: string): boolean {
  return value === 'latest' || value === 'live' || parseSessionName(value) !== null;
}

/** The scope named by route params, or null when any part is not a valid name. */
export function scopeFromParams(params: Record<string, string | undefined>): SessionScope | null {
  const { namespace, kind, name, session } = params;
  if (!namespace || !kind || !name || !session) return null;
  if (!isSessionKind(kind) || !isDnsName(namespace) || !isDnsName(name)) return null;
  if (!isSessionName(session)) return null;
  return { namespace, kind, name, session };
}

const SCOPED_URL = '/c/:namespace/:kind/:name/:session/*';

/** The session the current URL is inside, or null outside /c/... (or when the URL is invalid). */
export function useCurrentSessionScope(): SessionScope | null {
  const match = useMatch(SCOPED_URL);
  return match ? scopeFromParams(match.params) : null;
}
