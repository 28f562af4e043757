import type { ReactNode } from 'react';
import './ui.css';

export interface FactItem {
  label: string;
  /** null / undefined / false / '' reads "not recorded": history leaves many things out. */
  value: ReactNode;
}

/** Label/value pairs of a detail page, as a description list. */
export function Facts({ items, label }: { items: FactItem[]; label?: string }) {
  return (
    <dl className="detail-facts" aria-label={label}>
      {items.map((item) => (
        <div key={item.label} className="detail-facts__row">
          <dt>{item.label}</dt>
          <dd>
            {item.value === null ||
            item.value === undefined ||
            item.value === false ||
            item.value === '' ? (
              <span className="muted">not recorded</span>
            ) : (
              item.value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** One label/value row inside a `<dl className="facts">` that a page lays out itself. */
export function FactRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="facts__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
