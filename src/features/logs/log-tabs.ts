import type { LogSource } from '../../components/log-viewer/log-source';

// The tabs of an entity's logs (job, task, actor): each shows a log source, or a fixed text
// such as how a task attempt failed.

export type LogTab =
  | {
      id: string;
      label: string;
      source: LogSource;
      /** Said after what an empty log means: where else to look. */
      whenEmpty?: string;
    }
  | { id: string; label: string; text: string };

/** How an attempt failed, as Ray's task state API gives it. */
export interface TaskFailure {
  error_type?: string | null;
  error_message?: string | null;
}

/**
 * A Python exception's message is its traceback; other failures (ACTOR_DIED, WORKER_DIED,
 * OUT_OF_MEMORY, …) are Ray's own explanation, named by their type.
 */
function errorTabLabel(errorType: string | null | undefined): string {
  if (errorType === 'TASK_EXECUTION_EXCEPTION') return 'Error traceback';
  return errorType ? `Error (${errorType})` : 'Error';
}

export function taskLogTabs(taskId: string, attempt?: number, failure?: TaskFailure): LogTab[] {
  const error = failure?.error_message
    ? { id: 'error', label: errorTabLabel(failure.error_type), text: failure.error_message }
    : null;
  // A failed attempt's log is often empty: its exception went to Ray, not to the log.
  const whenEmpty = error ? `The attempt's error is in the "${error.label}" tab.` : undefined;
  const tabs: LogTab[] = [
    {
      id: 'out',
      label: 'stdout',
      source: { kind: 'task', taskId, attempt, suffix: 'out' },
      whenEmpty,
    },
    {
      id: 'err',
      label: 'stderr',
      source: { kind: 'task', taskId, attempt, suffix: 'err' },
      whenEmpty,
    },
  ];
  if (error) tabs.push(error);
  return tabs;
}

export interface ActorWorker {
  nodeId: string;
  workerId: string;
  pid: number;
}

/** Ray's core-worker log of a Python worker. */
export function coreWorkerLogName(worker: ActorWorker): string {
  return `python-core-worker-${worker.workerId}_${worker.pid}.log`;
}

export function actorLogTabs(actorId: string, worker?: ActorWorker | null): LogTab[] {
  const tabs: LogTab[] = [
    { id: 'out', label: 'stdout', source: { kind: 'actor', actorId, suffix: 'out' } },
    { id: 'err', label: 'stderr', source: { kind: 'actor', actorId, suffix: 'err' } },
  ];
  if (worker)
    tabs.push({
      id: 'core-worker',
      label: 'Core worker log',
      source: { kind: 'file', nodeId: worker.nodeId, filename: coreWorkerLogName(worker) },
    });
  return tabs;
}

/** A worker that ran tasks of a job, and its output files (relative to the node's logs/). */
export interface WorkerLogFile {
  nodeId: string;
  /** stdout file; also what tells workers apart. */
  filename: string;
  stderrFilename: string | null;
  pid: number | null;
}

/** Path of a task's log relative to the node's logs/ folder (Ray may record it absolute). */
export function relativeLogPath(file: string): string {
  const at = file.lastIndexOf('/logs/');
  return at >= 0 ? file.slice(at + '/logs/'.length) : file.replace(/^\/+/, '');
}

export interface JobLogTabs {
  tabs: LogTab[];
  /** Workers left out beyond the limit. */
  moreWorkers: number;
}

/** The driver log first, then stdout and stderr of each distinct worker (up to `limit` workers). */
export function jobLogTabs(
  jobId: string,
  workers: readonly WorkerLogFile[],
  limit = 12,
): JobLogTabs {
  const seen = new Set<string>();
  let moreWorkers = 0;
  const tabs: LogTab[] = [{ id: 'driver', label: 'Driver', source: { kind: 'job', jobId } }];
  for (const worker of workers) {
    const key = `${worker.nodeId}/${worker.filename}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (seen.size > limit) {
      moreWorkers += 1;
      continue;
    }
    const name = worker.pid !== null ? `Worker ${worker.pid}` : worker.filename;
    const id = `worker-${seen.size}`;
    const file = (filename: string): LogSource => ({
      kind: 'file',
      nodeId: worker.nodeId,
      filename,
    });
    tabs.push({ id, label: `${name} stdout`, source: file(worker.filename) });
    if (worker.stderrFilename)
      tabs.push({ id: `${id}-err`, label: `${name} stderr`, source: file(worker.stderrFilename) });
  }
  return { tabs, moreWorkers };
}
