import { inFreshProcess } from './fresh-process.ts';
import type { LoadMeasurement, OursMeasurement } from './measure.ts';
import { attemptCount, largestSession, sessionInfo, type Sample } from './samples.ts';

// Session cold load, ours against the naive baseline, each in a fresh node (--expose-gc) so
// peak RSS and the heap held afterwards belong to that one load.

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
  error?: string;
}

/** Runs measure.ts in a fresh node with --expose-gc (retained bytes are read after a full GC). */
function measure<T>(repo: string, args: string[]): Promise<T | null> {
  return inFreshProcess<T>(repo, 'measure.ts', args, ['--expose-gc']);
}

export async function measureColdLoad(repo: string, sample: Sample): Promise<ColdLoad> {
  const s = largestSession(sample.manifest);
  const session = JSON.stringify(sessionInfo(s));
  console.log(
    `Cold load of ${s.sessionName} (${attemptCount(s)} attempts): ours, then naive, then the parse floor ...`,
  );
  const ours = await measure<OursMeasurement>(repo, ['ours', sample.dir, session]);
  if (!ours)
    return {
      tasks: sample.tasks,
      session: s.sessionName,
      ours: null,
      naive: null,
      floor: null,
      error: 'our load failed (see the output above)',
    };
  const naive = await measure<LoadMeasurement>(repo, [
    'naive',
    sample.dir,
    session,
    String(ours.attempts),
  ]);
  const floor = await measure<LoadMeasurement>(repo, [
    'floor',
    sample.dir,
    session,
    String(ours.attempts),
  ]);
  return { tasks: sample.tasks, session: s.sessionName, ours, naive, floor };
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
