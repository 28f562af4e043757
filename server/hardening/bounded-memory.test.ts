import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoopDelaySummary } from '../../scripts/bench/busy-loop-delay.ts';
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
    env: {
      BENCH_LOOP_DELAY_FILE: join(history.dir, 'loop-delay.json'),
      ...(process.env.BUDGET ? { RESPONSE_BUDGET_MB: process.env.BUDGET } : {}),
    },
  });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await history?.remove();
});

describe('memory under 64 concurrent worst-case requests', () => {
  it('keeps RSS under 1 GiB, and the event loop answering throughout', async () => {
    const answers = hostileClients(server.origin, 64);
    const latencies = await probeWhile(() => fetch(`${server.origin}/livez`), answers);
    const statuses = await answers;

    expect(statuses.filter((status) => !INTENDED_STATUSES.includes(status))).toEqual([]);
    // Most were served: the budget queues before it refuses.
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(32);
    expect(await server.peakRssBytes()).toBeLessThan(GIB);
    // /livez p99 ≤ 100 ms is the budget, but a probe on a machine shared with other test
    // runs waits for a core like everyone: its tail measures their load (p99 666 ms at load
    // average 19). The server's own loop delay counted in its CPU time (busy-loop-delay.ts)
    // leaves the machine out. Its p99 was 65–78 ms in this test before log answers and searches
    // went out a bounded piece per turn, 24–32 ms after (load average 10–17, docs/hardening.md
    // "Round 4"): 50 ms tells the two apart with room on both sides.
    await server.stop();
    const loopDelay = JSON.parse(await readFile(join(history.dir, 'loop-delay.json'), 'utf8')) as {
      busy: LoopDelaySummary;
    };
    expect(loopDelay.busy.p99Ms).toBeLessThanOrEqual(50);
    // The probe's median and worst case still show the server never stalls.
    expect(quantile(latencies, 0.5)).toBeLessThanOrEqual(100);
    expect(Math.max(...latencies)).toBeLessThan(5000);
  }, 60_000);
});
