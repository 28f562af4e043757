import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AllRowsExcept, ListedRows } from './pass-rows.ts';

describe('AllRowsExcept', () => {
  it('pages like the list of the rows kept, in either order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { maxLength: 60 }),
        fc.boolean(),
        fc.nat(70),
        fc.nat(70),
        (skip, descending, offset, limit) => {
          const kept = [...skip.keys()].filter((r) => !skip[r]);
          const skipped = Int32Array.from([...skip.keys()].filter((r) => skip[r]));
          const listed = new ListedRows(Int32Array.from(descending ? kept.reverse() : kept));
          const rows = new AllRowsExcept(skip.length, skipped, descending);
          expect(rows.length).toBe(listed.length);
          expect([...rows.page(offset, limit)]).toEqual([...listed.page(offset, limit)]);
        },
      ),
    );
  });

  it('skips rows at the start, in runs and at the end', () => {
    const rows = new AllRowsExcept(10, Int32Array.from([0, 1, 4, 5, 6, 9]), false);
    expect([...rows.page(0, 10)]).toEqual([2, 3, 7, 8]);
    expect([...rows.page(2, 1)]).toEqual([7]);
    expect([
      ...new AllRowsExcept(10, Int32Array.from([0, 1, 4, 5, 6, 9]), true).page(1, 2),
    ]).toEqual([7, 3]);
  });
});
