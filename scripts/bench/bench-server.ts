import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { monitorBusyLoopDelay } from './busy-loop-delay.ts';

// The HistoryServer as the bench's separate process: configured from the environment exactly
// like server/index.ts, but on a free loopback port, announced as one JSON line on stdout.

const config = loadConfig(process.env);
const app = await buildApp({ config });
// How long the event loop was held up (a request's wait before it is even read), written where
// BENCH_LOOP_DELAY_FILE says when the bench stops the server: as a timer's lateness, and as the
// part of it this thread spent working (busy-loop-delay.ts: what a shared machine leaves out).
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const busyLoopDelay = monitorBusyLoopDelay();
function writeLoopDelay(): void {
  const file = process.env.BENCH_LOOP_DELAY_FILE;
  if (!file) return;
  const ms = (ns: number) => ns / 1e6;
  const delay = { p50Ms: ms(loopDelay.percentile(50)), p99Ms: ms(loopDelay.percentile(99)) };
  const busy = busyLoopDelay.summary();
  writeFileSync(file, JSON.stringify({ ...delay, maxMs: ms(loopDelay.max), busy }));
}
process.once('SIGTERM', () => {
  writeLoopDelay();
  void app.close().then(() => process.exit(0));
});
await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ port: (app.server.address() as AddressInfo).port })}\n`);
