import { useParams } from 'react-router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { AppLink } from '../../../components/ui/AppLink';
import { EmptyState } from '../../../components/ui/EmptyState';
import { EntityLink } from '../../../components/ui/EntityLink';
import { ErrorPanel } from '../../../components/ui/ErrorPanel';
import { IdText } from '../../../components/ui/IdText';
import { StatusChip } from '../../../components/ui/StatusChip';
import { DurationText, TimeText } from '../../../components/ui/TimeText';
import { paths } from '../../../../contract/paths';
import type { SessionScope } from '../../../../contract/api';
import type { RayTask } from '../../../../contract/ray';
import { useSessionScope } from '../../../lib/session/SessionScopeContext';
import { SessionLoadProgress } from '../../../components/session/SessionLoadProgress';
import { useTaskAttempts } from '../../../lib/tasks/get-tasks';
import {
  pickAttempt,
  readableErrorMessage,
  stateTransitions,
  taskDurationMs,
  taskLogLinks,
} from '../../../lib/tasks/task-views';
import '../../../components/tasks/tasks.css';
import { Facts } from '../../../components/ui/Facts';
import { useUrlState } from '../../../lib/url-state';

/** /tasks/:taskId[?attempt=N]: one task, every attempt, and why it failed. */
export function TaskDetailPage() {
  const scope = useSessionScope();
  const taskId = useParams().taskId ?? '';
  const [{ attempt: wantedAttempt }] = useUrlState({ attempt: '' });
  const attempts = useTaskAttempts(scope, taskId);
  useDocumentTitle(`Task ${taskId.slice(0, 12)}`);

  if (attempts.isPending) return <SessionLoadProgress label="Loading task" />;
  if (attempts.isError) {
    return (
      <ErrorPanel
        title="Could not load this task"
        error={attempts.error}
        onRetry={() => void attempts.refetch()}
      />
    );
  }
  const attempt = pickAttempt(attempts.data, wantedAttempt || null);
  if (!attempt) {
    return (
      <EmptyState title="No such task">
        <p>
          No attempt of task <span className="mono">{taskId}</span> was recorded in this session.
        </p>
        <AppLink to={paths.tasks(scope)}>All tasks</AppLink>
      </EmptyState>
    );
  }

  return (
    <section aria-labelledby="task-title">
      <h1 id="task-title" className="page-title">
        {attempt.name || attempt.func_or_class_name} <StatusChip state={attempt.state} />
      </h1>
      <p>
        Task <IdText id={attempt.task_id} what="task ID" keep={16} />
      </p>
      {attempts.data.length > 1 && (
        <nav aria-label="Attempts" className="tabs__list">
          {attempts.data.map((a) => (
            <AppLink
              key={a.attempt_number}
              to={paths.task(scope, a.task_id, a.attempt_number)}
              className="tabs__tab"
              aria-current={a === attempt ? 'page' : undefined}
            >
              Attempt {a.attempt_number} ({a.state})
            </AppLink>
          ))}
        </nav>
      )}
      <AttemptDetail scope={scope} task={attempt} />
    </section>
  );
}

function AttemptDetail({ scope, task }: { scope: SessionScope; task: RayTask }) {
  return (
    <>
      {(task.error_type || task.error_message) && (
        <section aria-labelledby="task-error" className="panel">
          <h2 id="task-error" className="panel__title">
            Error{task.error_type ? `: ${task.error_type}` : ''}
          </h2>
          {task.error_message ? (
            <pre className="code-block" aria-label="Traceback">
              {readableErrorMessage(task.error_message)}
            </pre>
          ) : (
            <p className="muted">No error message recorded.</p>
          )}
        </section>
      )}
      <div className="task-detail__grid">
        <section aria-labelledby="task-facts" className="panel">
          <h2 id="task-facts" className="panel__title">
            Attempt {task.attempt_number}
          </h2>
          <Facts
            items={[
              { label: 'Type', value: task.type },
              { label: 'Function', value: <code>{task.func_or_class_name}</code> },
              { label: 'Job', value: <EntityLink scope={scope} kind="job" id={task.job_id} /> },
              {
                label: 'Actor',
                value: <EntityLink scope={scope} kind="actor" id={task.actor_id} />,
              },
              { label: 'Node', value: <EntityLink scope={scope} kind="node" id={task.node_id} /> },
              {
                label: 'Worker',
                value: task.worker_id && (
                  <>
                    <IdText id={task.worker_id} what="worker ID" /> pid {task.worker_pid ?? '—'}
                  </>
                ),
              },
              { label: 'Created', value: <TimeText ms={task.creation_time_ms} /> },
              { label: 'Start', value: <TimeText ms={task.start_time_ms} /> },
              { label: 'End', value: <TimeText ms={task.end_time_ms} /> },
              { label: 'Duration', value: <DurationText ms={taskDurationMs(task)} /> },
            ]}
          />
        </section>
        <section aria-labelledby="task-timeline" className="panel">
          <h2 id="task-timeline" className="panel__title">
            State transitions
          </h2>
          <TransitionList task={task} />
          <h2 className="panel__title">Logs</h2>
          <ul className="task-logs">
            {taskLogLinks(task).map((link) => (
              <li key={link.stream}>
                {link.file && task.node_id ? (
                  <AppLink
                    className="ui-button"
                    to={paths.taskLogs(
                      scope,
                      task.task_id,
                      task.attempt_number,
                      link.stream === 'stdout' ? 'out' : 'err',
                    )}
                  >
                    {link.stream}
                  </AppLink>
                ) : (
                  <span className="ui-button" aria-disabled="true" title={link.reason ?? undefined}>
                    {link.stream} <span className="muted">({link.reason})</span>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}

function TransitionList({ task }: { task: RayTask }) {
  const transitions = stateTransitions(task);
  if (transitions.length === 0) return <p className="muted">No state transitions recorded.</p>;
  return (
    <ol className="task-transitions">
      {transitions.map((t, i) => (
        <li key={`${t.state}-${i}`}>
          <StatusChip state={t.state} /> <TimeText ms={t.at} />
          {t.durationMs !== null && (
            <span className="muted">
              {' '}
              · <DurationText ms={t.durationMs} />
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}

export default TaskDetailPage;
