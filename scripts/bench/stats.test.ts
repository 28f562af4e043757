import { describe, expect, it } from 'vitest';
import { median, memoryGrowth, percentile, ratio, slope, type RssSample } from './stats.ts';

const MiB = 1024 * 1024;

/** One sample a second, RSS from `mib(i)`. */
const samples = (count: number, mib: (i: number) => number): RssSample[] =>
  Array.from({ length: count }, (_, i) => ({ atMs: i * 1000, bytes: mib(i) * MiB }));

describe('median and percentile', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('uses the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile(values, 0)).toBe(1);
    expect(() => percentile(values, 101)).toThrow(RangeError);
  });
});

describe('ratio', () => {
  it('divides ours by the baseline', () => {
    expect(ratio(300, 100)).toBe(3);
    expect(ratio(50, 200)).toBe(0.25);
  });

  it('is null when a side is missing or the baseline is not positive', () => {
    expect(ratio(1, null)).toBeNull();
    expect(ratio(undefined, 1)).toBeNull();
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(Number.NaN, 1)).toBeNull();
  });
});

describe('slope', () => {
  it('fits a line by least squares', () => {
    expect(slope([0, 1, 2, 3].map((x) => ({ x, y: 2 * x + 7 })))).toBeCloseTo(2);
    expect(slope([{ x: 1, y: 5 }])).toBe(0);
    expect(slope([1, 1, 1].map((x) => ({ x, y: x })))).toBe(0);
  });
});

describe('memoryGrowth', () => {
  it('sees no steady growth in a flat, noisy RSS with a warm-up climb', () => {
    const g = memoryGrowth(samples(180, (i) => (i < 30 ? 100 + i * 5 : 250 + ((i * 37) % 20))));
    expect(g.steadyGrowth).toBe(false);
    expect(g.growthRatio).toBeGreaterThan(0.95);
    expect(g.growthRatio).toBeLessThan(1.05);
  });

  it('flags a leak: RSS climbing through the second half', () => {
    const g = memoryGrowth(samples(180, (i) => 200 + i * 2)); // +2 MiB/s
    expect(g.steadyGrowth).toBe(true);
    expect(g.lastMedianBytes).toBeGreaterThan(g.middleMedianBytes);
    expect(g.slopeBytesPerMinute / MiB).toBeCloseTo(120);
  });

  it('ignores a small rise below both the fraction and the byte threshold', () => {
    // 2,000 MiB heap rising by 40 MiB: above 32 MiB but only 2%, so noise.
    const g = memoryGrowth(samples(90, (i) => (i < 60 ? 2000 : 2040)));
    expect(g.steadyGrowth).toBe(false);
  });

  it('cannot tell from a handful of samples', () => {
    expect(memoryGrowth(samples(4, (i) => 100 * i)).steadyGrowth).toBeNull();
  });
});
