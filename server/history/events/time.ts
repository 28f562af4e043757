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

/** Unix ms (fractional) of an RFC 3339 string, an int64 count or `{seconds, nanos}`; null if none. */
// Events of one file share their second: remember the last one parsed.
let lastSecond = '';
let lastSecondMs = 0;

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
  if (!value.startsWith(lastSecond) || lastSecond.length !== 19) {
    const second = value.slice(0, 19);
    const ms = Date.parse(`${second}Z`);
    if (Number.isNaN(ms)) return null;
    lastSecond = second;
    lastSecondMs = ms;
  }
  return plusNanos(lastSecondMs, nanos);
}

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
