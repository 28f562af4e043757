import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authFixture, bearer, type AuthFixture } from '../test/auth.ts';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { FsStorage } from '../storage/fs-storage.ts';

// HTTPS answers tell browsers to stay on HTTPS (HSTS), believed only from a trusted proxy; and
// the public readiness probe no longer tells anyone where the history storage is.

const TOKEN = 'probes-say-little-8d0f';
let fixture: AuthFixture;
beforeAll(async () => {
  fixture = await authFixture();
});
afterAll(() => fixture.close());

const https = { 'x-forwarded-proto': 'https' };

describe('HSTS', () => {
  it('is sent on HTTPS answers through a trusted proxy', async () => {
    const app = await fixture.app({ TRUST_PROXY: '1' });
    for (const url of ['/livez', '/', '/api/sessions', '/no/such/api'])
      expect((await app.inject({ url, headers: https })).headers['strict-transport-security']).toBe(
        'max-age=31536000',
      );
    expect((await app.inject('/livez')).headers['strict-transport-security']).toBeUndefined();
  });

  it('is not sent when the header comes from an untrusted client, or when turned off', async () => {
    const direct = await fixture.app({});
    const res = await direct.inject({ url: '/livez', headers: https });
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const off = await fixture.app({ TRUST_PROXY: '1', HSTS_MAX_AGE_SECONDS: '0' });
    const none = await off.inject({ url: '/livez', headers: https });
    expect(none.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('/readz', () => {
  it('says ready or not ready only; the details need credentials', async () => {
    const app = await fixture.app({ AUTH_MODE: 'token', AUTH_TOKEN: TOKEN });
    const ready = await app.inject('/readz');
    expect(ready.json()).toEqual({ status: 'ready' });
    expect((await app.inject('/api/readz')).statusCode).toBe(401);
    const details = await app.inject({ url: '/api/readz', headers: bearer(TOKEN) });
    expect(details.json()).toMatchObject({ status: 'ready', storage: expect.any(String) });

    const broken = await buildApp({
      config: loadConfig({ AUTH_MODE: 'token', AUTH_TOKEN: TOKEN }),
      storage: new FsStorage('/nonexistent/secret-bucket-path'),
      logger: false,
    });
    const down = await broken.inject('/readz');
    expect(down.statusCode).toBe(503);
    expect(down.body).not.toMatch(/secret-bucket-path|nonexistent|file:/);
    const why = await broken.inject({ url: '/api/readz', headers: bearer(TOKEN) });
    expect(why.statusCode).toBe(503);
    expect(why.json().message).toMatch(/secret-bucket-path is not reachable/);
    await broken.close();
  });
});
