import { spawnSync } from 'node:child_process';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { compileSearch } from '../../server/history/logs/search-pattern.ts';
import { inThisThread } from '../../server/history/logs/block-matches.ts';
import { scanLines } from '../../server/history/logs/search-scan.ts';
import { openSearchSource } from '../../server/history/logs/search-source.ts';
import { tailLines } from '../../server/history/logs/tail.ts';
import { FsStorage } from '../../server/storage/fs-storage.ts';
import { median } from './stats.ts';

// Logs: tailing a 1 GiB file must cost what tailing a 10 MiB one does, and far less than reading
// it whole; searching is compared with `grep -c -i` on the same file in the same run. Every
// timing is the median of several runs after one untimed warm-up (page cache, JIT), so the
// first run's cold cost never lands in a figure. Files are written once to /tmp and reused.

/** Search throughput vs `grep -c -i` on the same file, same run (hard budget). */
export const LOGS_BUDGETS = { searchVsGrep: 0.9 };

const DIR = '/tmp';
const NEEDLE = 'needle-7f3a';
const SMALL_MB = 10;
const TAIL_LINES = 1000;

const line = (i: number) =>
  `[2026-01-11 19:56:52,${String(i % 1000).padStart(3, '0')} I 104 104] worker.py:${i % 977}: step ${i} loss=${(i % 13) / 7}${i % 100_000 === 0 ? ` ${NEEDLE}` : ''}\n`;

/** A log file of about `megabytes` MiB, reused when already there with that size or more. */
async function logFile(megabytes: number): Promise<string> {
  const path = join(DIR, `ray-logs-bench-${megabytes}mb.log`);
  const want = megabytes * 1024 * 1024;
  const existing = await stat(path).catch(() => null);
  if (existing && existing.size >= want) return path;
  console.log(`Writing a ${megabytes} MiB log file to ${path} ...`);
  const handle = await open(path, 'w');
  let written = 0;
  let i = 0;
  while (written < want) {
    let block = '';
    while (block.length < 1024 * 1024) block += line(i++);
    await handle.write(block);
    written += Buffer.byteLength(block);
  }
  await handle.close();
  return path;
}

/** Median wall time of `runs` runs of `task`, after one untimed warm-up run unless told. */
async function timedMedian(
  runs: number,
  task: () => Promise<unknown>,
  warmUp = true,
): Promise<number> {
  if (warmUp) await task();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    await task();
    times.push(performance.now() - started);
  }
  return median(times);
}

export interface LogsResult {
  smallBytes: number;
  bigBytes: number;
  tailSmallMs: number;
  tailBigMs: number;
  wholeReadBigMs: number;
  searchMs: number;
  searchMatches: number;
  grepMs: number | null;
  grepMatches: number | null;
  runs: { tail: number; read: number };
}

export async function runLogsBench(bigMb: number, quick: boolean): Promise<LogsResult> {
  const small = await logFile(SMALL_MB);
  const big = await logFile(bigMb);
  const storage = new FsStorage(DIR);
  const key = (path: string) => path.slice(DIR.length + 1);
  const smallBytes = (await stat(small)).size;
  const bigBytes = (await stat(big)).size;
  const runs = { tail: quick ? 5 : 9, read: quick ? 1 : 3 };
  console.log(`Logs: tail, whole read and search of ${bigMb} MiB ...`);

  const tail = (path: string, size: number) =>
    timedMedian(runs.tail, () =>
      tailLines(storage, key(path), { start: 0, end: size }, TAIL_LINES),
    );
  const tailSmallMs = await tail(small, smallBytes);
  const tailBigMs = await tail(big, bigBytes);

  const wholeReadBigMs = await timedMedian(runs.read, async () => {
    for await (const chunk of await storage.stream(key(big))) void chunk;
  });

  // The whole read's warm-up already put the file in the page cache for search and grep.
  let searchMatches = 0;
  const searchMs = await timedMedian(
    runs.read,
    async () => {
      searchMatches = 0;
      // As the search route reads and scans a file (server/history/logs/search.ts).
      const source = await openSearchSource(storage, key(big), {});
      const pattern = compileSearch(NEEDLE, 'plain');
      const matcher = inThisThread(pattern);
      try {
        const found = scanLines(
          source.chunks,
          matcher,
          2,
          { bytes: 0 },
          pattern.needle,
          source.reused,
        );
        for await (const match of found) if (match) searchMatches++;
      } finally {
        await source.close();
      }
    },
    false,
  );

  let grepMatches: number | null = null;
  let grepOk = true;
  const grepMs = await timedMedian(
    runs.read,
    async () => {
      const grep = spawnSync('grep', ['-c', '-i', NEEDLE, big], { encoding: 'utf8' });
      grepOk = grep.status === 0 || grep.status === 1;
      grepMatches = grepOk ? Number(grep.stdout.trim()) : null;
    },
    false,
  );

  return {
    smallBytes,
    bigBytes,
    tailSmallMs,
    tailBigMs,
    wholeReadBigMs,
    searchMs,
    searchMatches,
    grepMs: grepOk ? grepMs : null,
    grepMatches,
    runs,
  };
}
