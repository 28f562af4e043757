import type { EventFiles } from './event-files.ts';
import type { OutputTree } from './output.ts';
import type { SessionPlan } from './plan.ts';
import type { Random } from './random.ts';
import type { EventSource } from './ray-events.ts';

// What every writer of one session shares.

export interface SessionStats {
  /** Final state of every task attempt except driver tasks. */
  attemptsByState: Record<string, number>;
  /** Attempts per job id (hex), driver tasks excluded. */
  attemptsByJob: Record<string, number>;
  actorsByState: Record<string, number>;
  /** RUNNING intervals of every non-driver attempt (unix µs), when the peak is tracked. */
  runningStarts: number[] | null;
  runningEnds: number[] | null;
  /** Attempts written so far; decides which ones get the less common event shapes. */
  attemptsWritten: number;
}

export interface SessionContext {
  plan: SessionPlan;
  out: OutputTree;
  events: EventFiles;
  source: EventSource;
  random: Random;
  stats: SessionStats;
  /** Set on the session whose dead node carries the unique log marker. */
  deadNodeMarker: string | null;
  /** Extra MB appended to one worker log of this session (0 for none). */
  logPaddingMb: number;
  /** Where writers left facts the manifest reports. */
  found: { markerKey?: string; largeLog?: { key: string; bytes: number } };
}

export function emptyStats(trackPeak: boolean): SessionStats {
  return {
    attemptsByState: {},
    attemptsByJob: {},
    actorsByState: {},
    runningStarts: trackPeak ? [] : null,
    runningEnds: trackPeak ? [] : null,
    attemptsWritten: 0,
  };
}

export function countInto(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** The highest number of intervals open at once, and when it is first reached. */
export function peakConcurrency(starts: number[], ends: number[]): { count: number; atUs: number } {
  const s = Float64Array.from(starts).sort();
  const e = Float64Array.from(ends).sort();
  let open = 0;
  let peak = 0;
  let atUs = 0;
  let j = 0;
  for (let i = 0; i < s.length; i++) {
    // An interval ending exactly when another starts does not overlap it.
    while (j < e.length && e[j]! <= s[i]!) {
      open--;
      j++;
    }
    open++;
    if (open > peak) {
      peak = open;
      atUs = s[i]!;
    }
  }
  return { count: peak, atUs };
}
