import type { ApiErrorBody } from '../../contract/api';
import { withQuery, type QueryValue } from '../../contract/paths';

// The one API client: every request of the SPA goes through apiGet, so base path, headers and
// the error shape live here.

export interface ApiGetOptions {
  signal?: AbortSignal;
  query?: Record<string, QueryValue>;
}

/** An API answer that was not 2xx, carrying the server's own message when it sent one. */
export class ApiError extends Error {
  readonly status: number;
  readonly url: string;

  constructor(status: number, message: string, url: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.url = url;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/**
 * How requests authenticate, installed by the login layer (src/auth) for the mode in force.
 * A getter, not a stored token: the login layer answers with its current credentials each time.
 */
export interface ApiAuth {
  /** The Authorization header value for the next request, or null (cookie or no login). */
  authorization(): string | null | Promise<string | null>;
  /** A 401: resolves true when fresh credentials are in place and the request should be retried once. */
  recover(error: ApiError): Promise<boolean>;
  /** A 403: the signed-in user may not see this. */
  forbidden(error: ApiError): void;
}

let basePath = '';
let apiAuth: ApiAuth | null = null;

/** Prefix for every API URL when the server lives under a sub-path (PublicConfig.basePath). */
export function setApiBasePath(path: string): void {
  basePath = path.replace(/\/+$/, '');
}

/** Installs the login layer's credentials; returns a function that removes them again. */
export function setApiAuth(auth: ApiAuth | null): () => void {
  apiAuth = auth;
  return () => {
    if (apiAuth === auth) apiAuth = null;
  };
}

/** Builds the request URL: base path + path + query, resolved against the page's own address. */
export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  return new URL(withQuery(`${basePath}${path}`, query), window.location.href).toString();
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

async function errorFromResponse(response: Response, url: string): Promise<ApiError> {
  let message = `${response.status} ${response.statusText}`.trim();
  const text = await response.text().catch(() => '');
  if (text) {
    try {
      const body: unknown = JSON.parse(text);
      if (isErrorBody(body)) message = body.message;
    } catch {
      // A proxy's HTML or plain-text error page: keep the status line, never render the body.
    }
  }
  return new ApiError(response.status, message, url);
}

export interface ApiFetchOptions extends ApiGetOptions {
  /** The Accept header; JSON unless the caller streams text or NDJSON. */
  accept?: string;
  /** GET unless the caller logs in or out (the only non-GET calls of this read-only app). */
  method?: 'GET' | 'POST';
  /**
   * Explicit credentials ('' for none: the cookie alone); the login layer then stays out of the
   * request (its own calls: log in, log out, who am I).
   */
  authorization?: string;
}

async function send(url: string, options: ApiFetchOptions, auth: ApiAuth | null) {
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json' };
  const authorization = options.authorization ?? (auth ? await auth.authorization() : null);
  if (authorization) headers.Authorization = authorization;
  return fetch(url, {
    method: options.method ?? 'GET',
    headers,
    signal: options.signal,
    credentials: 'same-origin',
  });
}

/** A 2xx Response for callers that read text, headers or a stream; errors as in apiGet. */
export async function apiFetch(path: string, options: ApiFetchOptions = {}): Promise<Response> {
  const url = apiUrl(path, options.query);
  const auth = options.authorization === undefined ? apiAuth : null;
  let response = await send(url, options, auth);
  // One retry after the login layer renewed the credentials (refresh token, dialog, popup).
  if (response.status === 401 && auth) {
    const error = await errorFromResponse(response, url);
    if (!(await auth.recover(error))) throw error;
    response = await send(url, options, auth);
  }
  if (!response.ok) {
    const error = await errorFromResponse(response, url);
    if (error.status === 403) auth?.forbidden(error);
    throw error;
  }
  return response;
}

export async function apiGet<T>(path: string, options: ApiFetchOptions = {}): Promise<T> {
  const response = await apiFetch(path, options);
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(
      response.status,
      'The server answered with something that is not JSON.',
      response.url || apiUrl(path, options.query),
    );
  }
}
