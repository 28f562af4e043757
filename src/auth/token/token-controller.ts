import { apiFetch, isApiError } from '../../lib/api-client';
import { ViewStore } from '../auth-state';
import type { AuthController, AuthView } from '../auth-state';
import { askWhoAmI } from '../me';

// Token mode (like Ray's own token authentication): the shared token is typed once, traded for an
// HttpOnly cookie by POST /api/authenticate, and never kept by the page.

export const AUTHENTICATE_PATH = '/api/authenticate';
export const LOGOUT_PATH = '/api/logout';

export class TokenController implements AuthController {
  private readonly store = new ViewStore();
  private readonly resumeWaiters = new Set<(ok: boolean) => void>();

  view = (): AuthView => this.store.get();
  subscribe = (listener: () => void) => this.store.subscribe(listener);

  async start(): Promise<void> {
    await this.checkCookie(false);
  }

  /** The cookie carries the session: no header. */
  authorization(): Promise<string | null> {
    return Promise.resolve(null);
  }

  /** A 401 mid-session: the dialog opens over the page and the request waits for it. */
  recover(): Promise<boolean> {
    return new Promise((resolve) => {
      this.resumeWaiters.add(resolve);
      this.store.set({ status: 'sign-in', resume: true, problem: null, signedOut: false });
    });
  }

  forbidden(message: string): void {
    this.store.set({ status: 'forbidden', message });
  }

  /** Trades the typed token for the session cookie; throws the server's message when refused. */
  async submit(token: string): Promise<void> {
    const trimmed = token.trim();
    if (!trimmed) throw new Error('Enter the token.');
    try {
      await apiFetch(AUTHENTICATE_PATH, { method: 'POST', authorization: `Bearer ${trimmed}` });
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        throw new Error('That token was not accepted. Check it and try again.', { cause: error });
      }
      throw error;
    }
    await this.checkCookie(true);
  }

  async signOut(): Promise<void> {
    await apiFetch(LOGOUT_PATH, { method: 'POST', authorization: '' }).catch(() => undefined);
    this.store.set({ status: 'sign-in', resume: false, problem: null, signedOut: true });
  }

  private async checkCookie(justAuthenticated: boolean): Promise<void> {
    const answer = await askWhoAmI('');
    if (answer.kind === 'forbidden') {
      this.forbidden(answer.message);
      return;
    }
    if (answer.kind === 'unauthorized') {
      const resume = this.resumeWaiters.size > 0;
      const problem = justAuthenticated
        ? 'The token was accepted but the browser did not keep the session cookie (third-party cookies blocked?).'
        : null;
      this.store.set({ status: 'sign-in', resume, problem, signedOut: false });
      return;
    }
    this.store.set({ status: 'ready', user: answer.kind === 'ok' ? answer.user : null });
    for (const resolve of this.resumeWaiters) resolve(true);
    this.resumeWaiters.clear();
  }
}
