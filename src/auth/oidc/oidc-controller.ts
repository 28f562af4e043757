import type { User, UserManager } from 'oidc-client-ts';
import { ViewStore } from '../auth-state';
import type { AuthController, AuthView } from '../auth-state';
import { ParentTokenSource } from '../embedding/parent-token-source';
import { askWhoAmI } from '../me';
import { callbackPath, returnToOf, safeReturnTo, stateOfCallback } from './return-to';
import { callbackFlow } from './user-manager';

// OIDC login: redirect at the top level, popup (or a token from the parent page) inside a frame.
// Plain TypeScript so the flow is testable without React; the components only render `view()`.

/** Set on sign-out so the next page load offers "Sign in" instead of bouncing to the provider. */
export const SIGNED_OUT_KEY = 'ray-history:signed-out';
const PARENT_TOKEN_WAIT_MS = 3000;

interface ReturnState {
  returnTo: string;
}

function returnToFromState(state: unknown): unknown {
  return typeof state === 'object' && state !== null
    ? (state as Partial<ReturnState>).returnTo
    : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : 'The login did not complete.';
}

export interface OidcControllerOptions {
  manager: UserManager;
  basePath: string;
  /** Inside an iframe: no top-level redirects (the provider would refuse to be framed). */
  framed: boolean;
  /** Exact parent origins that may hand over tokens (empty: none). */
  parentOrigins: readonly string[];
  /** Where the UserManager keeps its state too (see loginStorage). */
  storage: Storage;
  win?: Window;
}

export class OidcController implements AuthController {
  private readonly store = new ViewStore();
  private readonly manager: UserManager;
  private readonly basePath: string;
  private readonly framed: boolean;
  private readonly win: Window;
  private readonly storage: Storage;
  private readonly parent: ParentTokenSource | null;
  private user: User | null = null;
  private recovering: Promise<boolean> | null = null;
  private readonly resumeWaiters = new Set<(ok: boolean) => void>();

  constructor(options: OidcControllerOptions) {
    this.manager = options.manager;
    this.basePath = options.basePath;
    this.framed = options.framed;
    this.win = options.win ?? window;
    this.storage = options.storage;
    this.parent =
      this.framed && options.parentOrigins.length > 0
        ? new ParentTokenSource(options.parentOrigins, this.win)
        : null;
  }

  view = (): AuthView => this.store.get();
  subscribe = (listener: () => void) => this.store.subscribe(listener);

  async start(): Promise<void> {
    // Renewal (refresh token) swaps the user underneath; keep the newest.
    this.manager.events.addUserLoaded((user) => {
      // A renewal still in flight when the user signed out lands afterwards: it must not put
      // their tokens back in storage (signIn() clears the mark before any new login).
      if (this.signedOut()) {
        void this.manager.removeUser();
        return;
      }
      this.user = user;
    });
    this.manager.events.addUserUnloaded(() => {
      this.user = null;
    });
    if (this.win.location.pathname === callbackPath(this.basePath)) {
      await this.completeCallback();
      return;
    }
    if (this.parent) {
      this.parent.listen();
      this.parent.onToken(() => void this.signedIn(false));
    }
    const stored = await this.manager.getUser();
    if (stored && !stored.expired) {
      this.user = stored;
      await this.signedIn(false);
      return;
    }
    if (stored?.refresh_token && (await this.refresh())) {
      await this.signedIn(false);
      return;
    }
    if (this.parent && (await this.parent.request(PARENT_TOKEN_WAIT_MS))) return;
    this.askToSignIn(false, null);
  }

  async authorization(): Promise<string | null> {
    const parent = this.parent;
    if (parent?.used && !this.user) {
      // The parent's token is about to expire: ask for the next one before sending.
      const handedOver = parent.current() ?? (await parent.request(PARENT_TOKEN_WAIT_MS));
      if (handedOver) return `Bearer ${handedOver}`;
    }
    return this.user ? `Bearer ${this.user.access_token}` : null;
  }

  /** One renewal at a time, however many requests failed together. */
  recover(): Promise<boolean> {
    this.recovering ??= this.renewOrSignIn().finally(() => {
      this.recovering = null;
    });
    return this.recovering;
  }

  forbidden(message: string): void {
    this.store.set({ status: 'forbidden', message });
  }

  /** From a click: popups need the user's gesture, so nothing may be awaited before opening. */
  signIn(): void {
    this.storage.removeItem(SIGNED_OUT_KEY);
    if (!this.framed) {
      void this.redirectToLogin();
      return;
    }
    this.manager.signinPopup().then(
      (user) => {
        this.user = user;
        void this.signedIn(true);
      },
      (error: unknown) => this.askToSignIn(this.resumeWaiters.size > 0, messageOf(error)),
    );
  }

  async signOut(): Promise<void> {
    this.storage.setItem(SIGNED_OUT_KEY, '1');
    const endSession = await this.manager.metadataService
      .getEndSessionEndpoint()
      .catch(() => undefined);
    if (endSession && !this.framed && this.user) {
      this.store.set({ status: 'redirecting' });
      await this.manager.signoutRedirect();
      return;
    }
    await this.manager.removeUser();
    this.user = null;
    this.store.set({ status: 'sign-in', resume: false, problem: null, signedOut: true });
  }

  private async completeCallback(): Promise<void> {
    const href = this.win.location.href;
    // The code and state leave the address bar (and the history) before anything else happens.
    this.win.history.replaceState(null, '', callbackPath(this.basePath));
    const flow = await callbackFlow(this.manager, stateOfCallback(href));
    if (flow === 'popup') {
      try {
        await this.manager.signinPopupCallback(href);
        this.store.set({ status: 'popup-done' });
      } catch (error) {
        this.store.set({ status: 'failed', message: messageOf(error) });
      }
      return;
    }
    let user: User;
    try {
      user = await this.manager.signinRedirectCallback(href);
    } catch (error) {
      this.store.set({ status: 'failed', message: messageOf(error) });
      return;
    }
    const returnTo = safeReturnTo(
      returnToFromState(user.state),
      this.basePath,
      this.win.location.origin,
    );
    this.win.history.replaceState(null, '', returnTo);
    this.user = user;
    await this.signedIn(true);
  }

  private async refresh(): Promise<boolean> {
    if (!this.user?.refresh_token && !(await this.manager.getUser())?.refresh_token) return false;
    try {
      const user = await this.manager.signinSilent();
      if (this.signedOut()) return false; // Signed out while it was in flight (see start()).
      this.user = user;
      return this.user !== null;
    } catch {
      return false;
    }
  }

  private async renewOrSignIn(): Promise<boolean> {
    // Credentials that came from the parent page are renewed by the parent page.
    if (this.parent && !this.user && (await this.parent.request(PARENT_TOKEN_WAIT_MS))) return true;
    if (await this.refresh()) return true;
    if (!this.framed) {
      await this.redirectToLogin();
      // The page is leaving for the provider; this request never completes here.
      return new Promise<boolean>(() => undefined);
    }
    return new Promise<boolean>((resolve) => {
      this.resumeWaiters.add(resolve);
      this.askToSignIn(true, 'Your session has ended. Sign in again to continue.');
    });
  }

  private async redirectToLogin(): Promise<void> {
    this.store.set({ status: 'redirecting' });
    const state: ReturnState = { returnTo: returnToOf(this.win.location, this.basePath) };
    try {
      await this.manager.signinRedirect({ state });
    } catch (error) {
      this.store.set({ status: 'failed', message: messageOf(error) });
    }
  }

  /** InMemoryWebStorage answers undefined, not null, for a missing key. */
  private signedOut(): boolean {
    return Boolean(this.storage.getItem(SIGNED_OUT_KEY));
  }

  private askToSignIn(resume: boolean, problem: string | null): void {
    if (!this.framed && !resume && !this.signedOut()) {
      void this.redirectToLogin();
      return;
    }
    this.store.set({ status: 'sign-in', resume, problem, signedOut: this.signedOut() });
  }

  /** Credentials in hand: ask the server who that is (and whether it lets them in). */
  private async signedIn(fresh: boolean): Promise<void> {
    const authorization = await this.authorization();
    const answer = await askWhoAmI(authorization ?? '');
    if (answer.kind === 'forbidden') {
      this.forbidden(answer.message);
      return;
    }
    if (answer.kind === 'unauthorized') {
      if (fresh) {
        // Never loop through the provider when the server refuses what it just issued.
        this.store.set({ status: 'failed', message: answer.message });
        return;
      }
      await this.manager.removeUser();
      this.user = null;
      this.askToSignIn(this.resumeWaiters.size > 0, null);
      return;
    }
    const profile = this.user?.profile;
    const fallbackName = profile?.name ?? profile?.preferred_username ?? profile?.sub ?? null;
    const user = answer.kind === 'ok' && answer.user ? answer.user : null;
    const name = user?.name ?? fallbackName;
    this.store.set({ status: 'ready', user: name ? { name } : null });
    for (const resolve of this.resumeWaiters) resolve(true);
    this.resumeWaiters.clear();
  }
}
