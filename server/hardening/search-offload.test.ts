import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegexWorkers } from '../history/logs/regex-workers.ts';
import { probeWhile, quantile } from '../test/latency.ts';
import {
  expectRefused,
  expectStillServing,
  hostileHistory,
  ids,
  scoped,
  type HostileHistory,
} from '../test/hostile.ts';

// A regex that passes the up-front checks can still take polynomial time on one long line. It
// used to run on the thread that answers every request: one search froze /livez for its whole
// budget. Regexes now run in worker threads killed at their budget, a few at a time.

const HOSTILE = `mode=regex&q=${encodeURIComponent('x*x*x*y')}&glob=one-long-line.log`;

async function history(
  env: NodeJS.ProcessEnv = {},
  regexWorkers?: RegexWorkers,
): Promise<HostileHistory> {
  const made = await hostileHistory(env, { regexWorkers });
  await made.writeLog('one-long-line.log', `${'x'.repeat(1024 * 1024)}\n`);
  await made.writeLog('plain.log', `${'boring line\n'.repeat(20_000)}needle here\n`);
  return made;
}

let h: HostileHistory;
const workers = new RegexWorkers({ perProcess: 8, perUser: 8 });
beforeAll(async () => {
  h = await history({}, workers);
  // Measured in steady state: the server starts its workers ahead of the first search.
  await workers.warmUp();
}, 120_000);
afterAll(() => h.close());

const search = (query: string, app = h.app) =>
  app.inject(scoped(`/logs/search?node_id=${ids.head}&${query}`));
const lastRecord = (body: string) => JSON.parse(body.trim().split('\n').at(-1)!) as unknown;

describe('regex searches off the main thread', () => {
  it('keeps /livez p99 within 100 ms while 8 hostile regex searches run', async () => {
    const started = performance.now();
    const searches = Promise.all(
      Array.from({ length: 8 }, () => search(`${HOSTILE}&time_budget_ms=2500`)),
    );
    const latencies = await probeWhile(() => h.app.inject('/livez'), searches, { gapMs: 5 });
    expect(workers.active).toBe(0);
    const answers = await searches;
    const took = performance.now() - started;

    expect(quantile(latencies, 0.99)).toBeLessThanOrEqual(100);
    for (const res of answers) {
      expect(res.statusCode).toBe(200);
      expect(lastRecord(res.body)).toMatchObject({ truncated: true, reason: 'time_budget' });
    }
    // Every worker was stopped at its budget (plus the time to start the workers).
    expect(took).toBeLessThan(8000);
  });

  it('finds plain text while hostile regexes run, without waiting for any of them', async () => {
    let firstHostileDoneAt = Infinity;
    const hostile = Promise.all(
      Array.from({ length: 4 }, () =>
        search(`${HOSTILE}&time_budget_ms=1500`).then(() => {
          firstHostileDoneAt = Math.min(firstHostileDoneAt, performance.now());
        }),
      ),
    );
    const res = await search('q=NEEDLE&glob=plain.log');
    const plainDoneAt = performance.now();
    expect(lastRecord(res.body)).toMatchObject({ type: 'done', matches: 1, truncated: false });
    await hostile;
    // Each hostile search runs its 1.5 s budget out; a plain search queued behind one of them
    // (or behind a main thread one held) would end after it. A wall-clock bound (< 1 s) failed
    // at 1.02 s on a machine running two test suites at once.
    expect(plainDoneAt).toBeLessThan(firstHostileDoneAt);
  });

  it('caps the budget a client may ask for at seconds, not a minute', async () => {
    expectRefused(
      await search(`${HOSTILE}&time_budget_ms=60000`),
      400,
      'time_budget_ms must be a positive integer up to 10000',
    );
  });

  it('answers 429 with Retry-After past the per-user and per-process caps', async () => {
    const capped = new RegexWorkers({ perProcess: 3, perUser: 2 });
    const small = await history({}, capped);
    const from = (remoteAddress: string, budgetMs = 3000) =>
      small.app.inject({
        url: scoped(`/logs/search?node_id=${ids.head}&${HOSTILE}&time_budget_ms=${budgetMs}`),
        remoteAddress,
      });
    try {
      await capped.warmUp();
      const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
      // Each lease is taken once its request is checked; let the searches get that far.
      const running = [from('10.0.0.1'), from('10.0.0.1')];
      await settle();
      const sameUser = await from('10.0.0.1');
      expectRefused(sameUser, 429, /You already run 2 regex searches/);
      expect(sameUser.headers['retry-after']).toMatch(/^\d+$/);
      running.push(from('10.0.0.2'));
      await settle();
      expect(capped.active).toBe(3);
      const otherUser = await from('10.0.0.3');
      expectRefused(otherUser, 429, /server already runs 3 regex searches/);
      expect(otherUser.headers['retry-after']).toMatch(/^\d+$/);
      await Promise.all(running);
      // All ended: the same user may search again.
      expect((await from('10.0.0.1', 100)).statusCode).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('keeps serving the right data afterwards', async () => {
    await expectStillServing(h.app);
  });
});
