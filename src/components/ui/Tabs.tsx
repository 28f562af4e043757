import { useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { useUrlState } from '../../lib/url-state';
import './ui.css';

export interface TabItem {
  id: string;
  label: string;
  content: () => ReactNode;
}

/**
 * The one tabs widget (WAI-ARIA tabs: arrows, Home and End move and select; one tab in the Tab
 * order). The selected tab is `?tab=` so it survives reload and back; only it is rendered.
 */
export function Tabs({
  label,
  tabs,
  param = 'tab',
}: {
  label: string;
  tabs: TabItem[];
  param?: string;
}) {
  const [state, update] = useUrlState({ [param]: tabs[0]?.id ?? '' });
  const selected = tabs.find((t) => t.id === state[param]) ?? tabs[0];
  const refs = useRef(new Map<string, HTMLButtonElement>());
  if (!selected) return null;

  const select = (id: string, focus: boolean) => {
    update({ [param]: id }, { replace: true, preventScrollReset: true });
    if (focus) refs.current.get(id)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const index = tabs.indexOf(selected);
    const next =
      event.key === 'ArrowRight'
        ? tabs[(index + 1) % tabs.length]
        : event.key === 'ArrowLeft'
          ? tabs[(index - 1 + tabs.length) % tabs.length]
          : event.key === 'Home'
            ? tabs[0]
            : event.key === 'End'
              ? tabs[tabs.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    select(next.id, true);
  };

  return (
    <div className="tabs">
      <div role="tablist" aria-label={label} className="tabs__list" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            ref={(el) => {
              if (el) refs.current.set(tab.id, el);
              else refs.current.delete(tab.id);
            }}
            type="button"
            role="tab"
            id={`tab-${param}-${tab.id}`}
            aria-selected={tab === selected}
            aria-controls={`tabpanel-${param}-${tab.id}`}
            tabIndex={tab === selected ? 0 : -1}
            className="tabs__tab"
            onClick={() => select(tab.id, false)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`tabpanel-${param}-${selected.id}`}
        aria-labelledby={`tab-${param}-${selected.id}`}
        className="tabs__panel"
      >
        {selected.content()}
      </div>
    </div>
  );
}
