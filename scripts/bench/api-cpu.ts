import { readFileSync, realpathSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { MANIFEST_FILE, type SampleManifest } from '../sample/manifest.ts';
import { STATIC_PATH } from './api-bench.ts';
import { taskPagePath, taskPages } from './bench-paths.ts';
import { runLoad } from './load-test.ts';
import { largestSession } from './samples.ts';
import { getOk, startServer } from './server-process.ts';

// The api row's static file and tasks page, with the server's CPU time per request: the bench
// server of REPO (this checkout or another version of the code, for A/B runs in back-to-back
// processes) on a sample's largest session, loaded from SNAPSHOT_DIR when a snapshot of it is
// there. Prints one JSON line per route (docs/bench.md, "API on loopback").
//
//   node --import tsx scripts/bench/api-cpu.ts REPO SAMPLE_DIR SNAPSHOT_DIR [SECONDS]

const [repoArg, sampleArg, snapshotArg, secondsArg = '10'] = process.argv.slice(2);
if (!repoArg || !sampleArg || !snapshotArg)
  throw new Error('usage: api-cpu.ts REPO SAMPLE_DIR SNAPSHOT_DIR [SECONDS]');
const storageDir = realpathSync(sampleArg);
const manifest = JSON.parse(
  readFileSync(join(storageDir, MANIFEST_FILE), 'utf8'),
) as SampleManifest;
const session = largestSession(manifest);
const server = await startServer(resolve(repoArg), {
  storageDir,
  snapshotCacheMb: 4096,
  env: { SNAPSHOT_DIR: resolve(snapshotArg) },
});
try {
  await getOk(`${server.origin}${taskPagePath(session, 0)}`);
  const routes = [
    { key: 'static', nextPath: () => STATIC_PATH },
    { key: 'tasks', nextPath: taskPages(session) },
  ];
  for (const route of routes) {
    for (let i = 0; i < 3; i++) await getOk(`${server.origin}${route.nextPath()}`);
    const load = loadavg()[0]!;
    const cpuBefore = await server.cpuSeconds();
    const result = await runLoad(server.origin, {
      seconds: Number(secondsArg),
      connections: 64,
      nextPath: route.nextPath,
      timeoutSeconds: 120,
    });
    // CPU up to the run's end: the requests still queued then are not in its count.
    const cpu = (await server.cpuSeconds()) - cpuBefore;
    // They are answered before the probe (and before the next route).
    await getOk(`${server.origin}/livez`);
    console.log(
      JSON.stringify({
        route: route.key,
        load: Number(load.toFixed(1)),
        requestsPerSecond: Math.round(result.requestsPerSecond),
        p50Ms: result.p50Ms,
        p99Ms: result.p99Ms,
        failures: result.errors + result.non2xx,
        cpuMsPerRequest: Number(((cpu * 1000) / result.requests).toFixed(3)),
      }),
    );
  }
} finally {
  await server.stop();
}
