import { describe, expect, it } from 'vitest';
import { parseBenchArgs, parseSize, sizeLabel, UsageError } from './options.ts';

describe('parseBenchArgs', () => {
  it('defaults to the full run: 10k, 100k and 1M, every section, a three-minute soak', () => {
    const o = parseBenchArgs([], '/out.json');
    expect(o.sizes).toEqual([10_000, 100_000, 1_000_000]);
    expect([...o.sections]).toEqual([
      'cold',
      'warm',
      'logs',
      'api',
      'spa',
      'firstpaint',
      'soak',
      'hostile',
    ]);
    expect(o).toMatchObject({
      soakSeconds: 180,
      hostileSeconds: 60,
      connections: 64,
      logMb: 1024,
      build: true,
      out: '/out.json',
    });
  });

  it('--quick shrinks sizes and durations; explicit flags still win', () => {
    const o = parseBenchArgs(['--quick', '--soak-seconds', '45', '--skip-build'], '/o');
    expect(o.sizes).toEqual([10_000]);
    expect(o.soakSeconds).toBe(45);
    expect(o.logMb).toBeLessThan(1024);
    expect(o.build).toBe(false);
  });

  it('takes sizes in any order, deduplicated, and a subset of sections', () => {
    const o = parseBenchArgs(['--sizes', '1m,10k,10000', '--only', 'cold,soak'], '/o');
    expect(o.sizes).toEqual([10_000, 1_000_000]);
    expect([...o.sections]).toEqual(['cold', 'soak']);
  });

  it('refuses what it does not understand, naming the flag', () => {
    expect(() => parseBenchArgs(['--only', 'cold,fast'], '/o')).toThrow(
      /--only: unknown section "fast"/,
    );
    expect(() => parseBenchArgs(['--soak-seconds', '0'], '/o')).toThrow(/--soak-seconds must be/);
    expect(() => parseBenchArgs(['--connections', '6.5'], '/o')).toThrow(UsageError);
    expect(() => parseBenchArgs(['--bogus'], '/o')).toThrow(UsageError);
  });
});

describe('sizes', () => {
  it('reads 10k, 1.5m and plain counts, and labels them back', () => {
    expect(parseSize('10k')).toBe(10_000);
    expect(parseSize('1.5M')).toBe(1_500_000);
    expect(parseSize('2500')).toBe(2500);
    expect(() => parseSize('ten')).toThrow(UsageError);
    expect(() => parseSize('0')).toThrow(UsageError);
    expect([10_000, 1_000_000, 2500].map(sizeLabel)).toEqual(['10k', '1M', '2500']);
  });
});
