// The one time formatter. Every time the UI shows goes through formatTime, so the user's
// timezone choice (UTC / browser / cluster) applies everywhere.

/** Where to show times: UTC, the browser's zone, or a fixed zone (the cluster's own). */
export type TimeZoneSetting =
  'utc' | 'browser' | { zone?: string; offsetMinutes?: number; label?: string };

const pad = (n: number, width = 2) => String(Math.trunc(n)).padStart(width, '0');

/** "+08:00" / "-05:30" / "Z" → minutes east of UTC; null when it does not parse. */
export function parseUtcOffset(text: string): number | null {
  if (text === 'Z') return 0;
  const m = /^(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?$/.exec(text.trim());
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (minutes > 14 * 60) return null;
  return m[1] === '-' ? -minutes : minutes;
}

export function formatUtcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(abs / 60)}:${pad(abs % 60)}`;
}

function zoneOffsetMinutes(ms: number, zone: string): number | null {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(new Date(ms));
  } catch {
    return null; // Unknown zone name.
  }
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  return Math.round((asUtc - wholeSecond) / 60_000);
}

/** Minutes east of UTC that `tz` has at instant `ms`. */
export function offsetAt(ms: number, tz: TimeZoneSetting): number {
  if (tz === 'utc') return 0;
  if (tz === 'browser') return -new Date(ms).getTimezoneOffset();
  const fromZone = tz.zone ? zoneOffsetMinutes(ms, tz.zone) : null;
  return fromZone ?? tz.offsetMinutes ?? 0;
}

/** "2026-01-11 19:38:40 UTC" or "2026-01-12 03:38:40 +08:00". */
export function formatTime(ms: number, tz: TimeZoneSetting): string {
  if (!Number.isFinite(ms)) return '—';
  const offset = offsetAt(ms, tz);
  const d = new Date(ms + offset * 60_000);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const suffix = tz === 'utc' ? 'UTC' : formatUtcOffset(offset);
  return `${date} ${time} ${suffix}`;
}

/** "850 ms", "12.3 s", "4m 05s", "2h 03m", "3d 4h". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.floor(seconds)} s`;
  const totalSeconds = Math.floor(seconds);
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) return `${minutes}m ${pad(totalSeconds % 60)}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${pad(minutes % 60)}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

const AGE_UNITS: [unit: string, ms: number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 days ago", "1 hour ago", "just now"; "in 2 hours" for a time after `now`. */
export function formatAge(ms: number, now: number): string {
  if (!Number.isFinite(ms)) return '—';
  const diff = now - ms;
  const abs = Math.abs(diff);
  for (const [unit, size] of AGE_UNITS) {
    if (abs >= size) {
      const n = Math.floor(abs / size);
      const text = `${n} ${unit}${n === 1 ? '' : 's'}`;
      return diff >= 0 ? `${text} ago` : `in ${text}`;
    }
  }
  return 'just now';
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/**
 * Bytes in binary units, the one byte formatter. `short` (file and read sizes): "512 B",
 * "1.5 KiB", "200 MiB" — one decimal below 10. `exact` (resource amounts, chart values, where
 * "1.25 GiB" matters): up to two decimals, trailing zeros dropped — "2 GiB", "1.25 GiB".
 */
export function formatBytes(bytes: number, precision: 'short' | 'exact' = 'short'): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${value} B`;
  const digits =
    precision === 'exact'
      ? String(Number(value.toFixed(2)))
      : value < 10
        ? value.toFixed(1)
        : String(Math.round(value));
  return `${digits} ${BYTE_UNITS[unit]}`;
}

/** "1 job", "3 jobs", "1,000,000 attempts". */
export function countLabel(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : plural}`;
}
