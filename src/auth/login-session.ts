import type { ReactNode } from 'react';
import type { ApiAuth } from '../lib/api-client';
import type { PublicConfig } from '../../contract/api';
import type { AuthController, AuthView } from './auth-state';

// A login mode, ready to run: its controller and how it asks for credentials.

export interface LoginSession {
  controller: AuthController;
  /** The dialog for a 'sign-in' view. */
  signInDialog: (view: Extract<AuthView, { status: 'sign-in' }>) => ReactNode;
}

/** The API client's view of a controller. */
export function apiAuthOf(controller: AuthController): ApiAuth {
  return {
    authorization: () => controller.authorization(),
    recover: () => controller.recover(),
    forbidden: (error) => controller.forbidden(error.message),
  };
}

export async function createLoginSession(config: PublicConfig): Promise<LoginSession> {
  if (config.auth.mode === 'token') {
    const { createTokenSession } = await import('./token/token-session');
    return createTokenSession();
  }
  // oidc-client-ts is only downloaded by deployments that use it.
  const { createOidcSession } = await import('./oidc/oidc-session');
  return createOidcSession(config);
}
