import { useDocumentTitle } from '../../../lib/use-document-title';
import { useSessionScope } from '../../../lib/session/SessionScopeContext';
import { TaskTable } from '../../../components/tasks/TaskTable';

/** /tasks: every task attempt of the session. */
export function TasksPage() {
  const scope = useSessionScope();
  useDocumentTitle(`${scope.name} · Tasks`);
  return (
    <section aria-labelledby="tasks-title">
      <h1 id="tasks-title" className="page-title">
        Tasks
      </h1>
      <TaskTable scope={scope} />
    </section>
  );
}

export default TasksPage;
