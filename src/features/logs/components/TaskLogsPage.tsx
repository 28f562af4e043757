import { useParams } from 'react-router';
import { AppLink } from '../../../components/ui/AppLink';
import { paths } from '../../../../contract/paths';
import { useSessionScope } from '../../../lib/session/SessionScopeContext';
import { useTaskAttempts } from '../../../lib/tasks/get-tasks';
import { taskLogTabs } from '../log-tabs';
import { LogTabs } from './LogTabs';
import './logs.css';
import { useUrlState } from '../../../lib/url-state';

/**
 * /tasks/:taskId/logs?attempt=N: the bytes of its worker's stdout / stderr that this attempt
 * wrote (the server cuts them from the worker's file); "Whole file" in the viewer opens the rest.
 * A failed attempt also gets its error traceback as a tab (`?tab=error` links straight to it).
 */
export default function TaskLogsPage() {
  const scope = useSessionScope();
  const { taskId = '' } = useParams();
  const [{ attempt: wanted }] = useUrlState({ attempt: '' });
  const attempt = /^\d+$/.test(wanted) ? Number(wanted) : undefined;
  const which = attempt === undefined ? 'latest attempt' : `attempt ${attempt}`;
  const attempts = useTaskAttempts(scope, taskId).data ?? [];
  const shown =
    attempt === undefined ? attempts.at(-1) : attempts.find((a) => a.attempt_number === attempt);
  return (
    <div className="logs-page">
      <nav aria-label="Log location" className="logs-page__crumbs">
        <AppLink to={paths.task(scope, taskId, attempt)}>Task {taskId.slice(0, 12)}</AppLink> /
      </nav>
      <h1 className="page-title">
        Logs of task <span className="mono">{taskId.slice(0, 12)}</span>, {which}
      </h1>
      <LogTabs
        label="Task logs"
        tabs={taskLogTabs(taskId, attempt, shown)}
        titleContext={`Task ${taskId.slice(0, 8)} ${which}`}
      />
    </div>
  );
}
