import { describe, expect, it } from 'vitest';
import { BusyError } from './errors.ts';
import { SnapshotCache } from '../history/snapshot-cache.ts';
import { ResponseBudget } from './response-budget.ts';

describe('ResponseBudget', () => {
  it('lets answers wait their turn, first come first served', async () => {
    const budget = new ResponseBudget(100, { waitMs: 1000 });
    const first = await budget.reserve(60);
    const order: string[] = [];
    const second = budget.reserve(60).then((release) => (order.push('second'), release));
    const third = budget.reserve(10).then((release) => (order.push('third'), release));
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The small one does not jump the queue.
    expect(order).toEqual([]);
    first();
    (await second)();
    (await third)();
    expect(order).toEqual(['second', 'third']);
    expect(budget.inFlight).toBe(0);
  });

  it('refuses with 503 and Retry-After after waiting too long; one answer may take it all', async () => {
    const budget = new ResponseBudget(100, { waitMs: 50 });
    const all = await budget.reserve(1000);
    expect(budget.inFlight).toBe(100);
    const refused = await budget.reserve(1).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BusyError);
    expect(refused).toMatchObject({ statusCode: 503, retryAfterSeconds: 2 });
    all();
    all();
    expect(budget.inFlight).toBe(0);
  });
});

describe('one memory total for the snapshot cache and answers in flight', () => {
  /** A cache and a response budget wired as app.ts wires them, within `total` bytes. */
  function sharing(total: number, cacheMax: number, responsesMax: number, waitMs = 50) {
    const cache: SnapshotCache<{ approxBytes: number }> = new SnapshotCache({
      maxBytes: cacheMax,
      room: (): number => total - responses.inFlight,
    });
    const responses = new ResponseBudget(responsesMax, {
      waitMs,
      memory: {
        totalBytes: total,
        heldBytes: () => cache.bytes,
        shrinkTo: (bytes) => cache.shrinkTo(bytes),
      },
    });
    const load = (key: string, approxBytes: number) =>
      cache.get(key, () => Promise.resolve({ approxBytes }));
    return { cache, responses, load };
  }

  it('makes the cache give back its least recently used sessions to answers', async () => {
    const { cache, responses, load } = sharing(100, 80, 60);
    await load('old', 30);
    await load('new', 40);
    expect(cache.bytes).toBe(70);
    // 70 cached + 40 in flight would pass 100: the oldest session goes, the newest stays.
    const release = await responses.reserve(40);
    expect(cache.has('old')).toBe(false);
    expect(cache.has('new')).toBe(true);
    expect(cache.bytes + responses.inFlight).toBeLessThanOrEqual(100);
    release();
  });

  it('stores sessions only within what answers in flight leave', async () => {
    const { cache, responses, load } = sharing(100, 80, 60);
    const release = await responses.reserve(50);
    await load('a', 30);
    await load('b', 30);
    // 80 would fit the cache's own cap, not the total: the older one is let go.
    expect(cache.has('a')).toBe(false);
    expect(cache.bytes + responses.inFlight).toBeLessThanOrEqual(100);
    release();
    await load('a', 30);
    expect(cache.bytes).toBe(60);
  });

  it('holds answers back (503 + Retry-After) when the cache cannot give more', async () => {
    // Answers alone may take 200, but only 100 with the cache.
    const { cache, responses, load } = sharing(100, 100, 200);
    await load('big', 60);
    const first = await responses.reserve(30);
    // The cache gives back its session and the second answer fits; with nothing left to give,
    // a third past the total waits and is refused.
    const second = await responses.reserve(60);
    expect(cache.bytes).toBe(0);
    const refused = await responses.reserve(20).catch((error: unknown) => error);
    expect(refused).toMatchObject({ statusCode: 503, retryAfterSeconds: 2 });
    first();
    second();
    expect(responses.inFlight).toBe(0);
  });
});
