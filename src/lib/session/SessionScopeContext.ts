import { createContext, useContext } from 'react';
import type { SessionScope } from '../../../contract/api';

export const SessionScopeContext = createContext<SessionScope | null>(null);

/** The validated session of the current /c/... page. */
export function useSessionScope(): SessionScope {
  const scope = useContext(SessionScopeContext);
  if (!scope) throw new Error('useSessionScope must be used inside a session route');
  return scope;
}
