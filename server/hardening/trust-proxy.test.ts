import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authFixture, bearer, type AuthFixture } from '../test/auth.ts';
import { loadConfig } from '../config.ts';

// With TRUST_PROXY=true the login slowdown used to key on the leftmost X-Forwarded-For entry,
// which the client writes: rotating it dodged the slowdown entirely. TRUST_PROXY now names how
// many proxies (or which addresses) to trust, and the client's address is the one the nearest
// trusted proxy appended.

const TOKEN = 'rotating-headers-do-not-help-9c1e';
const CLIENT = '198.51.100.7';
let fixture: AuthFixture;
beforeAll(async () => {
  fixture = await authFixture();
});
afterAll(() => fixture.close());

/** Five wrong guesses, each with a new made-up leftmost entry; how long each took. */
async function rotatedGuesses(app: FastifyInstance, forwardedFor: (fake: string) => string) {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const res = await app.inject({
      method: 'POST',
      url: '/api/authenticate',
      headers: { ...bearer(`guess-${i}`), 'x-forwarded-for': forwardedFor(`203.0.113.${i + 1}`) },
    });
    expect(res.statusCode).toBe(401);
    times.push(performance.now() - started);
  }
  return times;
}

describe('TRUST_PROXY', () => {
  it.each(['1', 'true'])(
    'as a hop count (%s): the slowdown follows the address the proxy appended',
    async (trustProxy) => {
      const app = await fixture.app({
        AUTH_MODE: 'token',
        AUTH_TOKEN: TOKEN,
        TRUST_PROXY: trustProxy,
      });
      const times = await rotatedGuesses(app, (fake) => `${fake}, ${CLIENT}`);
      // Free failures, then 250 ms, then 500 ms: the rotation did not reset anything.
      expect(times[3]).toBeGreaterThanOrEqual(240);
      expect(times[4]).toBeGreaterThanOrEqual(490);
    },
  );

  it('as trusted CIDRs: proxies in them are skipped, the first address outside counts', async () => {
    const app = await fixture.app({
      AUTH_MODE: 'token',
      AUTH_TOKEN: TOKEN,
      TRUST_PROXY: '127.0.0.0/8, 10.0.0.0/8',
    });
    const times = await rotatedGuesses(app, (fake) => `${fake}, ${CLIENT}, 10.0.0.5`);
    expect(times[4]).toBeGreaterThanOrEqual(490);
  });

  it('reads true as the one proxy in front, and refuses what it cannot parse', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).server.trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'false' }).server.trustProxy).toBe(false);
    expect(loadConfig({}).server.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).server.trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8,::1' }).server.trustProxy).toEqual([
      '10.0.0.0/8',
      '::1',
    ]);
    for (const bad of ['10.0.0.0/33', 'proxy.local', '10.0.0.1/8/9', '99'])
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY must be false/);
  });
});
