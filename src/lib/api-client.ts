import type { ApiErrorBody } from '../types/api';

// The one API client: every request of the SPA goes through apiGet, so base path, headers and
// the error shape live here.

export type QueryValue = string | number | boolean | undefined | null;

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

type AuthHeaderProvider = () => string | null | Promise<string | null>;

let basePath = '';
let authHeaderProvider: AuthHeaderProvider | null = null;
const unauthorizedListeners = new Set<(error: ApiError) => void>();

/** Prefix for every API URL when the server lives under a sub-path (PublicConfig.basePath). */
export function setApiBasePath(path: string): void {
  basePath = path.replace(/\/+$/, '');
}

/** Hook point for login: the provider's value becomes the Authorization header. */
export function setAuthHeaderProvider(provider: AuthHeaderProvider | null): void {
  authHeaderProvider = provider;
}

/** Called on every 401; returns a function that stops listening. */
export function onUnauthorized(listener: (error: ApiError) => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** Builds the request URL: base path + path + query, resolved against the page's own address. */
export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  const url = new URL(`${basePath}${path}`, window.location.href);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') {
      url.searchParams.set(key, String(value));
    }
  }
  return url.toString();
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
}

/** A 2xx Response for callers that read text, headers or a stream; errors as in apiGet. */
export async function apiFetch(path: string, options: ApiFetchOptions = {}): Promise<Response> {
  const url = apiUrl(path, options.query);
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json' };
  const authorization = authHeaderProvider ? await authHeaderProvider() : null;
  if (authorization) headers.Authorization = authorization;

  const response = await fetch(url, {
    headers,
    signal: options.signal,
    credentials: 'same-origin',
  });
  if (!response.ok) {
    const error = await errorFromResponse(response, url);
    if (error.status === 401) unauthorizedListeners.forEach((listener) => listener(error));
    throw error;
  }
  return response;
}

export async function apiGet<T>(path: string, options: ApiGetOptions = {}): Promise<T> {
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
