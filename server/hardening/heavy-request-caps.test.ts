import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Slots } from '../http/slots.ts';
import {
  expectRefused,
  expectStillServing,
  hostileHistory,
  ids,
  logFileUrl,
  scoped,
  type HostileHistory,
} from '../test/hostile.ts';

// Plain and case searches run on the thread that answers everyone. Without a cap, 32 searches
// for a needle found nowhere in a 300 MiB log shared that thread for minutes and their clients
// timed out (hostile-mix bench row); past the cap a search now gets 429 with Retry-After.
// Downloads (whole files) are capped the same way.

describe('the caps on literal searches', () => {
  it('refuses past the per-user and per-process caps, and frees a slot once', () => {
    const slots = new Slots({ perProcess: 3, perUser: 2 }, 'log searches');
    const first = slots.take('ann');
    slots.take('ann');
    expect(() => slots.take('ann')).toThrow(/You already run 2 log searches/);
    const bob = slots.take('bob');
    expect(() => slots.take('cy')).toThrow(/server already runs 3 log searches/);
    first();
    first(); // a second release gives back nothing more
    slots.take('ann');
    expect(() => slots.take('cy')).toThrow(/server already runs 3 log searches/);
    bob();
    slots.take('cy');
  });
});

describe('literal searches over HTTP', () => {
  let h: HostileHistory;
  beforeAll(async () => {
    h = await hostileHistory({
      LOG_SEARCHES_MAX: '4',
      LOG_SEARCHES_PER_USER: '2',
      LOG_DOWNLOADS_MAX: '4',
      LOG_DOWNLOADS_PER_USER: '2',
    });
    // Big enough that three searches started together are still running when the third asks.
    await h.writeLog('big.log', '\u001b[32mINFO\u001b[0m worker line\n'.repeat(400_000));
  }, 60_000);
  afterAll(() => h.close());

  const search = (remoteAddress: string) =>
    h.app.inject({
      url: scoped(`/logs/search?node_id=${ids.head}&q=never-there&glob=big.log`),
      remoteAddress,
    });

  it('answers 429 with Retry-After to a user past the cap, while the others finish', async () => {
    const answers = await Promise.all([search('10.0.0.1'), search('10.0.0.1'), search('10.0.0.1')]);
    expect(answers.map((res) => res.statusCode).sort()).toEqual([200, 200, 429]);
    const refused = answers.find((res) => res.statusCode === 429)!;
    expectRefused(refused, 429, /You already run 2 log searches/);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('gives every slot back when a search ends', async () => {
    for (let i = 0; i < 5; i++) expect((await search('10.0.0.2')).statusCode).toBe(200);
  });

  const download = (remoteAddress: string) =>
    h.app.inject({ url: logFileUrl('filename=big.log&download=true'), remoteAddress });

  it('answers 429 with Retry-After to a third download at once by one user, and frees slots', async () => {
    const answers = await Promise.all([1, 2, 3].map(() => download('10.0.0.3')));
    expect(answers.map((res) => res.statusCode).sort()).toEqual([200, 200, 429]);
    const refused = answers.find((res) => res.statusCode === 429)!;
    expectRefused(refused, 429, /You already run 2 log downloads/);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    for (let i = 0; i < 3; i++) expect((await download('10.0.0.3')).statusCode).toBe(200);
    await expectStillServing(h.app);
  });
});
