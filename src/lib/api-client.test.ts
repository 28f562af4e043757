import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError, apiGet, apiUrl, apiFetch, setApiAuth, setApiBasePath } from './api-client';
import type { ApiAuth } from './api-client';
import { shouldRetry } from './query-client';

// Node has no page address; give the client one, as a browser would.
vi.stubGlobal('window', { location: { href: 'http://dashboard.test/clusters?x=1' } });

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  setApiBasePath('');
  setApiAuth(null);
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

  it('sends the Authorization header from the login layer on every request', async () => {
    let seen: string | null = null;
    server.use(
      http.get('http://dashboard.test/api/x', ({ request }) => {
        seen = request.headers.get('authorization');
        return HttpResponse.json({ ok: 1 });
      }),
    );
    setApiAuth(fakeAuth({ authorization: () => 'Bearer abc' }));
    await apiGet('/api/x');
    expect(seen).toBe('Bearer abc');
  });
});

function fakeAuth(overrides: Partial<ApiAuth>): ApiAuth {
  return {
    authorization: () => null,
    recover: () => Promise.resolve(false),
    forbidden: () => undefined,
    ...overrides,
  };
}

function unauthorizedUnless(token: string, seen: (string | null)[]) {
  return http.get('http://dashboard.test/api/x', ({ request }) => {
    const authorization = request.headers.get('authorization');
    seen.push(authorization);
    return authorization === `Bearer ${token}`
      ? HttpResponse.json({ ok: 1 })
      : HttpResponse.json({ message: 'The access token has expired' }, { status: 401 });
  });
}

describe('apiFetch after a 401', () => {
  it('retries once with the renewed credentials when the login layer recovers', async () => {
    const seen: (string | null)[] = [];
    server.use(unauthorizedUnless('fresh', seen));
    let token = 'stale';
    const recover = vi.fn(() => {
      token = 'fresh';
      return Promise.resolve(true);
    });
    setApiAuth(fakeAuth({ authorization: () => `Bearer ${token}`, recover }));
    await expect(apiGet('/api/x')).resolves.toEqual({ ok: 1 });
    expect(seen).toEqual(['Bearer stale', 'Bearer fresh']);
    expect(recover).toHaveBeenCalledTimes(1);
    expect(recover).toHaveBeenCalledWith(
      expect.objectContaining({ status: 401, message: 'The access token has expired' }),
    );
  });

  it('does not loop: a second 401 after recovering is the answer', async () => {
    const seen: (string | null)[] = [];
    server.use(unauthorizedUnless('never', seen));
    const recover = vi.fn(() => Promise.resolve(true));
    setApiAuth(fakeAuth({ authorization: () => 'Bearer stale', recover }));
    await expect(apiGet('/api/x')).rejects.toMatchObject({ status: 401 });
    expect(seen).toHaveLength(2);
    expect(recover).toHaveBeenCalledTimes(1);
  });

  it('gives up at once when the login layer cannot recover', async () => {
    const seen: (string | null)[] = [];
    server.use(unauthorizedUnless('never', seen));
    setApiAuth(fakeAuth({ authorization: () => 'Bearer stale' }));
    await expect(apiGet('/api/x')).rejects.toMatchObject({ status: 401 });
    expect(seen).toHaveLength(1);
  });

  it('leaves explicit credentials alone (the login request itself)', async () => {
    const seen: (string | null)[] = [];
    server.use(
      http.post('http://dashboard.test/api/authenticate', ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return HttpResponse.json({ message: 'Wrong token' }, { status: 401 });
      }),
    );
    const recover = vi.fn(() => Promise.resolve(true));
    setApiAuth(fakeAuth({ authorization: () => 'Bearer other', recover }));
    await expect(
      apiFetch('/api/authenticate', { method: 'POST', authorization: 'Bearer typed' }),
    ).rejects.toMatchObject({ status: 401, message: 'Wrong token' });
    expect(seen).toEqual(['Bearer typed']);
    expect(recover).not.toHaveBeenCalled();
  });

  it('reports a 403 to the login layer with the server message', async () => {
    server.use(
      http.get('http://dashboard.test/api/x', () =>
        HttpResponse.json({ message: 'User 42 is not allowed' }, { status: 403 }),
      ),
    );
    const forbidden = vi.fn();
    setApiAuth(fakeAuth({ forbidden }));
    await expect(apiGet('/api/x')).rejects.toMatchObject({ status: 403 });
    expect(forbidden).toHaveBeenCalledWith(
      expect.objectContaining({ status: 403, message: 'User 42 is not allowed' }),
    );
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
