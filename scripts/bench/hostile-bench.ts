import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { quantile } from '../../server/test/latency.ts';
import type { LoopDelaySummary } from './busy-loop-delay.ts';
import { HOSTILE_PATHS, writeHostileHistory } from '../../server/test/hostile-mix.ts';
import { tempFolder } from '../../server/test/history.ts';
import { runLoad, type LoadResult } from './load-test.ts';
import { startServer } from './server-process.ts';

// The hostile mix (server/hardening/hostile-mix.ts) at full concurrency for a while: whole-file
// reads, ANSI stripping, downloads, big searches, runaway regexes, cold loads, all at once.
// Budgets: nothing but 2xx and the intended refusals (429, 503), RSS under 1 GiB at its peak,
// /livez p99 within 100 ms throughout.

export const HOSTILE_BUDGETS = { peakRssBytes: 1024 ** 3, livezP99Ms: 100 };
const INTENDED_REFUSALS = new Set(['429', '503']);
const LIVEZ_EVERY_MS = 50;

export interface HostileResult {
  seconds: number;
  connections: number;
  logMb: number;
  mix: string[];
  load: LoadResult;
  /** Answers other than 2xx, 429 and 503, plus connection errors. */
  unintended: number;
  peakRssBytes: number;
  livezP99Ms: number;
  livezSamples: number;
  /**
   * The server's event-loop delay over the run (monitorEventLoopDelay in bench-server.ts), and
   * `busy`: the part of it the server's thread spent working (busy-loop-delay.ts).
   */
  loopDelay: (LoopDelaySummary & { busy?: LoopDelaySummary }) | null;
  /** CPU seconds over the run: the server (all threads) and autocannon (this process). */
  cpu: { serverSeconds: number; clientSeconds: number };
}

/**
 * /livez timed from a process of its own: autocannon parsing 16 MiB answers keeps this
 * process's event loop busy, which would be measured as the server's latency.
 */
const PROBE_SCRIPT = `
const [origin, seconds, every] = process.argv.slice(1).map((a, i) => (i ? Number(a) : a));
const until = Date.now() + seconds * 1000;
const samples = [];
(async () => {
  while (Date.now() < until) {
    const started = performance.now();
    await fetch(origin + '/livez').then((res) => res.arrayBuffer()).catch(() => {});
    samples.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, every));
  }
  process.stdout.write(JSON.stringify(samples));
})();
`;

function probeLivez(origin: string, seconds: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-e', PROBE_SCRIPT, origin, String(seconds), String(LIVEZ_EVERY_MS)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', () => {
      try {
        resolve(JSON.parse(out) as number[]);
      } catch {
        reject(new Error('the /livez probe printed no samples'));
      }
    });
  });
}

export async function runHostileMix(
  repo: string,
  options: { seconds: number; connections: number; logMb: number },
): Promise<HostileResult> {
  const history = await tempFolder();
  try {
    await writeHostileHistory(history, options.logMb * 1024 * 1024);
    const loopDelayFile = join(history.dir, 'loop-delay.json');
    const server = await startServer(repo, {
      storageDir: history.dir,
      env: { BENCH_LOOP_DELAY_FILE: loopDelayFile },
    });
    let stopped = false;
    try {
      let next = 0;
      const probing = probeLivez(server.origin, options.seconds);
      const serverCpuBefore = await server.cpuSeconds();
      const clientCpuBefore = process.cpuUsage();
      const load = await runLoad(server.origin, {
        seconds: options.seconds,
        connections: options.connections,
        nextPath: () => HOSTILE_PATHS[next++ % HOSTILE_PATHS.length]!,
        timeoutSeconds: 60,
      });
      const clientCpu = process.cpuUsage(clientCpuBefore);
      const cpu = {
        serverSeconds: (await server.cpuSeconds()) - serverCpuBefore,
        clientSeconds: (clientCpu.user + clientCpu.system) / 1e6,
      };
      const livez = await probing;
      const peakRssBytes = await server.peakRssBytes();
      await server.stop();
      stopped = true;
      const loopDelay = await readFile(loopDelayFile, 'utf8')
        .then((text) => JSON.parse(text) as HostileResult['loopDelay'])
        .catch(() => null);
      const refusedNon2xx = Object.entries(load.statusCodes)
        .filter(([code]) => !code.startsWith('2') && !INTENDED_REFUSALS.has(code))
        .reduce((sum, [, count]) => sum + count, 0);
      return {
        seconds: options.seconds,
        connections: options.connections,
        logMb: options.logMb,
        mix: HOSTILE_PATHS.map((path) => path.replace(/^\/api\/c\/[^/]+\/[^/]+\/[^/]+\/[^/]+/, '')),
        load,
        unintended: refusedNon2xx + load.errors,
        peakRssBytes,
        livezP99Ms: quantile(livez, 0.99),
        livezSamples: livez.length,
        loopDelay,
        cpu,
      };
    } finally {
      if (!stopped) await server.stop();
    }
  } finally {
    await history.remove();
  }
}
