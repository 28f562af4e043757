import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectRefused,
  expectStillServing,
  hostileHistory,
  ids,
  logFileUrl,
  scoped,
  type HostileHistory,
} from '../test/hostile.ts';

// Oversized and odd query parameters answer 400 naming the parameter (never 500), and take
// no longer than a normal request.

let h: HostileHistory;
beforeAll(async () => {
  h = await hostileHistory();
});
afterAll(() => h.close());

const BAD_NUMBERS = [
  '-1',
  'NaN',
  '1e3',
  '1E400',
  '0x10',
  '99999999999999999999999999',
  '1.5',
  ' 1',
  'Infinity',
  '%00',
];

describe('numbers', () => {
  it.each(BAD_NUMBERS)('limit=%s and offset=%s are refused by name', async (value) => {
    expectRefused(await h.app.inject(scoped(`/api/v0/tasks?limit=${value}`)), 400, /limit/);
    expectRefused(await h.app.inject(scoped(`/api/v0/tasks?offset=${value}`)), 400, /offset/);
  });

  it.each(BAD_NUMBERS.filter((v) => v !== '-1'))('lines=%s is refused by name', async (value) => {
    expectRefused(
      await h.app.inject(logFileUrl(`filename=raylet.out&lines=${value}`)),
      400,
      /lines/,
    );
  });

  it('refuses bad byte ranges and search limits by name', async () => {
    for (const [query, name] of [
      ['start=-5&end=10', /start/],
      ['start=5&end=NaN', /end/],
      ['before=1&bytes=0', /bytes/],
      ['before=-1&bytes=10', /before/],
    ] as const)
      expectRefused(await h.app.inject(logFileUrl(`filename=raylet.out&${query}`)), 400, name);
    for (const [query, name] of [
      ['context=11', /context/],
      ['max_matches=1e9', /max_matches/],
      ['byte_budget=-1', /byte_budget/],
      ['time_budget_ms=999999999', /time_budget_ms/],
    ] as const)
      expectRefused(await h.app.inject(scoped(`/logs/search?q=x&${query}`)), 400, name);
  });

  it('answers huge but valid offsets with an empty page, huge ranges with what exists', async () => {
    const page = await h.app.inject(scoped(`/api/v0/tasks?offset=${Number.MAX_SAFE_INTEGER}`));
    expect(page.statusCode).toBe(200);
    expect(page.json().data.result.result).toEqual([]);
    const range = await h.app.inject(
      logFileUrl(`filename=raylet.out&start=0&end=${Number.MAX_SAFE_INTEGER}`),
    );
    expect(range.statusCode).toBe(200);
    expect(range.body).toBe('raylet started\n');
  });
});

describe('size and count', () => {
  it('takes a very long value without trouble', async () => {
    const long = 'a'.repeat(10_000);
    expectRefused(
      await h.app.inject(scoped(`/api/v0/tasks?sort_by=${long}`)),
      400,
      /sort_by must be one of/,
    );
    expectRefused(await h.app.inject(logFileUrl(`filename=${long}`)), 404, /No log file/);
    expectRefused(
      await h.app.inject(scoped(`/logs/search?q=${long}`)),
      400,
      /q must be at most 1000/,
    );
    expectRefused(
      await h.app.inject(scoped(`/api/v0/logs?node_id=${ids.head}&glob=${long}`)),
      400,
      /glob must be at most 1000/,
    );
    const job = await h.app.inject(scoped(`/api/jobs/${long}`));
    expectRefused(job, 414, /max param length/);
    expect(job.json().message.length).toBeLessThan(400);
    // A file name too long for any file system: explained, not a bare 403 from the file server.
    expectRefused(await h.app.inject(`/assets/${long}.js`), 414, /max param length/);
  });

  it('answers a glob of many stars at once (no backtracking blow-up)', async () => {
    const started = Date.now();
    const glob = `${'*'.repeat(500)}a${'*'.repeat(400)}b`;
    const res = await h.app.inject(scoped(`/api/v0/logs?node_id=${ids.head}&glob=${glob}`));
    expect(res.statusCode).toBe(200);
    const search = await h.app.inject(scoped(`/logs/search?q=x&glob=${glob}`));
    expect(search.statusCode).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses thousands of task filters by name, and thousands of other parameters are ignored', async () => {
    const filters = Array.from(
      { length: 5000 },
      (_, i) => `filter_keys=state&filter_predicates=%3D&filter_values=S${i}`,
    ).join('&');
    expectRefused(
      await h.app.inject(scoped(`/api/v0/tasks?${filters}`)),
      400,
      /at most 50 filters/,
    );
    const noise = Array.from({ length: 5000 }, (_, i) => `p${i}=${i}`).join('&');
    const res = await h.app.inject(scoped(`/api/v0/tasks?${noise}`));
    expect(res.statusCode).toBe(200);
    expect(res.json().data.result.total).toBe(4);
  });

  it('refuses a parameter given twice where one is expected, naming it', async () => {
    expectRefused(
      await h.app.inject(scoped('/api/v0/tasks?limit=1&limit=2')),
      400,
      /limit must be given once/,
    );
    expectRefused(
      await h.app.inject(logFileUrl('filename=a&filename=b')),
      400,
      /filename must be given once/,
    );
    expectRefused(
      await h.app.inject('/api/sessions?page=1&page=2'),
      400,
      /page must be given once/,
    );
  });

  it('refuses unknown parameters on our own list, and odd keys never pollute anything', async () => {
    expectRefused(
      await h.app.inject('/api/sessions?__proto__=1'),
      400,
      /unknown query parameter __proto__/,
    );
    const res = await h.app.inject(scoped('/api/v0/tasks?__proto__[x]=1&constructor=2&toString=3'));
    expect(res.statusCode).toBe(200);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('keeps serving the right data afterwards', async () => {
    await expectStillServing(h.app);
  });
});
