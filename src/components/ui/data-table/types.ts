import type { ReactNode } from 'react';

export interface Column<Row> {
  id: string;
  header: string;
  cell: (row: Row) => ReactNode;
  /** Sortable when set; the key the page sorts by (server field or `sortValue`'s). */
  sortKey?: string;
  /** Value for the client-side `sortRows`; absent values sort last. */
  sortValue?: (row: Row) => string | number | null | undefined;
  align?: 'start' | 'end';
  width?: string;
  /** Whether the "Columns" menu may hide it (default true). */
  hideable?: boolean;
  defaultHidden?: boolean;
}

export type SortOrder = 'asc' | 'desc';

export interface SortState {
  by: string;
  order: SortOrder;
}
