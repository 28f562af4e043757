// Ray timestamps: RFC 3339 with nanoseconds (ProtoJSON Timestamp) or int64 counts (quoted).
// Internally every time is unix milliseconds as a float, keeping sub-millisecond order.

const RFC3339 =
  /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|z|[+-]\d{2}:?\d{2})?$/;

/**
 * Whole unix ms plus nanoseconds. A float64 keeps only about 0.2 µs at today's epoch, so
 * `…252.9999999` would round up to `…253`: the time stays inside its own millisecond, as Ray's
 * (truncating) milliseconds do.
 */
function plusNanos(wholeMs: number, nanos: number): number {
  const ms = wholeMs + Math.floor(nanos / 1e6);
  const time = ms + (nanos % 1e6) / 1e6;
  return time >= ms + 1 ? ms + 0.999 : time;
}

/** The two decimal digits at `i`, or -1. */
function twoDigits(value: string, i: number): number {
  const a = value.charCodeAt(i) - 48;
  const b = value.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days from 1970-01-01 to a proleptic Gregorian date (month 1–12). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * Unix ms of `YYYY-MM-DDTHH:MM:SS` at the start of `value`, read from its digits (Ray writes
 * every timestamp so: about a million per 100k tasks); null for anything else, including dates
 * Date.parse reads in its own way (Feb 30, 24:00), which are left to it.
 */
function utcSecondMs(value: string): number | null {
  if (
    value.charCodeAt(4) !== 45 ||
    value.charCodeAt(7) !== 45 ||
    value.charCodeAt(13) !== 58 ||
    value.charCodeAt(16) !== 58
  ) {
    return null;
  }
  const century = twoDigits(value, 0);
  const yearOfCentury = twoDigits(value, 2);
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  const hour = twoDigits(value, 11);
  const minute = twoDigits(value, 14);
  const second = twoDigits(value, 17);
  if (century < 0 || yearOfCentury < 0 || month < 1 || month > 12 || day < 1) return null;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  const year = century * 100 + yearOfCentury;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > DAYS_IN_MONTH[month]! + (month === 2 && leap ? 1 : 0)) return null;
  return daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000;
}

/** Fast path for the common `YYYY-MM-DDTHH:MM:SS[.fraction]Z`; null for anything else. */
function parseUtc(value: string): number | null {
  const n = value.length;
  if (n < 20 || n > 30 || value.charCodeAt(10) !== 84 || value.charCodeAt(n - 1) !== 90) {
    return null;
  }
  if (n > 20 && value.charCodeAt(19) !== 46) return null;
  // Digits after the dot, read as nanoseconds without building strings.
  let nanos = 0;
  for (let i = 20; i < n - 1; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return null;
    nanos = nanos * 10 + digit;
  }
  for (let i = n; i < 30; i++) nanos *= 10;
  const secondMs = utcSecondMs(value) ?? Date.parse(`${value.slice(0, 19)}Z`);
  if (Number.isNaN(secondMs)) return null;
  return plusNanos(secondMs, nanos);
}

/** Unix ms (fractional) of an RFC 3339 string, an int64 count or `{seconds, nanos}`; null if none. */
export function parseTimestampMs(value: unknown): number | null {
  if (typeof value === 'string') {
    const fast = parseUtc(value);
    if (fast !== null) return fast;
    const m = RFC3339.exec(value.trim());
    if (m) {
      const [, date, time, fraction = '', zone = 'Z'] = m;
      const whole = Date.parse(`${date}T${time}${zone.toUpperCase()}`);
      if (Number.isNaN(whole)) return null;
      return plusNanos(whole, Number(fraction.padEnd(9, '0')));
    }
    if (/^\d+$/.test(value)) return countToMs(value);
    return null;
  }
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    return countToMs(String(Math.trunc(value)));
  }
  if (value && typeof value === 'object') {
    const { seconds, nanos } = value as { seconds?: unknown; nanos?: unknown };
    const s = Number(seconds ?? NaN);
    if (!Number.isFinite(s)) return null;
    const n = Number(nanos ?? 0);
    return s * 1000 + (Number.isFinite(n) ? n / 1e6 : 0);
  }
  return null;
}

/** Guesses the unit of an integer timestamp from its size (s, ms, µs or ns); 0 means none. */
function countToMs(digits: string): number | null {
  const n = Number(digits);
  if (n === 0) return null;
  if (n >= 1e17) return nanosToMs(digits);
  if (n >= 1e14) return n / 1e3;
  if (n >= 1e11) return n;
  return n * 1e3;
}

/** Nanoseconds (int64 as a decimal string) to fractional ms without losing sub-ms digits. */
export function nanosToMs(digits: string): number {
  if (digits.length <= 6) return Number(digits) / 1e6;
  return plusNanos(Number(digits.slice(0, -6)), Number(digits.slice(-6)));
}

/** Whole milliseconds as the API shows them. */
export function wholeMs(ms: number): number {
  return Math.floor(ms);
}
