import { useTimeFormat } from '../../lib/time/TimeFormatProvider';
import { formatDuration } from '../../lib/format';

/** A time in the user's chosen zone, or "—" when not recorded. */
export function TimeText({ ms }: { ms: number | null | undefined }) {
  const { formatTime } = useTimeFormat();
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms <= 0) {
    return <span className="muted">—</span>;
  }
  return <time dateTime={new Date(ms).toISOString()}>{formatTime(ms)}</time>;
}

/** end − start, or "—" when either end is missing. */
export function durationBetween(start: number | null | undefined, end: number | null | undefined) {
  if (!start || !end || end < start) return null;
  return end - start;
}

export function DurationText({ ms }: { ms: number | null | undefined }) {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) {
    return <span className="muted">—</span>;
  }
  return <span>{formatDuration(ms)}</span>;
}
