// Where a login returns to: the exact page (path, query, hash) the user asked for. It travels in
// the OIDC `state` and is checked on the way back, so a forged state cannot send anyone off-site.

export interface PageLocation {
  pathname: string;
  search: string;
  hash: string;
}

export function callbackPath(basePath: string): string {
  return `${basePath}/auth/callback`;
}

export function appRoot(basePath: string): string {
  return `${basePath}/`;
}

/** The page to come back to after logging in from `location`. */
export function returnToOf(location: PageLocation, basePath: string): string {
  if (location.pathname === callbackPath(basePath)) return appRoot(basePath);
  return `${location.pathname}${location.search}${location.hash}`;
}

/**
 * `value` when it is a path of this app on this origin (not the callback page itself), else the
 * app's root. `origin` is only the resolution base: absolute and protocol-relative URLs fail.
 */
export function safeReturnTo(value: unknown, basePath: string, origin: string): string {
  const fallback = appRoot(basePath);
  if (typeof value !== 'string' || !value.startsWith('/') || /^\/[/\\]/.test(value)) {
    return fallback;
  }
  // Control characters and backslashes have no place in a path we built ourselves.
  if ([...value].some((ch) => ch < ' ' || ch === '\\')) return fallback;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== origin) return fallback;
  const inApp = basePath === '' || url.pathname === basePath || url.pathname.startsWith(fallback);
  if (!inApp || url.pathname === callbackPath(basePath)) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The OIDC `state` of a callback URL (code or error response), if any. */
export function stateOfCallback(href: string): string | null {
  return new URL(href).searchParams.get('state');
}
