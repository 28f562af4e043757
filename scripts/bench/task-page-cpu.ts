import { readFileSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { loadConfig } from '../../server/config.ts';
import { taskListJson, type TaskQuery } from '../../server/history/events/index.ts';
import { PersistedSnapshots } from '../../server/history/persisted/persisted-snapshots.ts';
import { STATE_API_JSON } from '../../server/routes/session/envelopes.ts';
import { createStorage } from '../../server/storage/create-storage.ts';
import { MANIFEST_FILE, type SampleManifest } from '../sample/manifest.ts';
import { TASK_PAGE_SIZE } from './bench-paths.ts';
import { largestSession, sessionInfo } from './samples.ts';

// CPU time of one tasks page in process, on a bench sample's largest session: the page the api
// row asks for (random pages, default sort), written by `taskListJson`, then brotli-compressed as
// the server does. The session comes from SNAPSHOT_DIR when a snapshot of it is there (else it
// is parsed and persisted). Prints one JSON line: µs per page per round, for A/B runs of two
// versions of the code in back-to-back processes (docs/bench.md, "API on loopback").
//
//   node --import tsx scripts/bench/task-page-cpu.ts SAMPLE_DIR SNAPSHOT_DIR [ROUNDS] [PAGES]

const [sampleDir, snapshotDir, roundsArg = '10', pagesArg = '500'] = process.argv.slice(2);
if (!sampleDir || !snapshotDir)
  throw new Error('usage: task-page-cpu.ts SAMPLE_DIR SNAPSHOT_DIR [ROUNDS] [PAGES]');
const rounds = Number(roundsArg);
const pagesPerRound = Number(pagesArg);

const manifest = JSON.parse(readFileSync(join(sampleDir, MANIFEST_FILE), 'utf8')) as SampleManifest;
const session = sessionInfo(largestSession(manifest));
const config = loadConfig({
  STORAGE_URL: pathToFileURL(realpathSync(sampleDir)).href,
  SNAPSHOT_DIR: resolve(snapshotDir),
  SNAPSHOT_DIR_MAX_MB: '65536',
});
const storage = createStorage(config.storage);
const persisted = PersistedSnapshots.fromConfig(config.snapshots, config.storage, storage, () =>
  Promise.resolve([session]),
);
let source = '';
const loadStarted = performance.now();
const { snapshot } = await persisted.load(session, { onSource: (s) => (source = s) });
const loadMs = performance.now() - loadStarted;
await persisted.idle();

const query = (offset: number): TaskQuery => ({
  detail: false,
  limit: TASK_PAGE_SIZE,
  offset,
  filters: [],
  excludeDriver: true,
  sortBy: 'creation_time_ms',
  order: 'asc',
});
const first = JSON.parse(taskListJson(snapshot, query(0)).toString('utf8')) as {
  num_filtered: number;
};
const pageCount = Math.max(1, Math.ceil(first.num_filtered / TASK_PAGE_SIZE));
// The bench's page order (bench-paths.ts taskPages): xorshift32 over the session's pages.
let state = 0x2545f491;
function nextOffset(): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return ((state >>> 0) % pageCount) * TASK_PAGE_SIZE;
}

const brotli = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 0 } };
const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

const write: number[] = [];
const compress: number[] = [];
let bytes = 0;
// The first round warms the JIT and is not reported.
for (let round = 0; round <= rounds; round++) {
  const offsets = Array.from({ length: pagesPerRound }, nextOffset);
  const pages: Buffer[] = [];
  let started = cpuMicros();
  for (const offset of offsets) pages.push(taskListJson(snapshot, query(offset), STATE_API_JSON));
  const writeMicros = (cpuMicros() - started) / pagesPerRound;
  started = cpuMicros();
  for (const page of pages) zlib.brotliCompressSync(page, brotli);
  const compressMicros = (cpuMicros() - started) / pagesPerRound;
  if (round === 0) continue;
  write.push(Math.round(writeMicros));
  compress.push(Math.round(compressMicros));
  bytes = pages.reduce((sum, p) => sum + p.length, 0) / pages.length;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
console.log(
  JSON.stringify({
    attempts: snapshot.tasks.count,
    source,
    loadMs: Math.round(loadMs),
    pageBytes: Math.round(bytes),
    writeMicros: { min: Math.min(...write), median: median(write), rounds: write },
    compressMicros: { min: Math.min(...compress), median: median(compress) },
  }),
);
