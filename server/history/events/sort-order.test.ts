import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortIndicesByValue, sortStrings } from './sort-order.ts';
import { compareStrings } from './string-pool.ts';

describe('sortStrings', () => {
  it('sorts hex ids (shared prefixes, different lengths) like the comparator', () => {
    const hex = fc.string({ unit: fc.constantFrom(...'0f1ea'), maxLength: 14 });
    fc.assert(
      fc.property(fc.array(hex, { maxLength: 300 }), (values) => {
        expect(sortStrings(values)).toEqual([...values].sort(compareStrings));
      }),
    );
  });

  it('falls back to the comparator for other strings', () => {
    expect(sortStrings(['b', 'A', 'ff', 'a', ''])).toEqual(['', 'A', 'a', 'b', 'ff']);
  });
});

describe('sortIndicesByValue', () => {
  it('orders indices by value, ties by index, like the comparator sort', () => {
    const value = fc.oneof(fc.constantFrom(0, -0, 1.5, 3), fc.double({ noNaN: true }));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 200 }), fc.boolean(), (list, reversed) => {
        const values = Float64Array.from(list);
        const indices = Int32Array.from(list.keys());
        if (reversed) indices.reverse();
        const expected = Array.from(indices).sort((a, b) => values[a]! - values[b]! || a - b);
        sortIndicesByValue(indices, values);
        expect(Array.from(indices)).toEqual(expected);
      }),
    );
  });
});
