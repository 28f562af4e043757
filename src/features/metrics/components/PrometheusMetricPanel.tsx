import { lazy, Suspense, type ReactNode } from 'react';
import { ErrorPanel } from '../../../components/ui/ErrorPanel';
import type { SessionScope } from '../../../../contract/api';
import { SessionLoadProgress } from '../../../components/session/SessionLoadProgress';
import { usePrometheusSeries } from '../api/get-prometheus-metrics';
import { hasSamples } from '../prometheus-chart-model';
import type { PrometheusMetricInfo } from '../../../../contract/metrics/prometheus-types';

const PrometheusChart = lazy(() => import('./PrometheusChart'));

/** One catalogue metric: its own request, so a slow or failing query holds up no other chart. */
export function PrometheusMetricPanel({
  scope,
  sessionName,
  metric,
}: {
  scope: SessionScope;
  sessionName: string;
  metric: PrometheusMetricInfo;
}) {
  const query = usePrometheusSeries(scope, metric.id);
  let body: ReactNode;
  if (query.isPending) body = <SessionLoadProgress label={`Querying ${metric.title}`} />;
  else if (query.isError)
    body = (
      <ErrorPanel
        title={`Could not query ${metric.title}`}
        error={query.error}
        onRetry={() => void query.refetch()}
      />
    );
  else if (!hasSamples(query.data))
    body = (
      <p className="metrics-chart__empty">
        No samples labelled <code>SessionName=&quot;{sessionName}&quot;</code> in this window: the
        cluster did not export this metric, it was not scraped, or Prometheus&apos; retention has
        dropped it.
      </p>
    );
  else
    body = (
      <>
        <Suspense fallback={<SessionLoadProgress label="Loading the chart" />}>
          <PrometheusChart data={query.data} />
        </Suspense>
        {query.data.omittedSeries > 0 && (
          <p className="metrics-chart__note">
            {query.data.omittedSeries} more series with smaller values are not shown.
          </p>
        )}
      </>
    );

  return (
    <figure className="metrics-chart" aria-label={metric.title}>
      <figcaption className="metrics-chart__title" title={metric.description}>
        {metric.title}
      </figcaption>
      {body}
    </figure>
  );
}
