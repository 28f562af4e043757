// The conversation between an embedded dashboard and the page that frames it (docs/embedding.md).
// Only exact origins from the server's configuration are trusted, never '*'.

export const TOKEN_MESSAGE = 'ray-history:token';
export const TOKEN_REQUEST_MESSAGE = 'ray-history:token-request';
export const ROUTE_MESSAGE = 'ray-history:route';

/** Parent → dashboard: an access token the parent obtained for the user. */
export interface TokenMessage {
  type: typeof TOKEN_MESSAGE;
  accessToken: string;
  /** Unix milliseconds; the dashboard asks again (token-request) before then. */
  expiresAt: number;
}

/** Dashboard → parent: the page shown in the frame changed. */
export interface RouteMessage {
  type: typeof ROUTE_MESSAGE;
  path: string;
  search: string;
  hash: string;
}

export interface TokenRequestMessage {
  type: typeof TOKEN_REQUEST_MESSAGE;
}

/** True inside a frame; a cross-origin parent throws on access, which also means framed. */
export function isFramed(win: Window = window): boolean {
  try {
    return win.top !== win.self;
  } catch {
    return true;
  }
}

/** Keeps only well-formed exact origins (scheme://host[:port]); '*' and patterns never pass. */
export function trustedOrigins(configured: readonly string[] | undefined): string[] {
  const origins = new Set<string>();
  for (const value of configured ?? []) {
    if (value.includes('*')) continue;
    try {
      const url = new URL(value);
      if ((url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value) {
        origins.add(url.origin);
      }
    } catch {
      // Not a URL (e.g. '*' or 'self'): never a postMessage partner.
    }
  }
  return [...origins];
}

/** The token carried by `event` when it comes from our parent, from a trusted origin, well formed. */
export function tokenFromMessage(
  event: MessageEvent,
  parent: Window | null,
  origins: readonly string[],
  now = Date.now(),
): TokenMessage | null {
  if (parent === null || event.source !== parent) return null;
  if (!origins.includes(event.origin)) return null;
  const data: unknown = event.data;
  if (typeof data !== 'object' || data === null) return null;
  const { type, accessToken, expiresAt } = data as Record<string, unknown>;
  if (type !== TOKEN_MESSAGE) return null;
  if (typeof accessToken !== 'string' || accessToken === '' || /\s/.test(accessToken)) return null;
  if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt) || expiresAt <= now) return null;
  return { type, accessToken, expiresAt };
}

/**
 * Posts to the parent once per trusted origin: the browser delivers only where the origin
 * matches the parent's, so the message never reaches anyone else.
 */
export function postToParent(
  message: RouteMessage | TokenRequestMessage,
  origins: readonly string[],
  win: Window = window,
): void {
  if (!isFramed(win)) return;
  for (const origin of origins) win.parent.postMessage(message, origin);
}

export function routeMessage(location: { pathname: string; search: string; hash: string }) {
  return {
    type: ROUTE_MESSAGE,
    path: location.pathname,
    search: location.search,
    hash: location.hash,
  } satisfies RouteMessage;
}
