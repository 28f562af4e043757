import type { AuthConfig } from '../config/auth.ts';

// Namespace rules: ALLOWED_NAMESPACES for everyone, NAMESPACE_RULES per user (its list replaces
// the global one for that user). Lists filter the sessions a user sees; a URL naming a session
// in another namespace answers 403.

export type NamespaceFilter = (namespace: string) => boolean;

export const ALL_NAMESPACES: NamespaceFilter = () => true;

export function namespaceFilter(auth: AuthConfig, userId: string | null): NamespaceFilter {
  const own = userId === null ? undefined : auth.namespaceRules.get(userId);
  const list = own ?? auth.allowedNamespaces;
  if (list.length === 0 || list.includes('*')) return ALL_NAMESPACES;
  const allowed = new Set(list);
  return (namespace) => allowed.has(namespace);
}

export function namespaceDeniedMessage(namespace: string, userId: string | null): string {
  const who = userId === null ? 'this dashboard' : `user ${userId}`;
  return `Namespace ${namespace} is not open to ${who} (ALLOWED_NAMESPACES / NAMESPACE_RULES)`;
}
