import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  apiGet,
  apiUrl,
  onUnauthorized,
  setApiBasePath,
  setAuthHeaderProvider,
} from './api-client';
import { shouldRetry } from './query-client';

// Node has no page address; give the client one, as a browser would.
vi.stubGlobal('window', { location: { href: 'http://dashboard.test/clusters?x=1' } });

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  setApiBasePath('');
  setAuthHeaderProvider(null);
});
afterAll(() => server.close());

describe('apiUrl', () => {
  it('resolves against the page and adds only the query values that are set', () => {
    expect(apiUrl('/api/sessions', { namespace: 'ml', kind: '', page: 2, owner: undefined })).toBe(
      'http://dashboard.test/api/sessions?namespace=ml&page=2',
    );
  });

  it('puts the base path in front when the server lives under a sub-path', () => {
    setApiBasePath('/ray-history/');
    expect(apiUrl('/api/sessions')).toBe('http://dashboard.test/ray-history/api/sessions');
  });
});

describe('apiGet', () => {
  it('parses JSON answers', async () => {
    server.use(http.get('http://dashboard.test/api/x', () => HttpResponse.json({ ok: 1 })));
    await expect(apiGet('/api/x')).resolves.toEqual({ ok: 1 });
  });

  it("raises ApiError with the server's message and status", async () => {
    server.use(
      http.get('http://dashboard.test/api/x', () =>
        HttpResponse.json(
          { statusCode: 404, error: 'Not Found', message: 'No job 02000000 in this session' },
          { status: 404 },
        ),
      ),
    );
    const error = await apiGet('/api/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, message: 'No job 02000000 in this session' });
  });

  it('keeps the status line, never the body, for a non-JSON error page', async () => {
    server.use(
      http.get('http://dashboard.test/api/x', () =>
        HttpResponse.html('<h1>Bad gateway</h1>', { status: 502, statusText: 'Bad Gateway' }),
      ),
    );
    await expect(apiGet('/api/x')).rejects.toMatchObject({
      status: 502,
      message: '502 Bad Gateway',
    });
  });

  it('sends the Authorization header from the provider and reports 401s', async () => {
    let seen: string | null = null;
    server.use(
      http.get('http://dashboard.test/api/x', ({ request }) => {
        seen = request.headers.get('authorization');
        return HttpResponse.json({ message: 'login required' }, { status: 401 });
      }),
    );
    setAuthHeaderProvider(() => 'Bearer abc');
    const unauthorized = vi.fn();
    const stop = onUnauthorized(unauthorized);
    await expect(apiGet('/api/x')).rejects.toMatchObject({ status: 401 });
    stop();
    await expect(apiGet('/api/x')).rejects.toMatchObject({ status: 401 });
    expect(seen).toBe('Bearer abc');
    expect(unauthorized).toHaveBeenCalledTimes(1);
  });
});

describe('shouldRetry', () => {
  it('never retries a client error', () => {
    expect(shouldRetry(0, new ApiError(404, 'gone', '/x'))).toBe(false);
    expect(shouldRetry(0, new ApiError(401, 'login', '/x'))).toBe(false);
  });

  it('retries a server or network error once', () => {
    expect(shouldRetry(0, new ApiError(503, 'down', '/x'))).toBe(true);
    expect(shouldRetry(1, new ApiError(503, 'down', '/x'))).toBe(false);
    expect(shouldRetry(0, new TypeError('fetch failed'))).toBe(true);
    expect(shouldRetry(1, new TypeError('fetch failed'))).toBe(false);
  });
});
