import { useParams } from 'react-router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { EntityLink } from '../../../components/ui/EntityLink';
import { ErrorPanel } from '../../../components/ui/ErrorPanel';
import { Facts } from '../../../components/ui/Facts';
import { IdText } from '../../../components/ui/IdText';
import { JsonViewer } from '../../../components/ui/JsonViewer';
import { ProgressBar } from '../../../components/ui/ProgressBar';
import { StatusChip } from '../../../components/ui/StatusChip';
import { DurationText, TimeText } from '../../../components/ui/TimeText';
import { isApiError } from '../../../lib/api-client';
import { useUrlState } from '../../../lib/url-state';
import type { SessionScope } from '../../../../contract/api';
import type { RayJob } from '../../../../contract/ray';
import { useActors } from '../../../lib/actors/get-actors';
import { useSessionScope } from '../../../lib/session/SessionScopeContext';
import { SessionLoadProgress } from '../../../components/session/SessionLoadProgress';
import { useFuncNameSummary, useLineageSummary } from '../../../lib/tasks/get-tasks';
import { LineageTree } from '../../../components/tasks/LineageTree';
import { TaskTable } from '../../../components/tasks/TaskTable';
import { TASK_URL_STATE, lineageNodeFilter } from '../../../lib/tasks/task-query';
import { totalStateCounts } from '../../../lib/tasks/task-views';
import { jobDurationMs } from '../job-rows';
import { useJob } from '../../../lib/jobs/get-jobs';
import { useJobFailedAttempts } from '../api/get-job-failures';
import { JobDriverLog } from './JobDriverLog';
import { JobFailure } from './JobFailure';
import './jobs.css';
import { stripAnsi } from '../../../../contract/ansi';

/** /jobs/:jobId (job id or submission id): what the job ran, how it ended, and its tasks. */
export function JobDetailPage() {
  const scope = useSessionScope();
  const jobId = useParams().jobId ?? '';
  const job = useJob(scope, jobId);
  useDocumentTitle(`Job ${jobId}`);

  if (job.isPending) return <SessionLoadProgress label="Loading job" />;
  if (job.isError) {
    return (
      <ErrorPanel
        title={
          isApiError(job.error) && job.error.status === 404
            ? 'No such job'
            : 'Could not load this job'
        }
        error={job.error}
        onRetry={() => void job.refetch()}
      />
    );
  }
  return <JobDetail scope={scope} job={job.data} />;
}

function JobDetail({ scope, job }: { scope: SessionScope; job: RayJob }) {
  const rayJobId = job.job_id;
  const troubled = job.status !== 'SUCCEEDED';
  const failed = useJobFailedAttempts(scope, rayJobId ?? '', Boolean(rayJobId) && troubled);
  const failedAttempts = rayJobId ? failed.data?.result : [];
  return (
    <section aria-labelledby="job-title">
      <h1 id="job-title" className="page-title">
        Job {job.job_id ?? job.submission_id} <StatusChip state={job.status} />
      </h1>
      <p className="job-detail__headline">
        {job.type} job · ran <DurationText ms={jobDurationMs(job)} /> · ended{' '}
        <TimeText ms={job.end_time} />
      </p>
      {job.status === 'FAILED' ? (
        <JobFailure scope={scope} job={job} failed={failedAttempts} />
      ) : (
        job.message && <p className="job-detail__message">{stripAnsi(job.message)}</p>
      )}
      {rayJobId && <JobProgress scope={scope} jobId={rayJobId} />}
      <JobDriverLog scope={scope} job={job} failed={failedAttempts} />
      <div className="job-detail__grid">
        <section aria-labelledby="job-facts" className="panel">
          <h2 id="job-facts" className="panel__title">
            Details
          </h2>
          <Facts
            items={[
              { label: 'Job ID', value: job.job_id && <IdText id={job.job_id} what="job ID" /> },
              {
                label: 'Submission ID',
                value: job.submission_id && (
                  <IdText id={job.submission_id} what="submission ID" keep={30} />
                ),
              },
              { label: 'Type', value: job.type },
              { label: 'Entrypoint', value: job.entrypoint && <code>{job.entrypoint}</code> },
              { label: 'Error type', value: job.error_type },
              {
                label: 'Exit code',
                value: job.driver_exit_code === null ? null : String(job.driver_exit_code),
              },
              { label: 'Start', value: <TimeText ms={job.start_time} /> },
              { label: 'End', value: <TimeText ms={job.end_time} /> },
              { label: 'Duration', value: <DurationText ms={jobDurationMs(job)} /> },
              {
                label: 'Driver node',
                value: <EntityLink scope={scope} kind="node" id={job.driver_node_id} />,
              },
            ]}
          />
        </section>
        <section aria-label="Configuration" className="panel">
          <JsonViewer label="Runtime environment" value={job.runtime_env} />
          <JsonViewer label="Metadata" value={job.metadata} />
        </section>
      </div>
      {rayJobId && <JobTasks scope={scope} jobId={rayJobId} />}
    </section>
  );
}

/** Task attempts of the job by state, as a bar. */
function JobProgress({ scope, jobId }: { scope: SessionScope; jobId: string }) {
  const summary = useFuncNameSummary(scope, jobId);
  return (
    <section aria-labelledby="job-progress" className="job-detail__section">
      <h2 id="job-progress">Task progress</h2>
      {summary.isError ? (
        <ErrorPanel
          title="Could not load the task summary"
          error={summary.error}
          onRetry={() => void summary.refetch()}
        />
      ) : summary.data ? (
        <ProgressBar
          label="Task attempts by state"
          counts={totalStateCounts(summary.data)}
          noun="task attempts"
        />
      ) : (
        <p className="muted">Loading…</p>
      )}
    </section>
  );
}

function JobTasks({ scope, jobId }: { scope: SessionScope; jobId: string }) {
  const lineage = useLineageSummary(scope, jobId);
  const [, update] = useUrlState(TASK_URL_STATE);
  return (
    <>
      <section aria-labelledby="job-lineage" className="job-detail__section">
        <h2 id="job-lineage">Task lineage</h2>
        <p className="muted">Choose a name to show only its attempts in the table below.</p>
        {lineage.isError ? (
          <ErrorPanel
            title="Could not load the lineage"
            error={lineage.error}
            onRetry={() => void lineage.refetch()}
          />
        ) : lineage.data ? (
          <LineageTree
            nodes={lineage.data.summary}
            onSelect={(node) =>
              update({ name: '', task: '', actor: '', func: '', ...lineageNodeFilter(node) })
            }
          />
        ) : (
          <p className="muted">Loading…</p>
        )}
      </section>
      <section aria-labelledby="job-tasks" className="job-detail__section">
        <h2 id="job-tasks">Tasks</h2>
        <TaskTable scope={scope} fixed={{ job: jobId }} />
      </section>
      <JobActors scope={scope} jobId={jobId} />
    </>
  );
}

function JobActors({ scope, jobId }: { scope: SessionScope; jobId: string }) {
  const actors = useActors(scope);
  if (actors.isError) {
    return (
      <ErrorPanel
        title="Could not load actors"
        error={actors.error}
        onRetry={() => void actors.refetch()}
      />
    );
  }
  const mine = Object.values(actors.data ?? {}).filter((a) => a.jobId === jobId);
  return (
    <section aria-labelledby="job-actors" className="job-detail__section">
      <h2 id="job-actors">Actors</h2>
      {!actors.data ? (
        <p className="muted">Loading…</p>
      ) : mine.length === 0 ? (
        <p className="muted">This job created no actors.</p>
      ) : (
        <ul className="job-detail__actors">
          {mine.map((a) => (
            <li key={a.actorId}>
              <EntityLink
                scope={scope}
                kind="actor"
                id={a.actorId}
                label={a.className || a.actorId}
              />{' '}
              <StatusChip state={a.state} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export default JobDetailPage;
