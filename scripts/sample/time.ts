// Sample times are unix microseconds (exact in a double until far past 2026).

export const MS = 1_000;
export const SECOND = 1_000_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

/** Unix microseconds of a UTC wall-clock time. */
export function utc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number {
  return Date.UTC(year, month - 1, day, hour, minute, second) * MS;
}

/** `MM:SS` of every second of an hour. */
const MINUTE_SECOND = Array.from(
  { length: 3600 },
  (_, i) => `${pad(Math.floor(i / 60), 2)}:${pad(i % 60, 2)}`,
);
let cachedHour = Number.NaN;
let cachedHourBase = '';

/** RFC 3339 with nanoseconds, as ProtoJSON prints a Timestamp. */
export function rfc3339(us: number): string {
  const whole = Math.floor(us / SECOND);
  const micros = us - whole * SECOND;
  // Ray clocks have nanosecond resolution: derive stable sub-microsecond digits from the time.
  const nanos = (whole * 7 + micros * 13) % 1000;
  // Events of many tasks interleave their seconds, but few hours: format each hour once.
  const hour = Math.floor(whole / 3600);
  if (hour !== cachedHour) {
    cachedHour = hour;
    cachedHourBase = new Date(hour * 3600 * 1000).toISOString().slice(0, 14);
  }
  // Nine fraction digits at once: 1e9 + fraction always prints ten digits.
  return (
    cachedHourBase +
    MINUTE_SECOND[whole - hour * 3600]! +
    '.' +
    String(1e9 + micros * 1000 + nanos).slice(1) +
    'Z'
  );
}

/** Unix nanoseconds as a decimal string (int64 fields, file names). */
export function unixNanos(us: number): string {
  return `${Math.floor(us)}000`;
}

/** Unix milliseconds. */
export function unixMs(us: number): number {
  return Math.floor(us / MS);
}

/** `YYYY-MM-DD-HH` of the hour containing `us` (event file names). */
export function hourKey(us: number): string {
  const iso = new Date(Math.floor(us / MS)).toISOString();
  return `${iso.slice(0, 10)}-${iso.slice(11, 13)}`;
}

/** First microsecond of the hour containing `us`. */
export function hourStart(us: number): number {
  return Math.floor(us / HOUR) * HOUR;
}

/** `session_YYYY-MM-DD_HH-MM-SS_<micros>_<pid>`, the session's start in UTC. */
export function sessionName(startUs: number, pid: number): string {
  const iso = new Date(Math.floor(startUs / MS)).toISOString();
  const micros = startUs % SECOND;
  const date = iso.slice(0, 10);
  const clock = iso.slice(11, 19).replaceAll(':', '-');
  return `session_${date}_${clock}_${pad(micros, 6)}_${pid}`;
}

/** `2026-01-11 19:38:40,146`: the time stamp of Python logging and of Ray's C++ components. */
export function logTime(us: number): string {
  const iso = new Date(Math.floor(us / MS)).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)},${iso.slice(20, 23)}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
