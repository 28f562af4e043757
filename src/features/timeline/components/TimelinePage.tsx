import { useMemo } from 'react';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorPanel } from '../../../components/ui/ErrorPanel';
import { FilterBar, SelectFilter } from '../../../components/ui/FilterBar';
import { useUrlState } from '../../../lib/url-state';
import { SessionLoadProgress } from '../../../components/session/SessionLoadProgress';
import { useSessionScope } from '../../../lib/session/SessionScopeContext';
import { timelineDownloadUrl, useTimeline } from '../api/get-timeline';
import { buildTimeline, traceJobs, traceOfJob } from '../timeline-model';
import { TimelineChart } from './TimelineChart';
import './timeline.css';

const URL_SPEC = { job: '' };

/** /timeline: when each task ran, lane by lane (node, then worker). */
export function TimelinePage() {
  const scope = useSessionScope();
  const [state, update] = useUrlState(URL_SPEC);
  // The whole trace once: the job filter is applied here, so switching jobs needs no request.
  const trace = useTimeline(scope, '');
  useDocumentTitle(`${scope.name} · Timeline`);
  const jobs = useMemo(() => (trace.data ? traceJobs(trace.data) : []), [trace.data]);
  const model = useMemo(
    () => (trace.data ? buildTimeline(traceOfJob(trace.data, state.job)) : null),
    [trace.data, state.job],
  );

  if (trace.isPending) return <SessionLoadProgress label="Loading the task timeline" />;
  if (trace.isError || !model) {
    return (
      <ErrorPanel
        title="Could not load the task timeline"
        error={trace.error}
        onRetry={() => void trace.refetch()}
      />
    );
  }

  return (
    <section aria-labelledby="timeline-title">
      <h1 id="timeline-title" className="page-title">
        Task timeline
      </h1>
      <FilterBar
        label="Timeline filters"
        onClear={state.job ? () => update({ job: '' }) : undefined}
      >
        <SelectFilter
          label="Job"
          value={state.job}
          anyLabel="All jobs"
          options={jobs.map((job) => ({ value: job, label: job }))}
          onChange={(v) => update({ job: v })}
        />
      </FilterBar>
      <p>
        <a href={timelineDownloadUrl(scope, state.job)} download>
          Download Chrome trace
        </a>{' '}
        <span className="muted">(opens in chrome://tracing or Perfetto)</span>
      </p>
      {model.barCount === 0 ? (
        <EmptyState title="No task spans to draw">
          <p>
            {state.job
              ? 'This job recorded no task that started and ended.'
              : 'No task of this session recorded both a start and an end.'}
          </p>
        </EmptyState>
      ) : (
        <TimelineChart model={model} scope={scope} />
      )}
    </section>
  );
}

export default TimelinePage;
