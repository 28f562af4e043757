import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inFreshProcess } from './fresh-process.ts';
import type { LoadMeasurement, OursMeasurement } from './measure.ts';
import { attemptCount, largestSession, sessionInfo, type Sample } from './samples.ts';

// Session cold load, ours against the naive baseline, each in a fresh node (--expose-gc) so
// peak RSS and the heap held afterwards belong to that one load. The session's files are read
// once first, so whichever side runs first does not alone pay for a cold page cache.

export interface ColdLoad {
  tasks: number;
  session: string;
  ours: OursMeasurement | null;
  /** null: the naive process died (typically out of memory) — reported, not fatal. */
  naive: LoadMeasurement | null;
  /**
   * The parse floor (parse-floor.ts): read + JSON.parse of every line on two threads, nothing
   * kept. Its ratio to the naive load is the most any JSON.parse-based load could reach here.
   */
  floor: LoadMeasurement | null;
  /** Runs of each side; each figure above is that side's median run (by load time). */
  rounds?: number;
  error?: string;
}

/** Runs measure.ts in a fresh node with --expose-gc (retained bytes are read after a full GC). */
function measure<T>(repo: string, args: string[]): Promise<T | null> {
  return inFreshProcess<T>(repo, 'measure.ts', args, ['--expose-gc']);
}

/** Up to this many attempts a load takes seconds, so each side runs this many times. */
const REPEATED_UP_TO_ATTEMPTS = 200_000;
const ROUNDS = 3;

/** Reads every file under `dir` once, so no side's first run pays for the disk. */
async function readAll(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) await readFile(join(entry.parentPath, entry.name));
}

/** The run whose load time is the median (the middle one of an odd count). */
function medianRun<T extends LoadMeasurement>(runs: T[]): T | null {
  if (runs.length === 0) return null;
  return [...runs].sort((a, b) => a.loadMs - b.loadMs)[runs.length >> 1]!;
}

export async function measureColdLoad(repo: string, sample: Sample): Promise<ColdLoad> {
  const s = largestSession(sample.manifest);
  const session = JSON.stringify(sessionInfo(s));
  // One run of a small session is at the mercy of the machine (0.4-0.9 s at 10k on an idle
  // one): alternate the three sides and keep each side's median run.
  const rounds = attemptCount(s) <= REPEATED_UP_TO_ATTEMPTS ? ROUNDS : 1;
  console.log(
    `Cold load of ${s.sessionName} (${attemptCount(s)} attempts): ours, then naive, then the parse floor${rounds > 1 ? `, ${rounds} rounds` : ''} ...`,
  );
  await readAll(sample.dir);
  const ours: OursMeasurement[] = [];
  const naive: LoadMeasurement[] = [];
  const floor: LoadMeasurement[] = [];
  for (let round = 0; round < rounds; round++) {
    const o = await measure<OursMeasurement>(repo, ['ours', sample.dir, session]);
    if (!o)
      return {
        tasks: sample.tasks,
        session: s.sessionName,
        ours: null,
        naive: null,
        floor: null,
        error: 'our load failed (see the output above)',
      };
    ours.push(o);
    const attempts = String(o.attempts);
    const n = await measure<LoadMeasurement>(repo, ['naive', sample.dir, session, attempts]);
    if (n) naive.push(n);
    const f = await measure<LoadMeasurement>(repo, ['floor', sample.dir, session, attempts]);
    if (f) floor.push(f);
  }
  return {
    tasks: sample.tasks,
    session: s.sessionName,
    ours: medianRun(ours),
    naive: medianRun(naive),
    floor: medianRun(floor),
    rounds,
  };
}

/** Figures of one load per second of load time and per attempt. */
export function loadRates(m: LoadMeasurement) {
  const secs = m.loadMs / 1000;
  return {
    eventsPerSecond: m.events / secs,
    bytesPerSecond: m.storedBytes / secs,
    peakRssBytes: m.peakRssBytes,
    retainedBytesPerAttempt: m.retainedBytes / Math.max(1, m.attempts),
  };
}
