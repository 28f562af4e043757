import { createContext, useContext } from 'react';
import type { AuthMode } from '../../contract/api';
import type { SignedInUser } from './auth-state';

export interface AuthInfo {
  mode: AuthMode;
  user: SignedInUser | null;
  /** Null in mode none: there is nothing to sign out of. */
  signOut: (() => void) | null;
}

export const AuthContext = createContext<AuthInfo>({ mode: 'none', user: null, signOut: null });

export function useAuth(): AuthInfo {
  return useContext(AuthContext);
}
