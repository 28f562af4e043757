import { compareStates, statusTone } from './status-colors';
import type { StatusTone } from './status-colors';

export interface ProgressSegment {
  state: string;
  count: number;
  tone: StatusTone;
  /** Share of the total, 0–100. */
  percent: number;
}

/** State counts → segments ordered failures first, zero counts left out. */
export function progressSegments(counts: Record<string, number>): {
  total: number;
  segments: ProgressSegment[];
} {
  const entries = Object.entries(counts).filter(([, count]) => count > 0);
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  const segments = entries
    .sort(([a], [b]) => compareStates(a, b))
    .map(([state, count]) => ({
      state,
      count,
      tone: statusTone(state),
      percent: total === 0 ? 0 : (count / total) * 100,
    }));
  return { total, segments };
}
