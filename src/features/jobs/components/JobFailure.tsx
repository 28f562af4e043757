import { AppLink } from '../../../components/ui/AppLink';
import { paths } from '../../../../contract/paths';
import type { SessionScope } from '../../../../contract/api';
import type { RayJob, RayTask } from '../../../../contract/ray';
import {
  exceptionLine,
  hasTraceback,
  readableMessage,
  rootCauseAttempt,
} from '../../../lib/jobs/job-failure';

/**
 * Why the job failed: the exception's last line first, the full traceback one click away, and
 * the failed task attempt it came from with that attempt's own log lines.
 */
export function JobFailure({
  scope,
  job,
  failed,
}: {
  scope: SessionScope;
  job: RayJob;
  /** The job's failed attempts; undefined while loading. */
  failed: readonly RayTask[] | undefined;
}) {
  const line = exceptionLine(job.message);
  const cause = failed ? rootCauseAttempt(job, failed) : null;
  return (
    <section aria-labelledby="job-failure" className="panel job-failure">
      <h2 id="job-failure" className="panel__title">
        Why it failed{job.error_type ? `: ${job.error_type}` : ''}
      </h2>
      {line ? (
        <pre className="job-failure__exception" aria-label="Exception">
          {line}
        </pre>
      ) : (
        <p className="muted">
          The job recorded no error message
          {job.driver_exit_code !== null ? ` (driver exit code ${job.driver_exit_code})` : ''}.
        </p>
      )}
      {job.message && hasTraceback(job.message) && (
        <details className="job-failure__traceback">
          <summary>Full traceback</summary>
          <pre className="code-block" tabIndex={0} aria-label="Traceback">
            {readableMessage(job.message)}
          </pre>
        </details>
      )}
      {failed === undefined ? (
        <p className="muted">Looking for the failed task…</p>
      ) : cause ? (
        <p className="job-failure__cause">
          Root cause:{' '}
          <AppLink to={paths.task(scope, cause.task_id, cause.attempt_number)}>
            task {cause.name || cause.func_or_class_name} (attempt {cause.attempt_number})
          </AppLink>
          {cause.error_type && <span className="muted"> · {cause.error_type}</span>} ·{' '}
          <AppLink to={paths.taskLogs(scope, cause.task_id, cause.attempt_number, 'err')}>
            its stderr lines
          </AppLink>{' '}
          ·{' '}
          <AppLink to={paths.taskLogs(scope, cause.task_id, cause.attempt_number, 'out')}>
            stdout lines
          </AppLink>
        </p>
      ) : (
        <p className="muted">No task of this job failed; the driver itself did.</p>
      )}
    </section>
  );
}
