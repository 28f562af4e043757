import { useDocumentTitle } from '../../../lib/use-document-title';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorPanel } from '../../../components/ui/ErrorPanel';
import { Tabs, type TabItem } from '../../../components/ui/Tabs';
import { useRuntimeConfig } from '../../../config/runtime-config';
import { useSessionInfo } from '../../../lib/session/api/get-session-info';
import { useSessionSummary } from '../../../lib/session/api/get-session-summary';
import { SessionLoadProgress } from '../../../components/session/SessionLoadProgress';
import { useSessionScope } from '../../../lib/session/SessionScopeContext';
import { grafanaDashboardTabs, sessionWindow } from '../grafana-tabs';
import { GrafanaDashboard } from './GrafanaDashboard';
import { NativeChartsTab } from './NativeChartsTab';
import { PrometheusTab } from './PrometheusTab';
import './metrics.css';

/** /metrics: charts from the session's events and from Prometheus, and Ray's Grafana dashboards scoped to it. */
export function MetricsPage() {
  const scope = useSessionScope();
  const { metrics } = useRuntimeConfig();
  const info = useSessionInfo(scope);
  const summary = useSessionSummary(scope);
  useDocumentTitle(`${scope.name} · Metrics`);

  if (info.data?.live === 'running') return <RunningClusterMetrics />;
  if (info.isPending || summary.isPending)
    return <SessionLoadProgress label="Loading the session's time span" />;
  if (info.isError || summary.isError) {
    return (
      <ErrorPanel
        title="Could not load the session's time span"
        error={info.error ?? summary.error}
        onRetry={() => void (info.isError ? info.refetch() : summary.refetch())}
      />
    );
  }
  const span = sessionWindow(info.data.startTime, summary.data);
  const tabs: TabItem[] = [
    { id: 'activity', label: 'Activity', content: () => <NativeChartsTab scope={scope} /> },
    {
      id: 'prometheus',
      label: 'Prometheus',
      content: () => <PrometheusTab scope={scope} sessionName={info.data.sessionName} />,
    },
    ...grafanaDashboardTabs(metrics.grafanaDashboards).map((dashboard) => ({
      id: `grafana-${dashboard.key}`,
      label: `Grafana: ${dashboard.label}`,
      content: () => <GrafanaDashboard dashboard={dashboard} session={info.data} window={span} />,
    })),
  ];

  return (
    <section aria-labelledby="metrics-title">
      <h1 id="metrics-title" className="page-title">
        Metrics
      </h1>
      <Tabs label="Dashboards" tabs={tabs} />
    </section>
  );
}

/**
 * Every chart here is scoped to a recorded session (its events, its SessionName label, its time
 * span); a running cluster has none of them yet, so say where its numbers are instead.
 */
function RunningClusterMetrics() {
  return (
    <section aria-labelledby="metrics-title">
      <h1 id="metrics-title" className="page-title">
        Metrics
      </h1>
      <EmptyState title="Metrics come from the recorded session">
        <p>
          This cluster is running: its activity charts, Prometheus series and Grafana dashboards are
          scoped to the session the collector records, and appear here once the cluster ends. Its
          nodes&apos; live CPU and memory are on the Nodes page; while it runs, its own Ray
          Dashboard&apos;s Metrics view shows the current numbers.
        </p>
      </EmptyState>
    </section>
  );
}

export default MetricsPage;
