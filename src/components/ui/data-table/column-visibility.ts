import { useCallback, useState } from 'react';
import type { Column } from './types';

const storageKey = (tableId: string) => `table-columns:${tableId}`;

/** The hidden column ids remembered for `tableId`, or the columns' defaults. */
export function readHiddenColumns<Row>(tableId: string, columns: Column<Row>[]): Set<string> {
  try {
    const raw = window.localStorage.getItem(storageKey(tableId));
    if (raw) {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed))
        return new Set(parsed.filter((v): v is string => typeof v === 'string'));
    }
  } catch {
    // Storage blocked or corrupt: fall back to the defaults.
  }
  return new Set(columns.filter((c) => c.defaultHidden).map((c) => c.id));
}

export function useColumnVisibility<Row>(tableId: string, columns: Column<Row>[]) {
  const [hidden, setHidden] = useState(() => readHiddenColumns(tableId, columns));
  const toggle = useCallback(
    (id: string) => {
      setHidden((current) => {
        const next = new Set(current);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        try {
          window.localStorage.setItem(storageKey(tableId), JSON.stringify([...next]));
        } catch {
          // Not remembered; still applied for this page.
        }
        return next;
      });
    },
    [tableId],
  );
  const visible = columns.filter((c) => c.hideable === false || !hidden.has(c.id));
  return { hidden, toggle, visible };
}
