import type { ManifestSession } from '../sample/manifest.ts';
import { jobsPath, largestLog, logTailPath, taskPages, type LogFile } from './bench-paths.ts';
import { runLoad, type LoadResult } from './load-test.ts';
import { getOk, type ServerProcess } from './server-process.ts';

// API throughput on loopback at a fixed concurrency, each route against serving a static file
// from the same server in the same run (ratio = route req/s ÷ static req/s). The session is
// loaded before any timing, so no cold load is in the figures. The routes run in alternated
// rounds (static, jobs, tasks, log tail, then again): this 2-core VM's speed drifts by up to
// 1.8x between runs minutes apart (the static file alone read 3,300-5,900 req/s), so each
// ratio is taken within a round and the median round is reported.

/**
 * The SPA's index.html, the file this baseline has always served. It is no longer reachable as
 * `/index.html` (it is sent with a per-response style nonce), so it is asked for as `/`.
 */
export const STATIC_PATH = '/';
const WARM_UP_REQUESTS = 3;
/** Slow routes stay measured (not counted as errors) while they answer within this. */
const TIMEOUT_SECONDS = 120;
/** Rounds of every route; each route's figures are those of its median round. */
export const API_ROUNDS = 3;

export interface ApiRoute {
  key: 'static' | 'jobs' | 'tasks' | 'tasksAllFields' | 'logTail';
  label: string;
  result: LoadResult;
  /** How long the server took after the run to finish the requests still queued. */
  drainMs: number;
  /** The static file's req/s in the same round as `result` (the route's own baseline). */
  pairedStaticRps?: number;
  /** req/s ÷ the same round's static req/s, for every round (static: its req/s). */
  roundRatios?: number[];
}

export interface ApiResult {
  connections: number;
  /** Seconds of each route in each round. */
  seconds: number;
  rounds?: number;
  logFile: LogFile | null;
  routes: ApiRoute[];
}

export async function runApiBench(
  server: ServerProcess,
  storageDir: string,
  session: ManifestSession,
  options: { seconds: number; connections: number },
): Promise<ApiResult> {
  const log = await largestLog(storageDir, session);
  const routes: { key: ApiRoute['key']; label: string; nextPath: () => string }[] = [
    {
      key: 'static',
      label: `static file index.html (${STATIC_PATH})`,
      nextPath: () => STATIC_PATH,
    },
    { key: 'jobs', label: 'jobs list', nextPath: () => jobsPath(session) },
    {
      key: 'tasks',
      label: "tasks page as the SPA asks (100 rows, random page, the table's fields)",
      nextPath: taskPages(session),
    },
    {
      key: 'tasksAllFields',
      label: "tasks page, every field (as Ray's own clients ask; no budget)",
      nextPath: taskPages(session, true),
    },
  ];
  if (log)
    routes.push({
      key: 'logTail',
      label: `log tail (1000 lines of a ${(log.bytes / 1024 / 1024).toFixed(1)} MiB file)`,
      nextPath: () => logTailPath(session, log),
    });
  // Every path answers once before the load, so a broken route fails here, clearly.
  for (const route of routes) await getOk(`${server.origin}${route.nextPath()}`);

  const rounds: ApiRoute[][] = [];
  for (let round = 0; round < API_ROUNDS; round++) {
    const measured: ApiRoute[] = [];
    for (const route of routes) {
      console.log(
        `API load: ${route.label}, ${options.connections} connections, round ${round + 1} of ${API_ROUNDS} ...`,
      );
      // Untimed sequential requests first (JIT, sort orders cached on first use): sequential, so
      // they leave no backlog behind for the timed run.
      for (let i = 0; i < WARM_UP_REQUESTS; i++) await getOk(`${server.origin}${route.nextPath()}`);
      const result = await runLoad(server.origin, {
        ...options,
        nextPath: route.nextPath,
        timeoutSeconds: TIMEOUT_SECONDS,
      });
      const drainMs = await drain(server);
      measured.push({ key: route.key, label: route.label, result, drainMs });
    }
    rounds.push(measured);
  }
  return { ...options, rounds: API_ROUNDS, logFile: log, routes: medianRounds(rounds) };
}

/**
 * Each route's median round: the static file's by req/s, every other route's by its ratio to
 * the static file in the same round (reported with that round's static req/s).
 */
export function medianRounds(rounds: ApiRoute[][]): ApiRoute[] {
  const middle = <T>(xs: T[], by: (x: T) => number): T =>
    [...xs].sort((a, b) => by(a) - by(b))[xs.length >> 1]!;
  return rounds[0]!.map((first, i) => {
    const runs = rounds.map((round) => ({ run: round[i]!, baseline: round[0]! }));
    if (first.key === 'static') {
      const rps = runs.map(({ run }) => run.result.requestsPerSecond);
      return { ...middle(runs, ({ run }) => run.result.requestsPerSecond).run, roundRatios: rps };
    }
    const ratioOf = ({ run, baseline }: (typeof runs)[number]) =>
      run.result.requestsPerSecond / Math.max(1e-9, baseline.result.requestsPerSecond);
    const median = middle(runs, ratioOf);
    return {
      ...median.run,
      pairedStaticRps: median.baseline.result.requestsPerSecond,
      roundRatios: runs.map(ratioOf),
    };
  });
}

/**
 * Waits until the server has worked off what the load left queued (the server finishes requests
 * whose client has gone): a probe queued behind them answers when they are done.
 */
async function drain(server: ServerProcess): Promise<number> {
  const started = performance.now();
  await getOk(`${server.origin}/livez`);
  return performance.now() - started;
}
