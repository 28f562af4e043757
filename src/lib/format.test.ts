import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatBytes,
  formatDuration,
  formatTime,
  offsetAt,
  parseUtcOffset,
} from './format';

const SESSION_START = Date.UTC(2026, 0, 11, 19, 38, 40, 146);

describe('formatTime', () => {
  it('shows UTC with a UTC suffix', () => {
    expect(formatTime(SESSION_START, 'utc')).toBe('2026-01-11 19:38:40 UTC');
  });

  it('applies a fixed cluster offset, crossing midnight', () => {
    expect(formatTime(SESSION_START, { offsetMinutes: 480 })).toBe('2026-01-12 03:38:40 +08:00');
    expect(formatTime(SESSION_START, { offsetMinutes: -330 })).toBe('2026-01-11 14:08:40 -05:30');
  });

  it('uses an IANA zone, including its daylight saving time', () => {
    expect(formatTime(SESSION_START, { zone: 'Asia/Shanghai' })).toBe('2026-01-12 03:38:40 +08:00');
    const july = Date.UTC(2026, 6, 1, 12, 0, 0);
    expect(formatTime(july, { zone: 'America/New_York' })).toBe('2026-07-01 08:00:00 -04:00');
    expect(formatTime(SESSION_START, { zone: 'America/New_York' })).toBe(
      '2026-01-11 14:38:40 -05:00',
    );
  });

  it('falls back to the offset when the zone name is unknown', () => {
    expect(formatTime(SESSION_START, { zone: 'Not/AZone', offsetMinutes: 60 })).toBe(
      '2026-01-11 20:38:40 +01:00',
    );
  });

  it("uses the browser's offset for 'browser'", () => {
    const expected = -new Date(SESSION_START).getTimezoneOffset();
    expect(offsetAt(SESSION_START, 'browser')).toBe(expected);
    expect(formatTime(SESSION_START, 'browser')).toMatch(
      /^2026-01-1[12] \d\d:\d\d:40 [+-]\d\d:\d\d$/,
    );
  });

  it('shows a dash for a missing time', () => {
    expect(formatTime(Number.NaN, 'utc')).toBe('—');
  });
});

describe('parseUtcOffset', () => {
  it('reads the /timezone offset format', () => {
    expect(parseUtcOffset('+08:00')).toBe(480);
    expect(parseUtcOffset('-05:30')).toBe(-330);
    expect(parseUtcOffset('UTC+0530')).toBe(330);
    expect(parseUtcOffset('Z')).toBe(0);
    expect(parseUtcOffset('Asia/Shanghai')).toBeNull();
    expect(parseUtcOffset('+25:00')).toBeNull();
  });
});

describe('formatDuration', () => {
  it.each([
    [850, '850 ms'],
    [1_250, '1.3 s'],
    [42_000, '42 s'],
    [245_000, '4m 05s'],
    [7_380_000, '2h 03m'],
    [(3 * 24 + 4) * 3_600_000, '3d 4h'],
    [-5, '—'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatAge', () => {
  const now = SESSION_START;
  it.each([
    [now - 10_000, 'just now'],
    [now - 60_000, '1 minute ago'],
    [now - 3 * 3_600_000, '3 hours ago'],
    [now - 3 * 86_400_000, '3 days ago'],
    [now - 15 * 86_400_000, '2 weeks ago'],
    [now - 400 * 86_400_000, '1 year ago'],
    [now + 2 * 3_600_000, 'in 2 hours'],
  ])('%d reads %s', (ms, text) => {
    expect(formatAge(ms, now)).toBe(text);
  });
});

describe('formatBytes', () => {
  it('reads like a file manager by default', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MiB');
    expect(formatBytes(200 * 1024 * 1024)).toBe('200 MiB');
  });

  it('keeps up to two decimals for exact amounts', () => {
    expect(formatBytes(2 * 1024 ** 3, 'exact')).toBe('2 GiB');
    expect(formatBytes(1.25 * 1024 ** 3, 'exact')).toBe('1.25 GiB');
    expect(formatBytes(1000, 'exact')).toBe('1000 B');
  });

  it('shows a dash for what is not a size', () => {
    expect(formatBytes(Number.NaN)).toBe('—');
    expect(formatBytes(-1)).toBe('—');
  });
});
