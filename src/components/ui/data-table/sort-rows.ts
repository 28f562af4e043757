import type { Column, SortState } from './types';

type Value = string | number | null | undefined;

function compareValues(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'en', { numeric: true });
}

/**
 * Client-side sort by the column whose `sortKey` is `sort.by` (its `sortValue`); rows without a
 * value come last in both orders; equal rows keep their order. Returns a new array.
 */
export function sortRows<Row>(
  rows: readonly Row[],
  columns: Column<Row>[],
  sort: SortState | undefined,
): Row[] {
  const column = sort && columns.find((c) => c.sortKey === sort.by);
  if (!sort || !column?.sortValue) return [...rows];
  const valueOf = column.sortValue;
  const direction = sort.order === 'desc' ? -1 : 1;
  return rows
    .map((row, index) => ({ row, index, value: valueOf(row) }))
    .sort((a, b) => {
      const aMissing = a.value === null || a.value === undefined || a.value === '';
      const bMissing = b.value === null || b.value === undefined || b.value === '';
      if (aMissing || bMissing)
        return aMissing === bMissing ? a.index - b.index : aMissing ? 1 : -1;
      return compareValues(a.value, b.value) * direction || a.index - b.index;
    })
    .map((entry) => entry.row);
}

/** Clicking a header: a new column starts ascending, the same column flips its order. */
export function nextSort(current: SortState | undefined, by: string): SortState {
  if (current?.by === by) return { by, order: current.order === 'asc' ? 'desc' : 'asc' };
  return { by, order: 'asc' };
}
