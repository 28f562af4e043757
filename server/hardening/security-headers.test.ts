import { request as httpRequest } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempFolder, testApp, type TempFolder } from '../test/history.ts';
import { hostileHistory, logFileUrl, scoped, type HostileHistory } from '../test/hostile.ts';

// Strict security headers on every kind of response the server gives: data, errors of every
// status, static files, the SPA page, streams, downloads, compressed bodies, and the errors
// Node gives before Fastify sees the request.

let h: HostileHistory;
let dist: TempFolder;
let missing: FastifyInstance;
const ANCESTORS = "'self' https://console.example.com";

beforeAll(async () => {
  dist = await tempFolder({
    'index.html': '<!doctype html><script type="module" src="/assets/app-1.js"></script>',
    'assets/app-1.js': `console.log(${JSON.stringify('x'.repeat(4000))});`,
  });
  h = await hostileHistory({ STATIC_DIR: dist.dir, FRAME_ANCESTORS: ANCESTORS });
  h.app.get('/test/throws', async () => {
    throw new Error('boom with a secret detail');
  });
  // Storage that cannot be read at all: data routes answer 503.
  const gone = await tempFolder();
  await gone.remove();
  missing = await testApp(gone, { FRAME_ANCESTORS: ANCESTORS });
});
afterAll(async () => {
  await h.close();
  await missing.close();
  await dist.remove();
});

function expectStrictHeaders(headers: Record<string, unknown>, what: string): void {
  const csp = String(headers['content-security-policy']);
  expect(csp, what).toContain("default-src 'self'");
  expect(csp, what).toContain("script-src 'self'");
  expect(csp, what).toContain(`frame-ancestors ${ANCESTORS}`);
  expect(csp, what).toContain("object-src 'none'");
  // Inline script never; inline <style> never (only our files, or the page's own nonce). The
  // one allowance is style attributes on the SPA page, for the log viewer (docs/hardening.md).
  const directives = new Map(csp.split('; ').map((d) => [d.split(' ')[0], d] as const));
  expect(directives.get('script-src'), what).toBe("script-src 'self'");
  expect(directives.get('style-src'), what).toMatch(
    /^style-src 'self'( 'nonce-[A-Za-z0-9+/=_-]+')?$/,
  );
  for (const [name, directive] of directives) {
    if (name !== 'style-src-attr') expect(directive, what).not.toContain('unsafe-inline');
  }
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['referrer-policy'], what).toBe('no-referrer');
}

const HTML = { accept: 'text/html' };

describe('security headers on every response type', () => {
  it.each([
    ['JSON API 200', scoped('/api/jobs/'), {}, 200, /application\/json/],
    ['400', scoped('/api/v0/tasks?limit=0'), {}, 400, /application\/json/],
    ['404', scoped('/api/jobs/ffffffff'), {}, 404, /application\/json/],
    ['malformed URL 400', '/api/c/%E0%A4%A/raycluster/b/latest/info', {}, 400, /json/],
    ['static file', '/assets/app-1.js', {}, 200, /javascript/],
    ['SPA index fallback', '/c/ml/raycluster/train/latest/jobs', HTML, 200, /text\/html/],
    ['/config.json', '/config.json', {}, 200, /application\/json/],
    ['/livez', '/livez', {}, 200, /application\/json/],
    ['NDJSON search stream', scoped('/logs/search?q=raylet'), {}, 200, /x-ndjson/],
    ['log text', logFileUrl('filename=raylet.out'), {}, 200, /text\/plain/],
    ['log download', logFileUrl('filename=raylet.out&download=1'), {}, 200, /octet-stream/],
  ])('%s', async (what, url, headers, status, type) => {
    const res = await h.app.inject({ url, headers });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toMatch(type);
    expectStrictHeaders(res.headers, what);
    if (what === 'log download')
      expect(res.headers['content-disposition']).toBe('attachment; filename="raylet.out"');
  });

  it('405', async () => {
    const res = await h.app.inject({ method: 'DELETE', url: scoped('/api/jobs/') });
    expect(res.statusCode).toBe(405);
    expectStrictHeaders(res.headers, '405');
  });

  it('500 from a route that throws, with no detail leaked', async () => {
    const res = await h.app.inject('/test/throws');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Internal server error',
    });
    expectStrictHeaders(res.headers, '500');
  });

  it('503 when storage is unreachable', async () => {
    for (const url of ['/readz', '/api/sessions']) {
      const res = await missing.inject(url);
      expect(res.statusCode, url).toBe(503);
      expectStrictHeaders(res.headers, `503 ${url}`);
    }
  });

  it('compressed responses', async () => {
    for (const url of [scoped('/api/v0/tasks?detail=1'), '/assets/app-1.js']) {
      const res = await h.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding'], url).toBe('gzip');
      expectStrictHeaders(res.headers, `gzip ${url}`);
    }
  });

  it('431 from Node for a URL past the header limit, over a real socket', async () => {
    const address = await h.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const res = await new Promise<{
      status: number;
      headers: Record<string, unknown>;
      body: string;
    }>((resolve, reject) => {
      const req = httpRequest(
        { port, host: '127.0.0.1', path: scoped(`/api/v0/tasks?x=${'a'.repeat(20_000)}`) },
        (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () =>
            resolve({ status: response.statusCode!, headers: response.headers, body }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body)).toMatchObject({ statusCode: 431, message: /too large/ });
    expect(res.headers['content-security-policy']).toContain(`frame-ancestors ${ANCESTORS}`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    // Still serving afterwards.
    const after = await fetch(`${address}${logFileUrl('filename=raylet.out')}`);
    expect(after.status).toBe(200);
    expect(await after.text()).toBe('raylet started\n');
  });
});
