import type { SessionInfo, SessionScope } from '../../contract/api.ts';
import { sessionKindOr400 } from './query-params.ts';
import { badRequest } from './errors.ts';

// The upstream KubeRay cookie scheme: /enter_cluster sets these, root-level Ray paths read them.

export const SESSION_COOKIES = {
  clusterName: 'cluster_name',
  namespace: 'cluster_namespace',
  sessionName: 'session_name',
  ownerKind: 'owner_kind',
  ownerName: 'owner_name',
} as const;

export const NO_SESSION_MESSAGE =
  'No session selected: open /enter_cluster/{namespace}/{kind}/{name}[/{session}] first, ' +
  'or use /api/c/{namespace}/{kind}/{name}/{session}/...';

/** The scope named by the cookies; 400 when they do not name one. */
export function scopeFromCookies(jar: Record<string, string | undefined>): SessionScope {
  const cookie = (name: string) => ownCookie(jar, name);
  const namespace = cookie(SESSION_COOKIES.namespace);
  const kind = sessionKindOr400(
    cookie(SESSION_COOKIES.ownerKind) || 'raycluster',
    'owner_kind cookie',
  );
  // Older upstream versions set only cluster_name: that is the owner of a raycluster.
  const name =
    cookie(SESSION_COOKIES.ownerName) ||
    (kind === 'raycluster' ? cookie(SESSION_COOKIES.clusterName) : undefined);
  if (!namespace || !name) throw badRequest(NO_SESSION_MESSAGE);
  return { namespace, kind, name, session: cookie(SESSION_COOKIES.sessionName) || 'latest' };
}

/** A cookie the request sent: the parsed jar's own keys only (cookie names are client-written). */
export function ownCookie(
  jar: Record<string, string | undefined>,
  name: string,
): string | undefined {
  return Object.hasOwn(jar, name) ? jar[name] : undefined;
}

/** Cookie values that select one resolved session. */
export function sessionCookieValues(session: SessionInfo): Record<string, string> {
  return {
    [SESSION_COOKIES.clusterName]: session.clusterName,
    [SESSION_COOKIES.namespace]: session.namespace,
    [SESSION_COOKIES.sessionName]: session.sessionName,
    [SESSION_COOKIES.ownerKind]: session.kind,
    [SESSION_COOKIES.ownerName]: session.name,
  };
}
