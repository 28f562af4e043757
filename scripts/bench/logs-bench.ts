import { spawnSync } from 'node:child_process';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { compileSearch } from '../../server/history/logs/search-pattern.ts';
import { scanLines } from '../../server/history/logs/search-scan.ts';
import { tailLines } from '../../server/history/logs/tail.ts';
import { FsStorage } from '../../server/storage/fs-storage.ts';
import { formatNumber, mib, type Row } from './table.ts';

// Logs bench: tailing a 1 GiB file must cost what tailing a 10 MiB one does; searching is
// compared with `grep -c` on the same file in the same run. Files are written once to /tmp.

const DIR = '/tmp';
const NEEDLE = 'needle-7f3a';

const line = (i: number) =>
  `[2026-01-11 19:56:52,${String(i % 1000).padStart(3, '0')} I 104 104] worker.py:${i % 977}: step ${i} loss=${(i % 13) / 7}${i % 100_000 === 0 ? ` ${NEEDLE}` : ''}\n`;

/** A log file of about `megabytes` MiB, reused when already there with that size or more. */
async function logFile(megabytes: number): Promise<string> {
  const path = join(DIR, `ray-logs-bench-${megabytes}mb.log`);
  const want = megabytes * 1024 * 1024;
  const existing = await stat(path).catch(() => null);
  if (existing && existing.size >= want) return path;
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

async function median(runs: number, task: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    await task();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

export async function runLogsBench(): Promise<Row[]> {
  const small = await logFile(10);
  const big = await logFile(1024);
  const storage = new FsStorage(DIR);
  const key = (path: string) => path.slice(DIR.length + 1);
  const size = async (path: string) => (await stat(path)).size;
  const tail = async (path: string) => {
    const end = await size(path);
    return median(5, () => tailLines(storage, key(path), { start: 0, end }, 1000));
  };
  const tailSmall = await tail(small);
  const tailBig = await tail(big);
  const bigBytes = await size(big);

  const wholeRead = await median(1, async () => {
    for await (const chunk of await storage.stream(key(big))) void chunk;
  });
  let found = 0;
  const searchMs = await median(1, async () => {
    found = 0;
    const progress = { bytes: 0 };
    const stream = await storage.stream(key(big));
    for await (const match of scanLines(stream, compileSearch(NEEDLE, 'plain'), 2, progress))
      if (match) found++;
  });
  const grepStarted = performance.now();
  const grep = spawnSync('grep', ['-c', '-i', NEEDLE, big], { encoding: 'utf8' });
  const grepMs = performance.now() - grepStarted;
  const mbs = (ms: number) => `${formatNumber(mib(bigBytes) / (ms / 1000), 0)} MiB/s`;

  return [
    ['logs: tail 1000 lines of 10 MiB file (median of 5)', `${tailSmall.toFixed(2)} ms`],
    ['logs: tail 1000 lines of 1 GiB file (median of 5)', `${tailBig.toFixed(2)} ms`],
    ['logs: tail 1 GiB / tail 10 MiB', `${(tailBig / tailSmall).toFixed(2)}x`],
    ['logs: read the whole 1 GiB file', `${(wholeRead / 1000).toFixed(2)} s`],
    ['logs: whole read / tail, 1 GiB', `${formatNumber(wholeRead / tailBig)}x`],
    ['logs: search 1 GiB (plain, context 2)', `${mbs(searchMs)}, ${found} matches`],
    [
      'logs: grep -c -i on the same file',
      grep.status === 0 || grep.status === 1
        ? `${mbs(grepMs)}, ${grep.stdout.trim()} matches`
        : 'grep not available',
    ],
  ];
}
