import { describe, expect, it } from 'vitest';
import { peakConcurrency } from './context.ts';
import { createRandom } from './random.ts';

describe('peakConcurrency', () => {
  it('counts intervals open at once, an end meeting a start is no overlap', () => {
    // [0,10) [5,15) [10,20) [12,13): at 12 three are open (5-15, 10-20, 12-13).
    expect(peakConcurrency([0, 5, 10, 12], [10, 15, 20, 13])).toEqual({ count: 3, atUs: 12 });
    expect(peakConcurrency([0, 10], [10, 20])).toEqual({ count: 1, atUs: 0 });
    expect(peakConcurrency([], [])).toEqual({ count: 0, atUs: 0 });
  });
});

describe('createRandom', () => {
  it('repeats its stream for one seed and forks independent labelled streams', () => {
    const a = createRandom(5);
    const b = createRandom(5);
    expect([a.next(), a.int(1, 6), a.hex(8)]).toEqual([b.next(), b.int(1, 6), b.hex(8)]);
    expect(createRandom(6).next()).not.toBe(createRandom(5).next());
    expect(a.fork('x').next()).toBe(createRandom(5).fork('x').next());
    expect(a.fork('x').next()).not.toBe(a.fork('y').next());
  });
});
