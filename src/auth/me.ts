import { apiGet, isApiError } from '../lib/api-client';
import type { SignedInUser } from './auth-state';

// GET /api/auth/me: who the server thinks is signed in (and whether it lets them in at all).

export const ME_PATH = '/api/auth/me';

interface MeResponse {
  mode: string;
  user: { id: string; name?: string | null } | null;
}

export type MeAnswer =
  | { kind: 'ok'; user: SignedInUser | null }
  | { kind: 'unauthorized'; message: string }
  | { kind: 'forbidden'; message: string }
  | { kind: 'unknown' };

/** Asks with exactly these credentials ('' = the cookie only), outside the retry logic. */
export async function askWhoAmI(authorization: string): Promise<MeAnswer> {
  try {
    const me = await apiGet<MeResponse>(ME_PATH, { authorization });
    const user = me.user ? { name: me.user.name || me.user.id } : null;
    return { kind: 'ok', user };
  } catch (error) {
    if (isApiError(error) && error.status === 401)
      return { kind: 'unauthorized', message: error.message };
    if (isApiError(error) && error.status === 403)
      return { kind: 'forbidden', message: error.message };
    // An older server without this endpoint, or a hiccup: the API calls themselves will tell.
    return { kind: 'unknown' };
  }
}
