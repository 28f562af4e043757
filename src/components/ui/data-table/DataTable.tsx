import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { ColumnsMenu } from './ColumnsMenu';
import { useColumnVisibility } from './column-visibility';
import { nextSort } from './sort-rows';
import type { Column, SortState } from './types';
import '../ui.css';
import './data-table.css';

export type { Column, SortState, SortOrder } from './types';

const ROW_HEIGHT = 37;

interface DataTableProps<Row> {
  rows: Row[];
  columns: Column<Row>[];
  rowKey: (row: Row) => string;
  /** Visually hidden, read by screen readers. */
  caption: string;
  sort?: SortState;
  onSortChange?: (sort: SortState) => void;
  /** Column visibility is remembered in localStorage under this id. */
  tableId: string;
  /** Render only the rows in view (spacer rows keep real table semantics). */
  virtualized?: boolean;
  onRowActivate?: (row: Row) => void;
  loading?: boolean;
  empty?: ReactNode;
  /** Extra controls next to the "Columns" menu. */
  toolbar?: ReactNode;
}

/** The one table: sortable headers, hideable columns, roving row focus, optional virtual rows. */
export function DataTable<Row>({
  rows,
  columns,
  rowKey,
  caption,
  sort,
  onSortChange,
  tableId,
  virtualized = false,
  onRowActivate,
  loading = false,
  empty,
  toolbar,
}: DataTableProps<Row>) {
  const { hidden, toggle, visible } = useColumnVisibility(tableId, columns);
  const scrollRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [active, setActive] = useState(0);
  const [focusWanted, setFocusWanted] = useState(false);
  const activeIndex = Math.min(active, Math.max(0, rows.length - 1));

  // Virtual rows re-render on scroll by design; the compiler's memoization is not needed here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    initialRect: { width: 1024, height: 600 },
    enabled: virtualized,
  });

  useEffect(() => {
    if (!focusWanted) return;
    const row = bodyRef.current?.querySelector<HTMLElement>(`tr[data-index="${activeIndex}"]`);
    if (row) {
      row.focus();
      setFocusWanted(false);
    }
  }, [focusWanted, activeIndex, rows]);

  const moveTo = (index: number) => {
    const clamped = Math.max(0, Math.min(rows.length - 1, index));
    setActive(clamped);
    setFocusWanted(true);
    if (virtualized) virtualizer.scrollToIndex(clamped);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number, row: Row) => {
    const target = event.target as HTMLElement;
    if (target.tagName !== 'TR') return; // Keys inside a link or button inside the row.
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: rows.length - 1,
      PageDown: index + 10,
      PageUp: index - 10,
    };
    const move = moves[event.key];
    if (move !== undefined) {
      event.preventDefault();
      moveTo(move);
    } else if (event.key === 'Enter' && onRowActivate) {
      event.preventDefault();
      onRowActivate(row);
    }
  };

  const renderRow = (row: Row, index: number) => (
    <tr
      key={rowKey(row)}
      data-index={index}
      tabIndex={index === activeIndex ? 0 : -1}
      onFocus={() => setActive(index)}
      onKeyDown={(event) => onKeyDown(event, index, row)}
      className={onRowActivate ? 'data-table__row data-table__row--active' : 'data-table__row'}
    >
      {visible.map((c) => (
        <td key={c.id} className={c.align === 'end' ? 'data-table__cell--end' : undefined}>
          {c.cell(row)}
        </td>
      ))}
    </tr>
  );

  let body: ReactNode;
  if (loading) {
    body = Array.from({ length: 5 }, (_, i) => (
      <tr key={`loading-${i}`} aria-hidden="true">
        <td colSpan={visible.length}>
          <div className="ui-skeleton__line" />
        </td>
      </tr>
    ));
  } else if (rows.length === 0) {
    body = (
      <tr>
        <td colSpan={visible.length}>{empty ?? 'Nothing to show.'}</td>
      </tr>
    );
  } else if (virtualized) {
    const items = virtualizer.getVirtualItems();
    const first = items[0];
    const last = items[items.length - 1];
    const before = first ? first.start : 0;
    const after = last ? virtualizer.getTotalSize() - last.end : 0;
    body = (
      <>
        {before > 0 && (
          <tr aria-hidden="true" style={{ height: before }}>
            <td colSpan={visible.length} />
          </tr>
        )}
        {items.map((item) => {
          const row = rows[item.index];
          return row === undefined ? null : renderRow(row, item.index);
        })}
        {after > 0 && (
          <tr aria-hidden="true" style={{ height: after }}>
            <td colSpan={visible.length} />
          </tr>
        )}
      </>
    );
  } else {
    body = rows.map(renderRow);
  }

  return (
    <div className="data-table">
      <div className="data-table__toolbar">
        {toolbar}
        <ColumnsMenu columns={columns} hidden={hidden} onToggle={toggle} />
      </div>
      <div
        ref={scrollRef}
        className={
          virtualized ? 'data-table__scroll data-table__scroll--virtual' : 'data-table__scroll'
        }
        tabIndex={virtualized ? -1 : undefined}
      >
        <table
          aria-rowcount={loading ? undefined : rows.length + 1}
          aria-busy={loading || undefined}
        >
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {visible.map((c) => {
                const order =
                  sort && c.sortKey !== undefined && sort.by === c.sortKey ? sort.order : null;
                const ariaSort = order ? (order === 'asc' ? 'ascending' : 'descending') : undefined;
                return (
                  <th
                    key={c.id}
                    scope="col"
                    aria-sort={ariaSort}
                    style={c.width ? { width: c.width } : undefined}
                    className={c.align === 'end' ? 'data-table__cell--end' : undefined}
                  >
                    {c.sortKey && onSortChange ? (
                      <button
                        type="button"
                        className="data-table__sort"
                        onClick={() => onSortChange(nextSort(sort, c.sortKey!))}
                      >
                        {c.header}
                        <span aria-hidden="true" className="data-table__sort-mark">
                          {order ? (order === 'asc' ? '▲' : '▼') : '↕'}
                        </span>
                      </button>
                    ) : (
                      c.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody ref={bodyRef}>{body}</tbody>
        </table>
      </div>
    </div>
  );
}
