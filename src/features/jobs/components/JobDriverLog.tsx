import { AppLink } from '../../../components/ui/AppLink';
import { EntityLink } from '../../../components/ui/EntityLink';
import { paths } from '../../../../contract/paths';
import type { SessionScope } from '../../../../contract/api';
import type { RayJob, RayTask } from '../../../../contract/ray';
import { LazyLogViewer } from '../../../components/log-viewer/LazyLogViewer';
import { hasDriverLog } from '../../../lib/jobs/job-failure';

/**
 * The driver log's tail inline, with the full log one click away. A DRIVER job has no driver
 * log in history (its output went to the terminal that ran it): that is said, with its failed
 * tasks, whose logs were recorded.
 */
export function JobDriverLog({
  scope,
  job,
  failed,
}: {
  scope: SessionScope;
  job: RayJob;
  failed: readonly RayTask[] | undefined;
}) {
  const jobId = job.job_id;
  return (
    <section aria-labelledby="job-driver-log" className="job-detail__section">
      <h2 id="job-driver-log">Driver log</h2>
      {jobId && hasDriverLog(job) ? (
        <>
          <p>
            <AppLink className="ui-button job-detail__logs" to={paths.jobLogs(scope, jobId)}>
              Open full log
            </AppLink>
          </p>
          <div className="job-detail__log">
            <LazyLogViewer source={{ kind: 'job', jobId }} />
          </div>
        </>
      ) : (
        <NoDriverLog scope={scope} job={job} failed={failed} />
      )}
    </section>
  );
}

function NoDriverLog({
  scope,
  job,
  failed,
}: {
  scope: SessionScope;
  job: RayJob;
  failed: readonly RayTask[] | undefined;
}) {
  return (
    <div className="job-detail__no-log">
      <p>
        No driver log was recorded: this {job.type} job&apos;s script ran directly on the cluster,
        so its output went to the terminal that started it, not to a log file.
      </p>
      {failed && failed.length > 0 && (
        <>
          <p>Its failed tasks&apos; logs were recorded:</p>
          <ul className="job-detail__failed-tasks">
            {failed.slice(0, 10).map((task) => (
              <li key={`${task.task_id}:${task.attempt_number}`}>
                <EntityLink
                  scope={scope}
                  kind="task"
                  id={task.task_id}
                  attempt={task.attempt_number}
                  label={`${task.name || task.func_or_class_name} (attempt ${task.attempt_number})`}
                />
                {task.error_type && <span className="muted"> · {task.error_type}</span>} ·{' '}
                <AppLink to={paths.taskLogs(scope, task.task_id, task.attempt_number, 'err')}>
                  stderr
                </AppLink>
              </li>
            ))}
          </ul>
          {failed.length > 10 && job.job_id && (
            <AppLink to={paths.tasks(scope, { job: job.job_id, state: 'FAILED' })}>
              All failed attempts of this job
            </AppLink>
          )}
        </>
      )}
    </div>
  );
}
