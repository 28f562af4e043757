import { logSourceKey } from '../../../components/log-viewer/log-source';
import { LazyLogViewer } from '../../../components/log-viewer/LazyLogViewer';
import { Tabs } from '../../../components/ui/Tabs';
import type { LogTab } from '../log-tabs';
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
  return (
    <section className="log-tabs" aria-label={label}>
      <Tabs
        label={label}
        tabs={tabs.map((tab) => ({
          id: tab.id,
          label: tab.label,
          content: () =>
            'text' in tab ? (
              <pre className="log-tabs__error">{tab.text}</pre>
            ) : (
              <LazyLogViewer
                key={logSourceKey(tab.source)}
                source={tab.source}
                titleContext={`${titleContext} ${tab.label}`}
                whenEmpty={tab.whenEmpty}
              />
            ),
        }))}
      />
    </section>
  );
}
