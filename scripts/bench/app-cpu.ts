import { readFileSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { MANIFEST_FILE, type SampleManifest } from '../sample/manifest.ts';
import { STATIC_PATH } from './api-bench.ts';
import { taskPages } from './bench-paths.ts';
import { largestSession } from './samples.ts';

// CPU time per request of the whole app in process (routing, hooks, the answer, compression;
// no socket): `app.inject` of the api row's static file and random tasks pages, with a browser's
// Accept-Encoding, on a bench sample's largest session loaded from SNAPSHOT_DIR when a snapshot of
// it is there. Steadier than the server's CPU under a load (api-cpu.ts) on a busy machine, where
// the share of the machine a process gets moves its CPU per request. Prints one JSON line: median
// µs per request and every round, for A/B runs of two checkouts in back-to-back processes
// (docs/bench.md, "API on loopback"). `inject` itself costs more than the static answer, so
// compare the tasks figures between versions, not the two routes.
//
//   node --import tsx scripts/bench/app-cpu.ts SAMPLE_DIR SNAPSHOT_DIR [ROUNDS] [REQUESTS]

const [sampleArg, snapshotArg, roundsArg = '6', requestsArg = '200'] = process.argv.slice(2);
if (!sampleArg || !snapshotArg)
  throw new Error('usage: app-cpu.ts SAMPLE_DIR SNAPSHOT_DIR [ROUNDS] [REQUESTS]');
const rounds = Number(roundsArg);
const requests = Number(requestsArg);
const storageDir = realpathSync(sampleArg);
const manifest = JSON.parse(
  readFileSync(join(storageDir, MANIFEST_FILE), 'utf8'),
) as SampleManifest;
const config = loadConfig({
  STORAGE_URL: pathToFileURL(storageDir).href,
  SNAPSHOT_DIR: resolve(snapshotArg),
  SNAPSHOT_CACHE_MB: '4096',
});
const app = await buildApp({ config, logger: false });
await app.ready();
const headers = { 'accept-encoding': 'gzip, deflate, br, zstd' };
async function get(url: string): Promise<void> {
  const reply = await app.inject({ method: 'GET', url, headers });
  if (reply.statusCode !== 200) throw new Error(`GET ${url}: ${reply.statusCode}`);
}
const routes = { static: () => STATIC_PATH, tasks: taskPages(largestSession(manifest)) };
// Loads the session and warms the JIT; not measured.
for (let i = 0; i < 50; i++) for (const next of Object.values(routes)) await get(next());

const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
const perRound: Record<keyof typeof routes, number[]> = { static: [], tasks: [] };
for (let round = 0; round < rounds; round++)
  for (const [key, next] of Object.entries(routes) as [keyof typeof routes, () => string][]) {
    const started = cpuMicros();
    for (let i = 0; i < requests; i++) await get(next());
    perRound[key].push(Math.round((cpuMicros() - started) / requests));
  }
await app.close();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
console.log(
  JSON.stringify({
    staticMicros: { median: median(perRound.static), rounds: perRound.static },
    tasksMicros: { median: median(perRound.tasks), rounds: perRound.tasks },
  }),
);
