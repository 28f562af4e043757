import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortIndicesByValue, stringOrder } from './sort-order.ts';
import { compareStrings } from './string-pool.ts';

/** What stringOrder must give: the comparator sort of the indices, equal values by index. */
const comparatorOrder = (values: string[]) =>
  [...values.keys()].sort((a, b) => compareStrings(values[a]!, values[b]!) || a - b);

describe('stringOrder', () => {
  it('sorts hex ids (shared prefixes, different lengths) like the comparator', () => {
    const hex = fc.string({ unit: fc.constantFrom(...'0f1ea'), maxLength: 14 });
    fc.assert(
      fc.property(fc.array(hex, { maxLength: 300 }), (values) => {
        expect([...stringOrder(values)]).toEqual(comparatorOrder(values));
      }),
    );
  });

  it('falls back to the comparator for other strings', () => {
    const values = ['b', 'A', 'ff', 'a', '', 'b'];
    expect([...stringOrder(values)]).toEqual([4, 1, 3, 0, 5, 2]);
    expect([...stringOrder(values)]).toEqual(comparatorOrder(values));
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
