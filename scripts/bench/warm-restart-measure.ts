import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { SNAPSHOT_SUFFIX } from '../../server/history/persisted/snapshot-dir.ts';
import { FsStorage } from '../../server/storage/fs-storage.ts';
import { apiPaths } from '../../contract/paths.ts';
import type { SessionInfo } from '../../contract/api.ts';

// One server process of the warm-restart row (run by warm-restart.ts): the time from its first
// request for a session to the answer, and where the session came from (parsed, or read from
// the snapshot in SNAPSHOT_DIR). After a parse, waits until the snapshot is on disk. Prints one
// JSON line.

export interface RestartMeasurement {
  firstAnswerMs: number;
  /** What the server logged: `parsed` or `local snapshot`. */
  source: string | null;
  snapshotBytes: number;
  peakRssBytes: number;
}

const SNAPSHOT_WAIT_MS = 10 * 60_000;

async function snapshotFiles(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [])).filter((name) => name.endsWith(SNAPSHOT_SUFFIX));
}

async function main(): Promise<void> {
  const [root, sessionJson, snapshotDir] = process.argv.slice(2);
  if (!root || !sessionJson || !snapshotDir)
    throw new Error('usage: warm-restart-measure.ts ROOT SESSION_JSON SNAPSHOT_DIR');
  const session = JSON.parse(sessionJson) as SessionInfo;
  const config = loadConfig({
    STORAGE_URL: `file://${root}`,
    SNAPSHOT_CACHE_MB: '65536',
    SNAPSHOT_DIR: snapshotDir,
    SNAPSHOT_DIR_MAX_MB: '65536',
  });
  let source: string | null = null;
  // The server says where each session came from in one log line.
  const logs = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.includes('"session loaded"'))
          source = (JSON.parse(line) as { source: string }).source;
      done();
    },
  });
  const app = await buildApp({
    config,
    storage: new FsStorage(root),
    logger: { level: 'info', stream: logs },
  });
  const scope = {
    namespace: session.namespace,
    kind: session.kind,
    name: session.name,
    session: session.sessionName,
  };
  const started = performance.now();
  const res = await app.inject(apiPaths.scoped(scope, '/api/v0/tasks?limit=1'));
  const firstAnswerMs = performance.now() - started;
  if (res.statusCode !== 200) throw new Error(`tasks: ${res.statusCode} ${res.body}`);
  if (source === 'parsed') {
    const deadline = Date.now() + SNAPSHOT_WAIT_MS;
    while ((await snapshotFiles(snapshotDir)).length === 0) {
      if (Date.now() > deadline) throw new Error('the snapshot was not written');
      await sleep(200);
    }
  }
  const [file] = await snapshotFiles(snapshotDir);
  const size = file ? (await stat(join(snapshotDir, file))).size : 0;
  await app.close();
  const result: RestartMeasurement = {
    firstAnswerMs,
    source,
    snapshotBytes: size,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
