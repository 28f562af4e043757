import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectRefused,
  expectStillServing,
  hostileHistory,
  ids,
  scoped,
  type HostileHistory,
} from '../test/hostile.ts';

// Search patterns from users: invalid ones answer 400 with the regex error, runaway shapes are
// refused up front, and whatever gets through runs under a time budget, so a scan always ends.

let h: HostileHistory;
beforeAll(async () => {
  h = await hostileHistory();
  // Lines a polynomial regex chokes on: long runs of one character with no match.
  await h.writeLog('long-runs.log', `${'x'.repeat(200_000)}\n`.repeat(3));
});
afterAll(() => h.close());

const search = (query: string) => h.app.inject(scoped(`/logs/search?node_id=${ids.head}&${query}`));
const records = (body: string) =>
  body
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('search patterns', () => {
  it.each([
    ['[unclosed', /q is not a valid regular expression: .*Unterminated character class/],
    ['(open', /q is not a valid regular expression: .*Unterminated group/],
    ['a{2,1}', /q is not a valid regular expression: .*numbers out of order/],
    ['*start', /q is not a valid regular expression: .*Nothing to repeat/],
  ])('refuses the invalid regex %s naming the error', async (q, message) => {
    expectRefused(await search(`mode=regex&q=${encodeURIComponent(q)}`), 400, message);
  });

  it.each([
    ['(a+)+$', /nested quantifiers/],
    ['(.*a){20}', /nested quantifiers/],
    ['(a|aa)*b', /quantified alternation/],
    ['(x+x+)+y', /nested quantifiers/],
    ['(\\w+\\s?)*$', /nested quantifiers/],
    ['(a)\\1', /backreferences/],
    ['(?<=a)b', /lookarounds/],
  ])('refuses the catastrophic regex %s before scanning', async (q, message) => {
    expectRefused(await search(`mode=regex&q=${encodeURIComponent(q)}`), 400, message);
  });

  it('refuses an empty and a huge pattern', async () => {
    expectRefused(await search('q='), 400, /q is required/);
    expectRefused(await search('mode=regex&q='), 400, /q is required/);
    expectRefused(await search(`q=${'a'.repeat(1001)}`), 400, /q must be at most 1000 characters/);
  });

  it('stops a polynomial regex at its time budget, promptly, saying so', async () => {
    for (const q of ['x+y', '\\w*\\w*\\w*z']) {
      const started = Date.now();
      const res = await search(`mode=regex&time_budget_ms=300&q=${encodeURIComponent(q)}`);
      const took = Date.now() - started;
      expect(res.statusCode).toBe(200);
      const done = records(res.body).at(-1);
      expect(done).toMatchObject({ type: 'done', truncated: true, reason: 'time_budget' });
      expect(took).toBeLessThan(3000);
    }
  });

  it('still finds matches in regex mode within the budget', async () => {
    const res = await search('mode=regex&q=raylet%20st(a|o)rted');
    const found = records(res.body).filter((r) => r.type === 'match');
    expect(found).toMatchObject([{ file: 'raylet.out', line: 1, text: 'raylet started' }]);
    expect(records(res.body).at(-1)).toMatchObject({ type: 'done', truncated: false });
  });

  it('searches literally in plain mode, so regex syntax is just text', async () => {
    const res = await search(`q=${encodeURIComponent('(a+)+$')}`);
    expect(res.statusCode).toBe(200);
    expect(records(res.body).at(-1)).toMatchObject({ type: 'done', matches: 0, truncated: false });
  });

  it('keeps serving the right data afterwards', async () => {
    await expectStillServing(h.app);
  });
});
