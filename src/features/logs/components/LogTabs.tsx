import { useSearchParams } from 'react-router';
import { logSourceKey } from '../../../components/log-viewer/log-source';
import { selectedTab } from '../log-tabs';
import type { LogTab } from '../log-tabs';
import { LazyLogViewer } from '../../../components/log-viewer/LazyLogViewer';
import './logs.css';

/** One viewer, many logs: the selected tab lives in `?tab=`. `titleContext`: see LogViewer. */
export function LogTabs({
  tabs,
  label,
  titleContext,
}: {
  tabs: LogTab[];
  label: string;
  titleContext: string;
}) {
  const [params, setParams] = useSearchParams();
  const current = selectedTab(tabs, params.get('tab'));
  const choose = (id: string) => {
    const next = new URLSearchParams(params);
    next.set('tab', id);
    setParams(next, { replace: true, preventScrollReset: true });
  };
  return (
    <section className="log-tabs" aria-label={label}>
      <div role="tablist" aria-label={label}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            className="ui-button"
            aria-selected={tab.id === current?.id}
            onClick={() => choose(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {current && (
        <div role="tabpanel" aria-label={current.label}>
          {'text' in current ? (
            <pre className="log-tabs__error">{current.text}</pre>
          ) : (
            <LazyLogViewer
              key={logSourceKey(current.source)}
              source={current.source}
              titleContext={`${titleContext} ${current.label}`}
            />
          )}
        </div>
      )}
    </section>
  );
}
