import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authFixture, bearer, type AuthFixture } from '../test/auth.ts';

// Parallel guesses from one address used to be checked side by side (39 a second), and an
// address's failures made everyone there wait up to 5 s, the right token included. Now one
// guess per address is in flight at a time (the rest get 429 unchecked), and a right token is
// answered at once unless a failure from its address is being answered at that very moment.

const TOKEN = 'one-guess-at-a-time-4b7d';
let fixture: AuthFixture;
let app: FastifyInstance;
beforeAll(async () => {
  fixture = await authFixture();
  app = await fixture.app({ AUTH_MODE: 'token', AUTH_TOKEN: TOKEN });
});
afterAll(() => fixture.close());

const attempt = (token: string, remoteAddress: string) =>
  app.inject({ method: 'POST', url: '/api/authenticate', headers: bearer(token), remoteAddress });

describe('token guessing', () => {
  it('checks one guess per address at a time; parallel ones get 429 with Retry-After', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attempt(`guess-${i}`, '10.9.9.1')),
    );
    const statuses = answers.map((res) => res.statusCode).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(19);
    const refused = answers.find((res) => res.statusCode === 429)!;
    expect(refused.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(refused.json().message).toMatch(/still being answered/);
    // Even the right token is not checked while a guess from its address is answered...
    const [busy, right] = await Promise.all([
      attempt('another-guess', '10.9.9.2'),
      new Promise((resolve) => setTimeout(resolve, 20)).then(() => attempt(TOKEN, '10.9.9.2')),
    ]);
    expect(busy.statusCode).toBe(401);
    expect(right.statusCode).toBe(429);
  });

  it('answers the right token at once after failures from the same address', async () => {
    const ip = '10.9.9.3';
    for (let i = 0; i < 5; i++) expect((await attempt(`guess-${i}`, ip)).statusCode).toBe(401);
    // The next failure there would wait 1 s; the right token does not.
    const started = performance.now();
    const res = await attempt(TOKEN, ip);
    expect(res.statusCode).toBe(200);
    expect(performance.now() - started).toBeLessThan(400);
  });
});
