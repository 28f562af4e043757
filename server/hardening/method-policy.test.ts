import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileHistory, session, type HostileHistory } from '../test/hostile.ts';

// The server is read-only: every route answers GET and HEAD only; any other method gets 405
// with `Allow: GET, HEAD`, except routes registered for that method (login). CORS is closed:
// no response ever carries Access-Control-* headers, so other origins cannot read answers.

let h: HostileHistory;
let routes: string[];
/** Paths registered for a method other than GET/HEAD (the login endpoints): those keep it. */
const writable = new Map<string, string[]>();

/** Every registered path, from Fastify's own route tree (so new routes are covered unasked). */
function registeredPaths(app: FastifyInstance): string[] {
  const stack: string[] = [];
  const paths: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const at = line.search(/[^\s│├└─]/);
    if (at < 0) continue;
    const depth = Math.floor(at / 4) - 1; // "└── " before the root
    const segment = line.slice(at).replace(/ \(.*\)$/, '');
    const parent = depth === 0 ? '' : stack[depth - 1]!;
    const path = parent === '/' ? `/${segment}` : `${parent}${segment}`;
    stack[depth] = path;
    stack.length = depth + 1;
    paths.push(path);
    const methods = / \((.*)\)$/.exec(line.slice(at))?.[1]?.split(', ') ?? [];
    const others = methods.filter((m) => m !== 'GET' && m !== 'HEAD');
    if (others.length > 0) writable.set(concrete(path), others);
  }
  return paths;
}

const SAMPLE: Record<string, string> = {
  namespace: 'ml',
  kind: 'raycluster',
  name: 'train',
  session: session.sessionName,
};
const concrete = (path: string) =>
  path.replace(/:(\w+)/g, (_, name: string) => SAMPLE[name] ?? 'x').replace(/\*$/, 'x.js');

beforeAll(async () => {
  h = await hostileHistory();
  // Stands for the auth endpoints another module registers for POST: they must keep working.
  h.app.post('/auth/test-login', async () => ({ ok: true }));
  await h.app.ready();
  routes = registeredPaths(h.app).map(concrete);
});
afterAll(() => h.close());

const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

describe('method policy', () => {
  it('finds the routes it checks', () => {
    expect(routes).toContain('/livez');
    expect(routes).toContain(`/api/c/ml/raycluster/train/${session.sessionName}/api/v0/logs/file`);
    expect(routes.length).toBeGreaterThan(50);
  });

  it('answers 405 with Allow: GET, HEAD and a JSON message on every route for every other method', async () => {
    expect(writable.get('/auth/test-login')).toEqual(['POST']);
    for (const url of routes) {
      for (const method of [...WRITE_METHODS, 'OPTIONS'] as const) {
        if (writable.get(url)?.includes(method)) continue;
        const body =
          method === 'OPTIONS'
            ? {}
            : { payload: '{}', headers: { 'content-type': 'application/json' } };
        const res = await h.app.inject({ method, url, ...body });
        expect(res.statusCode, `${method} ${url}`).toBe(405);
        expect(res.headers.allow).toBe('GET, HEAD');
        expect(res.json()).toEqual({
          statusCode: 405,
          error: 'Method Not Allowed',
          message: `Method ${method} is not allowed: this server is read-only (allowed: GET, HEAD)`,
        });
      }
    }
  });

  it('answers 405 for unknown paths too, whatever the body', async () => {
    for (const payload of ['<x/>', 'x'.repeat(10), '{bad json'])
      for (const type of ['application/xml', 'text/plain', 'application/json']) {
        const res = await h.app.inject({
          method: 'POST',
          url: '/no/such/route',
          payload,
          headers: { 'content-type': type },
        });
        expect([405, 400, 415]).toContain(res.statusCode);
        expect(res.statusCode).not.toBe(500);
      }
    const res = await h.app.inject({ method: 'DELETE', url: '/no/such/route' });
    expect(res.statusCode).toBe(405);
  });

  it('keeps routes registered for POST working', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/auth/test-login' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
  });

  it('still answers GET and HEAD', async () => {
    expect((await h.app.inject({ method: 'HEAD', url: '/livez' })).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'GET', url: '/livez' })).statusCode).toBe(200);
  });
});

describe('CORS is closed', () => {
  const origin = 'https://evil.example';

  it('answers a preflight with 405 and no CORS headers', async () => {
    const res = await h.app.inject({
      method: 'OPTIONS',
      url: '/api/sessions',
      headers: {
        origin,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(res.statusCode).toBe(405);
    expect(Object.keys(res.headers).filter((k) => k.startsWith('access-control-'))).toEqual([]);
  });

  it('sends no Access-Control-* header on any route, whatever the Origin', async () => {
    for (const url of routes) {
      const res = await h.app.inject({ url, headers: { origin } });
      const cors = Object.keys(res.headers).filter((k) => k.startsWith('access-control-'));
      expect(cors, url).toEqual([]);
    }
  });
});
