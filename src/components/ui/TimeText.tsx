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

export function DurationText({ ms }: { ms: number | null | undefined }) {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) {
    return <span className="muted">—</span>;
  }
  return <span>{formatDuration(ms)}</span>;
}
