import { useParams } from 'react-router';
import { AppLink } from '../../../components/ui/AppLink';
import { paths } from '../../../../contract/paths';
import { useSessionScope } from '../../../lib/session/SessionScopeContext';
import { JOB_TASKS_READ, useJobWorkerLogs } from '../api/get-job-worker-logs';
import { jobLogTabs } from '../log-tabs';
import { LogTabs } from './LogTabs';
import './logs.css';

/** /c/.../jobs/:jobId/logs: the driver log at once, then stdout and stderr of the job's workers. */
export default function JobLogsPage() {
  const scope = useSessionScope();
  const { jobId = '' } = useParams();
  // The worker tabs are extras: while they load, or if tasks are unavailable, the driver shows.
  const workers = useJobWorkerLogs(scope, jobId);
  const { tabs, moreWorkers } = jobLogTabs(jobId, workers.data?.workers ?? []);
  const unreadTasks = workers.data?.unreadTasks ?? 0;
  return (
    <div className="logs-page">
      <nav aria-label="Log location" className="logs-page__crumbs">
        <AppLink to={paths.job(scope, jobId)}>Job {jobId}</AppLink> /
      </nav>
      <h1 className="page-title">Logs of job {jobId}</h1>
      {(moreWorkers > 0 || unreadTasks > 0) && (
        <p className="muted" data-testid="more-workers">
          {moreWorkers > 0 && `+${moreWorkers} more workers. `}
          {unreadTasks > 0 &&
            `Workers found in the job's first ${JOB_TASKS_READ} tasks; ${unreadTasks} more tasks may have run in others. `}
          <AppLink to={paths.tasks(scope, { job: jobId })}>All tasks of this job</AppLink> link to
          each attempt&apos;s own logs.
        </p>
      )}
      <LogTabs label="Job logs" tabs={tabs} titleContext={`Job ${jobId}`} />
    </div>
  );
}
