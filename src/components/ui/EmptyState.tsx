import type { ReactNode } from 'react';
import './ui.css';

/** Says why a list is empty, and what the user can do about it. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <section className="ui-empty" aria-label={title}>
      <h2 className="ui-empty__title">{title}</h2>
      {children}
    </section>
  );
}
