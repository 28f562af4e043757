import type { ReactNode } from 'react';
import './ui.css';

export interface FactItem {
  label: string;
  /** null / undefined / false / '' reads "not recorded": history leaves many things out. */
  value: ReactNode;
  /** Set in the monospace font (ids, commits, paths). */
  mono?: boolean;
}

const missing = (value: ReactNode) =>
  value === null || value === undefined || value === false || value === '';

/**
 * The one label/value list of the app (detail pages, overview panels): a description list,
 * styled from ui.css so it looks the same whichever page chunk loads first.
 */
export function Facts({ items, label }: { items: FactItem[]; label?: string }) {
  return (
    <dl className="facts" aria-label={label}>
      {items.map((item) => (
        <div key={item.label} className="facts__row">
          <dt>{item.label}</dt>
          {missing(item.value) ? (
            <dd className="facts__missing">not recorded</dd>
          ) : (
            <dd className={item.mono ? 'mono' : undefined}>{item.value}</dd>
          )}
        </div>
      ))}
    </dl>
  );
}
