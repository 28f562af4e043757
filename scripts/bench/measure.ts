import { performance } from 'node:perf_hooks';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { FsStorage } from '../../server/storage/fs-storage.ts';
import { warmParsePool } from '../../server/history/ingest/parse-pool.ts';
import { RegexWorkers } from '../../server/history/logs/regex-workers.ts';
import { apiPaths } from '../../contract/paths.ts';
import type { SessionInfo } from '../../contract/api.ts';
import { naiveLoad } from './naive-load.ts';
import { startParseFloor, timedFloor } from './parse-floor.ts';

// One measurement in a fresh process (started by run.ts with --expose-gc), so peak RSS and
// heap deltas belong to that measurement alone. Prints one JSON line.

export interface LoadMeasurement {
  loadMs: number;
  peakRssBytes: number;
  /** Heap + external bytes still held after the load, after GC. */
  retainedBytes: number;
  events: number;
  attempts: number;
  storedBytes: number;
}

export interface Latency {
  label: string;
  firstMs: number;
  medianMs: number;
}

export interface OursMeasurement extends LoadMeasurement {
  latencies: Latency[];
}

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  gc();
  gc();
}

function heldBytes(): number {
  collect();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

const peakRss = () => process.resourceUsage().maxRSS * 1024;

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

async function measureOurs(root: string, session: SessionInfo): Promise<OursMeasurement> {
  // A cold load: never answered from (nor writing) a persisted snapshot.
  const config = loadConfig({
    STORAGE_URL: `file://${root}`,
    SNAPSHOT_CACHE_MB: '65536',
    SNAPSHOT_DIR_MAX_MB: '0',
  });
  const regexWorkers = new RegexWorkers(config.server.regexSearches);
  const app = await buildApp({ config, storage: new FsStorage(root), logger: false, regexWorkers });
  const scope = {
    namespace: session.namespace,
    kind: session.kind,
    name: session.name,
    session: session.sessionName,
  };
  const get = async (rayPath: string) => {
    const res = await app.inject(apiPaths.scoped(scope, rayPath));
    if (res.statusCode !== 200) throw new Error(`${rayPath}: ${res.statusCode} ${res.body}`);
    return res;
  };
  await get('/info');
  // A running server started its parse threads at startup (server/index.ts) and its regex
  // workers once ready (app.ts); so does this one, before the timed load: loading those threads
  // (seconds of CPU run from source) is not the session's cold load.
  await warmParsePool();
  await regexWorkers.warmUp();
  const before = heldBytes();
  const load = await timed(() => get('/api/v0/tasks?limit=1'));
  const retainedBytes = heldBytes() - before;
  const summary = (await get('/summary')).json();
  const status = (await get('/load_progress')).json();
  const attempts: number = summary.tasks.attempts;
  const deep = Math.min(900_000, Math.floor(attempts * 0.9));
  const pages: [string, string][] = [
    ['task page, offset 0, unsorted', `/api/v0/tasks?limit=100&offset=0`],
    [`task page, offset ${deep}, unsorted`, `/api/v0/tasks?limit=100&offset=${deep}`],
    [
      'task page, offset 0, sorted by start',
      `/api/v0/tasks?limit=100&offset=0&sort_by=start_time_ms&order=desc`,
    ],
    [
      `task page, offset ${deep}, sorted by start`,
      `/api/v0/tasks?limit=100&offset=${deep}&sort_by=start_time_ms&order=desc`,
    ],
    [
      `failed tasks, filtered`,
      `/api/v0/tasks?limit=100&filter_keys=state&filter_predicates==&filter_values=FAILED`,
    ],
  ];
  const latencies: Latency[] = [];
  for (const [label, path] of pages) {
    const first = await timed(() => get(path));
    const rest: number[] = [];
    for (let i = 0; i < 5; i++) rest.push((await timed(() => get(path))).ms);
    rest.sort((a, b) => a - b);
    latencies.push({ label, firstMs: first.ms, medianMs: rest[2]! });
  }
  await app.close();
  return {
    loadMs: load.ms,
    peakRssBytes: peakRss(),
    retainedBytes,
    events: summary.events.accepted + summary.events.legacy,
    attempts,
    storedBytes: status.bytesTotal,
    latencies,
  };
}

async function measureNaive(
  root: string,
  session: SessionInfo,
  attempts: number,
): Promise<LoadMeasurement> {
  const before = heldBytes();
  const load = await timed(() => naiveLoad(new FsStorage(root), session));
  const retainedBytes = heldBytes() - before;
  return {
    loadMs: load.ms,
    peakRssBytes: peakRss(),
    retainedBytes,
    events: load.value.events.length,
    attempts,
    storedBytes: load.value.bytesRead,
  };
}

async function measureFloor(
  root: string,
  session: SessionInfo,
  attempts: number,
): Promise<LoadMeasurement> {
  const floor = await startParseFloor();
  const before = heldBytes();
  const load = await timedFloor(floor, new FsStorage(root), session);
  const retainedBytes = heldBytes() - before;
  await floor.close();
  return {
    loadMs: load.loadMs,
    peakRssBytes: peakRss(),
    retainedBytes,
    events: load.events,
    attempts,
    storedBytes: load.storedBytes,
  };
}

const MODES = ['ours', 'naive', 'floor'];

async function main(): Promise<void> {
  const [mode, root, sessionJson, attempts] = process.argv.slice(2);
  if (!root || !sessionJson || !mode || !MODES.includes(mode))
    throw new Error('usage: measure.ts ours|naive|floor ROOT SESSION_JSON [ATTEMPTS]');
  const session = JSON.parse(sessionJson) as SessionInfo;
  const result =
    mode === 'ours'
      ? await measureOurs(root, session)
      : mode === 'naive'
        ? await measureNaive(root, session, Number(attempts ?? 0))
        : await measureFloor(root, session, Number(attempts ?? 0));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
