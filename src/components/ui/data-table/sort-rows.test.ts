import { describe, expect, it } from 'vitest';
import { nextSort, sortRows } from './sort-rows';
import type { Column } from './types';

type Row = { id: string; n: number | null };
const columns: Column<Row>[] = [
  { id: 'n', header: 'N', cell: (r) => r.n, sortKey: 'n', sortValue: (r) => r.n },
  { id: 'id', header: 'ID', cell: (r) => r.id, sortKey: 'id', sortValue: (r) => r.id },
];
const rows: Row[] = [
  { id: 'b', n: 2 },
  { id: 'a', n: null },
  { id: 'c', n: 10 },
];

describe('sortRows', () => {
  it('sorts numbers numerically and keeps missing values last in both orders', () => {
    expect(sortRows(rows, columns, { by: 'n', order: 'asc' }).map((r) => r.id)).toEqual([
      'b',
      'c',
      'a',
    ]);
    expect(sortRows(rows, columns, { by: 'n', order: 'desc' }).map((r) => r.id)).toEqual([
      'c',
      'b',
      'a',
    ]);
  });

  it('leaves the order alone for an unknown sort key, without mutating the input', () => {
    expect(sortRows(rows, columns, { by: 'nope', order: 'asc' })).toEqual(rows);
    sortRows(rows, columns, { by: 'id', order: 'asc' });
    expect(rows.map((r) => r.id)).toEqual(['b', 'a', 'c']);
  });
});

describe('nextSort', () => {
  it('starts a new column ascending and flips the current one', () => {
    expect(nextSort(undefined, 'n')).toEqual({ by: 'n', order: 'asc' });
    expect(nextSort({ by: 'n', order: 'asc' }, 'n')).toEqual({ by: 'n', order: 'desc' });
    expect(nextSort({ by: 'n', order: 'desc' }, 'id')).toEqual({ by: 'id', order: 'asc' });
  });
});
