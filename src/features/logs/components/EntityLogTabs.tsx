import { actorLogTabs, taskLogTabs } from '../log-tabs';
import type { ActorWorker } from '../log-tabs';
import { LogTabs } from './LogTabs';

// Embeddable in the task and actor detail pages.

/** stdout, stderr and (when it failed) the error traceback of one task attempt. */
export function TaskLogTabs({
  taskId,
  attempt,
  errorMessage,
  titleContext,
}: {
  taskId: string;
  attempt?: number;
  errorMessage?: string | null;
  titleContext: string;
}) {
  return (
    <LogTabs
      label="Task logs"
      tabs={taskLogTabs(taskId, attempt, errorMessage)}
      titleContext={titleContext}
    />
  );
}

/** stdout, stderr and (when its worker is known) the core-worker log of an actor. */
export function ActorLogTabs({
  actorId,
  worker,
  titleContext,
}: {
  actorId: string;
  worker?: ActorWorker | null;
  titleContext: string;
}) {
  return (
    <LogTabs label="Actor logs" tabs={actorLogTabs(actorId, worker)} titleContext={titleContext} />
  );
}
