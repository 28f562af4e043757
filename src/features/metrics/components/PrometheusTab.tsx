import { ErrorPanel } from '../../../components/ui/ErrorPanel';
import type { SessionScope } from '../../../../contract/api';
import { SessionLoadProgress } from '../../../components/session/SessionLoadProgress';
import { usePrometheusCatalogue } from '../api/get-prometheus-metrics';
import { PrometheusMetricPanel } from './PrometheusMetricPanel';

/** Ray's metrics from Prometheus for the session: one chart per catalogue entry. */
export function PrometheusTab({
  scope,
  sessionName,
}: {
  scope: SessionScope;
  sessionName: string;
}) {
  const catalogue = usePrometheusCatalogue(scope);
  if (catalogue.isPending) return <SessionLoadProgress label="Loading the metrics catalogue" />;
  if (catalogue.isError)
    return (
      <ErrorPanel
        title="Could not load the metrics catalogue"
        error={catalogue.error}
        onRetry={() => void catalogue.refetch()}
      />
    );
  if (!catalogue.data.configured) return <PrometheusSetupHint />;
  return (
    <div className="metrics-charts">
      {catalogue.data.metrics.map((metric) => (
        <PrometheusMetricPanel
          key={metric.id}
          scope={scope}
          sessionName={sessionName}
          metric={metric}
        />
      ))}
    </div>
  );
}

function PrometheusSetupHint() {
  return (
    <section className="metrics-hint" aria-label="Prometheus setup" role="status">
      <h2 className="metrics-hint__title">Prometheus is not configured</h2>
      <p>
        Set <code>PROMETHEUS_URL</code> on the history server to the Prometheus (or
        Prometheus-compatible, such as ARMS) API that scraped this cluster, and{' '}
        <code>PROMETHEUS_HEADERS</code> (<code>name=value,...</code> or a JSON object) if it needs a
        token. The server then queries Ray&apos;s metrics for this session by its{' '}
        <code>SessionName</code> label.
      </p>
      <p>The activity tab works without Prometheus.</p>
    </section>
  );
}
