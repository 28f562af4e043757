import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../../scripts/bench/server-process.ts';
import { tempFolder, type TempFolder } from '../test/history.ts';
import { hostileClients, INTENDED_STATUSES, writeHostileHistory } from '../test/hostile-mix.ts';
import { probeWhile, quantile } from '../test/latency.ts';

// 64 clients asking at once for whole 16 MiB log slices (and worse) used to hold 64 answers in
// memory, several copies each: RSS reached 3.3 GiB. Large answers now share one byte budget
// (RESPONSE_BUDGET_MB) and wait their turn or get 503 + Retry-After. The server runs as its own
// process here, so its RSS is its alone.

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const GIB = 1024 ** 3;

let history: TempFolder;
let server: ServerProcess;
beforeAll(async () => {
  history = await tempFolder();
  await writeHostileHistory(history, 24 * 1024 * 1024);
  server = await startServer(REPO, {
    storageDir: history.dir,
    env: process.env.BUDGET ? { RESPONSE_BUDGET_MB: process.env.BUDGET } : {},
  });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await history?.remove();
});

describe('memory under 64 concurrent worst-case requests', () => {
  it('keeps RSS under 1 GiB, and /livez answering throughout', async () => {
    const answers = hostileClients(server.origin, 64);
    const latencies = await probeWhile(() => fetch(`${server.origin}/livez`), answers);
    const statuses = await answers;

    expect(statuses.filter((status) => !INTENDED_STATUSES.includes(status))).toEqual([]);
    // Most were served: the budget queues before it refuses.
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(32);
    expect(await server.peakRssBytes()).toBeLessThan(GIB);
    // The p99 ≤ 100 ms budget is the bench's (hostile-mix row, a quiet machine): on a machine
    // shared by other test runs the tail here measures their load. The median and the worst
    // case still show the server never stalls.
    expect(quantile(latencies, 0.5)).toBeLessThanOrEqual(100);
    expect(Math.max(...latencies)).toBeLessThan(5000);
  }, 60_000);
});
