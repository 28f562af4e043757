import { InMemoryWebStorage, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { PublicConfig } from '../../../contract/api';

// One UserManager per page: authorization code + PKCE, tokens and login state in sessionStorage
// (gone with the tab, never in localStorage), renewal with refresh tokens only.

export type OidcSettings = NonNullable<PublicConfig['auth']['oidc']>;

/**
 * The tab's sessionStorage, or memory where the browser denies storage (a frame on another site
 * with third-party storage blocked): the login then lasts as long as the page.
 */
export function loginStorage(win: Window = window): Storage {
  try {
    const storage = win.sessionStorage;
    storage.getItem('ray-history:probe');
    return storage;
  } catch {
    return new InMemoryWebStorage();
  }
}

export function createUserManager(
  oidc: OidcSettings,
  basePath: string,
  storage: Storage,
  origin = window.location.origin,
): UserManager {
  const store = new WebStorageStateStore({ store: storage });
  // The app's root next to the registered callback: `<public URL>/` for `<public URL>/auth/callback`.
  const appRootUrl = new URL(`${basePath}/`, new URL(oidc.redirectUri, origin)).href;
  return new UserManager({
    authority: oidc.issuer,
    client_id: oidc.clientId,
    redirect_uri: oidc.redirectUri,
    popup_redirect_uri: oidc.redirectUri,
    post_logout_redirect_uri: appRootUrl,
    scope: oidc.scope,
    response_type: 'code',
    userStore: store,
    stateStore: store,
    automaticSilentRenew: true,
    // No silent_redirect_uri: renewal uses the refresh token, never a hidden iframe.
    monitorSession: false,
    loadUserInfo: false,
    // Confidential clients: the server adds the client secret, so code exchange and refresh go
    // through it instead of the provider's own token endpoint.
    ...(oidc.tokenProxy && {
      metadataSeed: { token_endpoint: new URL(oidc.tokenProxy, origin).href },
    }),
  });
}

/**
 * Which flow a callback URL answers: a redirect stored its state in this tab. Anything else is
 * treated as a popup: its state lives with the opener, which is told through window.opener or,
 * when the opener was severed (COOP on the way back), through a BroadcastChannel.
 */
export async function callbackFlow(
  manager: UserManager,
  state: string | null,
): Promise<'redirect' | 'popup'> {
  const stored = state ? await manager.settings.stateStore.get(state) : null;
  if (!stored) return 'popup';
  try {
    const parsed = JSON.parse(stored) as { request_type?: unknown };
    return parsed.request_type === 'si:r' ? 'redirect' : 'popup';
  } catch {
    return 'popup';
  }
}
