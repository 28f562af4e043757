import { lazy, Suspense } from 'react';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorPanel } from '../../../components/ui/ErrorPanel';
import { FilterBar, SelectFilter } from '../../../components/ui/FilterBar';
import { useUrlState } from '../../../lib/url-state';
import type { SessionScope } from '../../../../contract/api';
import { SessionLoadProgress } from '../../../components/session/SessionLoadProgress';
import { useNativeSeries } from '../api/get-native-series';

const NativeCharts = lazy(() => import('./NativeCharts'));
const URL_SPEC = { job: '' };

/** Charts from the session's own events: no Grafana or Prometheus needed. */
export function NativeChartsTab({ scope }: { scope: SessionScope }) {
  const [state, update] = useUrlState(URL_SPEC);
  const whole = useNativeSeries(scope, '');
  const series = useNativeSeries(scope, state.job);

  if (series.isPending) return <SessionLoadProgress label="Computing the session's activity" />;
  if (series.isError) {
    return (
      <ErrorPanel
        title="Could not compute the session's activity"
        error={series.error}
        onRetry={() => void series.refetch()}
      />
    );
  }
  const jobs = whole.data?.jobs ?? [];
  const { runningPeak } = series.data;
  return (
    <div>
      <FilterBar label="Chart filters" onClear={state.job ? () => update({ job: '' }) : undefined}>
        <SelectFilter
          label="Job"
          value={state.job}
          anyLabel="Whole session"
          options={jobs.map((job) => ({ value: job.id, label: `${job.id} (${job.status})` }))}
          onChange={(v) => update({ job: v })}
        />
      </FilterBar>
      {series.data.window === null ? (
        <EmptyState title="No recorded activity">
          <p>This session recorded no events to chart.</p>
        </EmptyState>
      ) : (
        <>
          <p className="metrics-peak">
            Peak of running task attempts: <strong>{runningPeak.count}</strong>
          </p>
          <Suspense fallback={<SessionLoadProgress label="Loading charts" />}>
            <NativeCharts series={series.data} />
          </Suspense>
        </>
      )}
    </div>
  );
}
