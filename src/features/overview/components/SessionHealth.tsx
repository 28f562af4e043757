import { EntityLink } from '../../../components/ui/EntityLink';
import { ErrorPanel } from '../../../components/ui/ErrorPanel';
import { Facts } from '../../../components/ui/Facts';
import { StatusChip } from '../../../components/ui/StatusChip';
import { DurationText, TimeText } from '../../../components/ui/TimeText';
import { AppLink } from '../../../components/ui/AppLink';
import { paths } from '../../../../contract/paths';
import type { SessionScope } from '../../../../contract/api';
import type { SessionSummary } from '../../../../contract/ray';
import { useActors } from '../../../lib/actors/get-actors';
import { useJobs } from '../../../lib/jobs/get-jobs';
import { SessionLoadProgress } from '../../../components/session/SessionLoadProgress';
import { useTaskPage } from '../../../lib/tasks/get-tasks';
import { taskListSearch, TASK_URL_STATE } from '../../../lib/tasks/task-query';
import {
  useClusterStatusText,
  useSessionSummary,
} from '../../../lib/session/api/get-session-summary';
import { latestFailures, outcomeList } from '../../../lib/session/session-health';
import { countLabel } from '../../../lib/format';

const FAILED_TASKS = taskListSearch(
  { ...TASK_URL_STATE, state: 'FAILED', sort: 'end_time_ms', order: 'desc' },
  5,
);

/** Span, outcomes, latest failures, `ray status` and data-quality warnings of the session. */
export function SessionHealth({ scope }: { scope: SessionScope }) {
  const summary = useSessionSummary(scope);
  if (summary.isPending) return <SessionLoadProgress label="Loading the session summary" />;
  if (summary.isError) {
    return (
      <ErrorPanel
        title="Could not load the session summary"
        error={summary.error}
        onRetry={() => void summary.refetch()}
      />
    );
  }
  return (
    <>
      <div className="overview__panels">
        <SummaryPanel summary={summary.data} scope={scope} />
        <FailuresPanel scope={scope} />
      </div>
      {summary.data.warnings.length > 0 && (
        <section className="panel overview__warnings" aria-labelledby="overview-warnings">
          <h2 id="overview-warnings" className="panel__title">
            Data-quality warnings
          </h2>
          <ul>
            {summary.data.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </section>
      )}
      <ClusterStatusPanel scope={scope} />
    </>
  );
}

function SummaryPanel({ summary, scope }: { summary: SessionSummary; scope: SessionScope }) {
  return (
    <section className="panel" aria-labelledby="overview-summary">
      <h2 id="overview-summary" className="panel__title">
        At a glance
      </h2>
      <Facts
        items={[
          { label: 'First event', value: <TimeText ms={summary.startTime} /> },
          { label: 'Last event', value: <TimeText ms={summary.endTime} /> },
          { label: 'Duration', value: <DurationText ms={summary.durationMs} /> },
          {
            label: 'Nodes',
            value: (
              <AppLink to={paths.nodes(scope)}>
                {countLabel(summary.nodes.total, 'node')}: {summary.nodes.alive} alive,{' '}
                {summary.nodes.dead} dead
              </AppLink>
            ),
          },
          {
            label: 'Jobs',
            value: (
              <>
                <AppLink to={paths.jobs(scope)}>{countLabel(summary.jobs.total, 'job')}</AppLink>{' '}
                {outcomeList(summary.jobs.byStatus).map((o) => (
                  <span key={o.status} className="overview__outcome">
                    <StatusChip state={o.status} /> {o.count}
                  </span>
                ))}
              </>
            ),
          },
          {
            label: 'Task attempts',
            value: (
              <>
                <AppLink to={paths.tasks(scope)}>
                  {countLabel(summary.tasks.attempts, 'attempt')}
                </AppLink>
                {summary.tasks.byState.FAILED
                  ? `, ${summary.tasks.byState.FAILED.toLocaleString('en-US')} failed`
                  : ''}
              </>
            ),
          },
          {
            label: 'Actors',
            value: (
              <AppLink to={paths.actors(scope)}>
                {countLabel(summary.actors.total, 'actor')}
              </AppLink>
            ),
          },
        ]}
      />
    </section>
  );
}

function FailuresPanel({ scope }: { scope: SessionScope }) {
  const jobs = useJobs(scope);
  const tasks = useTaskPage(scope, FAILED_TASKS);
  const actors = useActors(scope);
  const error = jobs.error ?? tasks.error ?? actors.error;
  const ready = jobs.data && tasks.data && actors.data;
  return (
    <section className="panel" aria-labelledby="overview-failures">
      <h2 id="overview-failures" className="panel__title">
        Latest failures
      </h2>
      {error ? (
        <ErrorPanel title="Could not load failures" error={error} />
      ) : !ready ? (
        <p className="muted">Loading…</p>
      ) : (
        <FailureList
          scope={scope}
          failures={latestFailures(jobs.data, tasks.data.result, Object.values(actors.data))}
        />
      )}
    </section>
  );
}

function FailureList({
  scope,
  failures,
}: {
  scope: SessionScope;
  failures: ReturnType<typeof latestFailures>;
}) {
  if (failures.length === 0) return <p>Nothing failed in this session.</p>;
  return (
    <ul className="overview__failures">
      {failures.map((f) => (
        <li key={`${f.kind}:${f.id}:${f.attempt ?? ''}`}>
          <EntityLink scope={scope} kind={f.kind} id={f.id} attempt={f.attempt} label={f.title} />
          <span className="muted"> · {f.detail}</span>
        </li>
      ))}
    </ul>
  );
}

function ClusterStatusPanel({ scope }: { scope: SessionScope }) {
  const status = useClusterStatusText(scope);
  return (
    <section className="panel overview__status" aria-labelledby="overview-status">
      <h2 id="overview-status" className="panel__title">
        Cluster status
      </h2>
      {status.isError ? (
        <ErrorPanel
          title="Could not load the cluster status"
          error={status.error}
          onRetry={() => void status.refetch()}
        />
      ) : status.data === undefined ? (
        <p className="muted">Loading…</p>
      ) : status.data ? (
        <pre className="code-block" tabIndex={0} aria-label="ray status output">
          {status.data}
        </pre>
      ) : (
        <p className="muted">Not recorded.</p>
      )}
    </section>
  );
}
