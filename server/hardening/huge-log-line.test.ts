import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeLogKey } from '../history/layout.ts';
import { MAX_SLICE_BYTES } from '../history/logs/log-slice.ts';
import {
  expectStillServing,
  hostileHistory,
  ids,
  logFileUrl,
  scoped,
  session,
  type HostileHistory,
} from '../test/hostile.ts';

// A log file that is one 200 MB line: tails, ranges and searches stay bounded in memory and
// time (before the cap, `lines=2` on it held the whole file and grew the process by >1 GB).

const LINE_MB = 200;
let h: HostileHistory;

beforeAll(async () => {
  h = await hostileHistory();
  await h.writeLog('huge.log', 'first line\n');
  const out = createWriteStream(join(h.history.dir, nodeLogKey(session, ids.head, 'huge.log')), {
    flags: 'a',
  });
  const block = Buffer.alloc(1024 * 1024, 'x');
  for (let i = 0; i < LINE_MB; i++) if (!out.write(block)) await once(out, 'drain');
  out.end('NEEDLE\nlast line\n');
  await once(out, 'finish');
}, 60_000);
afterAll(() => h.close());

/** Runs `work`, returning how much the process grew (RSS) and how long it took. */
async function measured<T>(work: () => Promise<T>) {
  const rss = process.memoryUsage().rss;
  const started = Date.now();
  const result = await work();
  return { result, grownMb: (process.memoryUsage().rss - rss) / 2 ** 20, ms: Date.now() - started };
}

describe('a 200 MB line in a log file', () => {
  it('tails with lines=N in bounded memory, answering at most the cap, offsets saying where', async () => {
    for (const lines of [2, 1000, -1]) {
      const { result: res, grownMb } = await measured(() =>
        h.app.inject(logFileUrl(`filename=huge.log&lines=${lines}`)),
      );
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.length).toBeLessThanOrEqual(MAX_SLICE_BYTES);
      expect(res.body.endsWith('NEEDLE\nlast line\n')).toBe(true);
      const size = Number(res.headers['x-log-file-size']);
      expect(Number(res.headers['x-log-start-offset'])).toBe(size - res.rawPayload.length);
      expect(res.headers['x-log-first-line']).toBeUndefined();
      expect(grownMb).toBeLessThan(160);
    }
    const one = await h.app.inject(logFileUrl('filename=huge.log&lines=1'));
    expect(one.body).toBe('last line\n');
  });

  it('caps byte ranges and "load earlier" pages the same way', async () => {
    const range = await h.app.inject(logFileUrl(`filename=huge.log&start=0&end=${300 * 2 ** 20}`));
    expect(range.statusCode).toBe(200);
    expect(range.rawPayload.length).toBeLessThanOrEqual(MAX_SLICE_BYTES + 2 ** 20);
    expect(range.body.startsWith('first line\nxxx')).toBe(true);
    const earlier = await h.app.inject(
      logFileUrl(`filename=huge.log&before=${150 * 2 ** 20}&bytes=${10 ** 12}`),
    );
    expect(earlier.statusCode).toBe(200);
    expect(earlier.rawPayload.length).toBeLessThanOrEqual(MAX_SLICE_BYTES);
  });

  it('is searched across in bounded memory, finding what follows it', async () => {
    const { result: res, grownMb } = await measured(() =>
      h.app.inject(scoped(`/logs/search?q=NEEDLE&node_id=${ids.head}&glob=huge.log&context=0`)),
    );
    const records = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const match = records.find((r) => r.type === 'match');
    expect(match.file).toBe('huge.log');
    expect(match.text.endsWith('NEEDLE')).toBe(true);
    expect(records.at(-1)).toMatchObject({ type: 'done', matches: 1, truncated: false });
    expect(grownMb).toBeLessThan(160);
  });

  it('leaves the server serving the right data', async () => {
    await expectStillServing(h.app);
  });
});
