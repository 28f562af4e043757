import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempFolder, testApp, type TempFolder } from '../test/history.ts';

const INDEX = '<!doctype html><script type="module" src="/assets/app-abc123.js"></script>';
const HTML = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

let history: TempFolder;
let dist: TempFolder;
let app: FastifyInstance;

beforeAll(async () => {
  history = await tempFolder();
  dist = await tempFolder({
    'index.html': INDEX,
    'assets/app-abc123.js': `console.log(${JSON.stringify('x'.repeat(4000))});`,
    'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  });
  app = await testApp(history, {
    STATIC_DIR: dist.dir,
    FRAME_ANCESTORS: "'self' https://console.example.com",
  });
});
afterAll(async () => {
  await app.close();
  await history.remove();
  await dist.remove();
});

describe('SPA serving', () => {
  it('caches hashed assets forever and compresses them', async () => {
    const res = await app.inject({
      url: '/assets/app-abc123.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-encoding']).toBe('gzip');
  });

  it('never caches other files', async () => {
    const res = await app.inject('/favicon.svg');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it.each(['/', '/c/default/raycluster/a/latest/logs/node1/raylet.out', '/auth/callback?code=x'])(
    'loads index.html for the deep link %s',
    async (url) => {
      const res = await app.inject({ url, headers: HTML });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toBe(INDEX);
    },
  );

  it('answers unknown API paths with 404 JSON, even for browsers', async () => {
    const res = await app.inject({ url: '/api/nope', headers: HTML });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'No API route GET /api/nope',
    });
  });

  it('answers a missing file with 404 JSON when the client does not want a page', async () => {
    const res = await app.inject('/assets/missing.js');
    expect(res.statusCode).toBe(404);
    expect(res.json().statusCode).toBe(404);
  });

  it('says to build the UI when dist/ is missing', async () => {
    const bare = await testApp(history, { STATIC_DIR: `${dist.dir}-missing` });
    try {
      const res = await bare.inject({ url: '/c/x', headers: HTML });
      expect(res.statusCode).toBe(503);
      expect(res.body).toMatch(/npm run build/);
    } finally {
      await bare.close();
    }
  });
});

describe('security headers', () => {
  const expectStrictHeaders = (headers: Record<string, unknown>) => {
    const csp = String(headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'self' https://console.example.com");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    // Only style attributes may be inline (the log viewer's terminal colours cells with them).
    expect(csp.replace("style-src-attr 'unsafe-inline'", '')).not.toContain('unsafe-inline');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['cross-origin-opener-policy']).toBe('same-origin-allow-popups');
    expect(headers['permissions-policy']).toBeDefined();
    expect(headers['x-frame-options']).toBeUndefined();
  };

  it.each([
    ['JSON', '/api/sessions', {}],
    ['a static file', '/assets/app-abc123.js', {}],
    ['the SPA page', '/clusters', HTML],
    ['an API 404', '/api/nope', {}],
    ['a 400', '/api/sessions?page=0', {}],
    ['a scoped 404', '/api/c/x/raycluster/y/latest/info', {}],
  ])('are on %s', async (_what, url, headers) => {
    expectStrictHeaders((await app.inject({ url, headers })).headers);
  });

  it('admit style elements on the page by a nonce that is new on every response', async () => {
    const dir = await tempFolder({
      'index.html': '<meta property="csp-nonce" nonce="__STYLE_NONCE__" /><p>x</p>',
    });
    const withNonce = await testApp(history, { STATIC_DIR: dir.dir });
    try {
      const nonceOf = async () => {
        const res = await withNonce.inject({ url: '/clusters', headers: HTML });
        const nonce = /nonce="([^"]+)"/.exec(res.body)?.[1] ?? '';
        expect(nonce).toMatch(/^[A-Za-z0-9+/]{24}$/);
        const csp = String(res.headers['content-security-policy']);
        expect(csp).toContain(`style-src 'self' 'nonce-${nonce}';`);
        expect(csp).toContain("style-src-attr 'unsafe-inline'");
        expect(csp).toContain("script-src 'self';");
        return nonce;
      };
      expect(await nonceOf()).not.toBe(await nonceOf());
      // index.html by name gets the same treatment, never the placeholder.
      const byName = await withNonce.inject({ url: '/index.html', headers: HTML });
      expect(byName.body).not.toContain('__STYLE_NONCE__');
      // Other answers keep styles to 'self'.
      const json = await withNonce.inject('/api/sessions');
      expect(String(json.headers['content-security-policy'])).not.toMatch(/nonce|style-src-attr/);
    } finally {
      await withNonce.close();
      await dir.remove();
    }
  });

  it('keep the opener on the login callback page only (popup login from a framed dashboard)', async () => {
    const callback = await app.inject({ url: '/auth/callback?code=x&state=y', headers: HTML });
    expect(callback.headers['cross-origin-opener-policy']).toBe('unsafe-none');
    expect(String(callback.headers['content-security-policy'])).toContain("script-src 'self'");
    const other = await app.inject({ url: '/auth/callbackx', headers: HTML });
    expect(other.headers['cross-origin-opener-policy']).toBe('same-origin-allow-popups');
  });

  it('let Grafana on port 3000 of the same host be framed by default', async () => {
    const res = await app.inject({ url: '/livez', headers: { host: 'localhost:8080' } });
    expect(res.headers['content-security-policy']).toContain(
      "frame-src 'self' http://localhost:3000 https://localhost:3000",
    );
  });

  it('never echo a hostile Host header into the policy', async () => {
    const res = await app.inject({
      url: '/livez',
      headers: { host: "evil; script-src 'unsafe-inline'" },
    });
    expect(res.headers['content-security-policy']).not.toContain('evil');
  });
});

describe('malformed requests', () => {
  it('answer 400 JSON with the security headers', async () => {
    const res = await app.inject('/api/c/%E0%A4%A/raycluster/b/latest/info');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });
});
