import type { SampleManifest } from '../sample/manifest.ts';
import {
  jobsPath,
  largestLog,
  loadProgressPath,
  logTailPath,
  summaryPath,
  taskPages,
} from './bench-paths.ts';
import { failures, runLoad, type LoadResult } from './load-test.ts';
import type { ServerProcess } from './server-process.ts';
import { memoryGrowth, type MemoryGrowth, type RssSample } from './stats.ts';

// A bounded soak: mixed requests at a fixed concurrency across every session of a sample,
// while the server holds at most one session (SNAPSHOT_CACHE_MB=1), so sessions are evicted and
// cold-loaded again all the time. Counts every failure and samples the server's RSS each second.

/** The soak server's snapshot budget: one session at a time, every switch is a cold load. */
export const SOAK_SNAPSHOT_CACHE_MB = 1;
/** A request unanswered this long counts as an error. */
const SOAK_TIMEOUT_SECONDS = 60;
const RSS_EVERY_MS = 1000;
const PROGRESS_EVERY_MS = 100;

export interface SoakResult {
  seconds: number;
  connections: number;
  sessions: number;
  /** One round of the mix, per session. */
  mix: string[];
  load: LoadResult;
  failures: number;
  /** Loads seen starting on /load_progress (polled, so a lower bound). */
  coldLoadsObserved: number;
  rss: RssSample[];
  growth: MemoryGrowth;
  /** /readz answered 200 after the soak. */
  servesAfter: boolean;
}

/** Polls every session's /load_progress and counts idle → loading/ready transitions. */
function watchColdLoads(server: ServerProcess, paths: string[]) {
  const last = new Map<string, string>();
  let loads = 0;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void Promise.all(
      paths.map(async (path) => {
        try {
          const res = await fetch(`${server.origin}${path}`);
          const { state } = (await res.json()) as { state: string };
          if (last.get(path) === 'idle' && state !== 'idle') loads++;
          last.set(path, state);
        } catch {
          // The poller only observes; the load generator counts failures.
        }
      }),
    ).finally(() => (busy = false));
  }, PROGRESS_EVERY_MS);
  return {
    stop() {
      clearInterval(timer);
      return loads;
    },
  };
}

function sampleRss(server: ServerProcess, started: number) {
  const samples: RssSample[] = [];
  const timer = setInterval(() => {
    void server
      .rssBytes()
      .then((bytes) => samples.push({ atMs: performance.now() - started, bytes }))
      .catch(() => undefined); // The process is gone: the failures and /readz will say so.
  }, RSS_EVERY_MS);
  return {
    stop() {
      clearInterval(timer);
      return samples;
    },
  };
}

export async function runSoak(
  server: ServerProcess,
  storageDir: string,
  manifest: SampleManifest,
  options: { seconds: number; connections: number },
): Promise<SoakResult> {
  const requests: (() => string)[] = [];
  for (const s of manifest.sessions) {
    const log = await largestLog(storageDir, s);
    const pages = taskPages(s);
    requests.push(
      () => jobsPath(s),
      pages,
      () => summaryPath(s),
    );
    if (log) requests.push(() => logTailPath(s, log));
  }
  let next = 0;
  const nextPath = () => requests[next++ % requests.length]!();

  console.log(
    `Soak: ${options.seconds} s at ${options.connections} connections over ${manifest.sessions.length} sessions ...`,
  );
  const started = performance.now();
  const coldLoads = watchColdLoads(server, manifest.sessions.map(loadProgressPath));
  const rss = sampleRss(server, started);
  const load = await runLoad(server.origin, {
    ...options,
    nextPath,
    timeoutSeconds: SOAK_TIMEOUT_SECONDS,
  });
  const samples = rss.stop();
  const coldLoadsObserved = coldLoads.stop();
  const servesAfter = await fetch(`${server.origin}/readz`).then(
    (res) => res.status === 200,
    () => false,
  );
  return {
    ...options,
    sessions: manifest.sessions.length,
    mix: ['jobs list', 'tasks page (random)', 'summary', 'log tail (largest file)'],
    load,
    failures: failures(load),
    coldLoadsObserved,
    rss: samples,
    growth: memoryGrowth(samples),
    servesAfter,
  };
}
