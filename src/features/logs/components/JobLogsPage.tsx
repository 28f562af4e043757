import { useParams } from 'react-router';
import { AppLink } from '../../../components/ui/AppLink';
import { paths } from '../../../config/paths';
import { useSessionScope } from '../../session/SessionScopeContext';
import { useJobWorkerLogs } from '../api/get-job-worker-logs';
import { jobLogTabs } from '../log-tabs';
import { LogTabs } from './LogTabs';
import './logs.css';

/** /c/.../jobs/:jobId/logs: the driver log at once, then the job's worker logs. */
export default function JobLogsPage() {
  const scope = useSessionScope();
  const { jobId = '' } = useParams();
  // The worker tabs are extras: while they load, or if tasks are unavailable, the driver shows.
  const workers = useJobWorkerLogs(scope, jobId);
  return (
    <div className="logs-page">
      <nav aria-label="Log location" className="logs-page__crumbs">
        <AppLink to={paths.job(scope, jobId)}>Job {jobId}</AppLink> /
      </nav>
      <h1 className="page-title">Logs of job {jobId}</h1>
      <LogTabs label="Job logs" tabs={jobLogTabs(jobId, workers.data ?? [])} />
    </div>
  );
}
