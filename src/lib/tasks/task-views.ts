import type {
  FuncNameSummary,
  NestedTaskSummary,
  RayTask,
  TaskLogInfo,
} from '../../../contract/ray';
import { stripAnsi } from '../../../contract/ansi';

/** "rows 900,001–900,100 of 1,000,000" for a page of the filtered list. */
export function rowRangeText(offset: number, shown: number, total: number): string {
  const fmt = (n: number) => n.toLocaleString('en-US');
  if (total === 0 || shown === 0) return `rows 0 of ${fmt(total)}`;
  return `rows ${fmt(offset + 1)}–${fmt(offset + shown)} of ${fmt(total)}`;
}

export function lastPage(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** State counts of every function in a summary added together (a job's task progress). */
export function totalStateCounts(summary: FuncNameSummary): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const func of Object.values(summary.summary)) {
    for (const [state, count] of Object.entries(func.state_counts)) {
      totals[state] = (totals[state] ?? 0) + count;
    }
  }
  return totals;
}

export function taskDurationMs(task: RayTask): number | null {
  if (!task.start_time_ms || !task.end_time_ms || task.end_time_ms < task.start_time_ms)
    return null;
  return task.end_time_ms - task.start_time_ms;
}

export interface StateTransition {
  state: string;
  at: number;
  /** Time spent in this state until the next transition; null for the last one. */
  durationMs: number | null;
}

/** A task attempt's events in time order, each with how long it lasted. */
export function stateTransitions(task: RayTask): StateTransition[] {
  const events = [...(task.events ?? [])].sort((a, b) => a.created_ms - b.created_ms);
  return events.map((event, index) => {
    const next = events[index + 1];
    return {
      state: event.state,
      at: event.created_ms,
      durationMs: next ? next.created_ms - event.created_ms : null,
    };
  });
}

/** A log file named in task_log_info, as the logs route knows it: relative to the node's logs/. */
export function logFileName(path: string | undefined): string | null {
  if (!path) return null;
  const marker = '/logs/';
  const at = path.lastIndexOf(marker);
  const name = at >= 0 ? path.slice(at + marker.length) : path.split('/').pop();
  return name || null;
}

export interface TaskLogLink {
  stream: 'stdout' | 'stderr';
  file: string | null;
  /** Why there is no link, in words, when file is null. */
  reason: string | null;
}

export function taskLogLinks(task: Pick<RayTask, 'task_log_info' | 'node_id'>): TaskLogLink[] {
  const info: TaskLogInfo | null = task.task_log_info;
  return (['stdout', 'stderr'] as const).map((stream) => {
    if (!info) return { stream, file: null, reason: 'No log info recorded for this attempt' };
    if (!task.node_id) return { stream, file: null, reason: 'The attempt never ran on a node' };
    const file = logFileName(stream === 'stdout' ? info.stdout_file : info.stderr_file);
    return file
      ? { stream, file, reason: null }
      : { stream, file: null, reason: `No ${stream} file recorded for this attempt` };
  });
}

/** The attempt the page shows: `?attempt=N` when it exists, else the latest. */
export function pickAttempt(
  attempts: readonly RayTask[],
  wanted: string | null,
): RayTask | undefined {
  if (wanted !== null && /^\d+$/.test(wanted)) {
    const found = attempts.find((a) => a.attempt_number === Number(wanted));
    if (found) return found;
  }
  return attempts.reduce<RayTask | undefined>(
    (latest, a) => (!latest || a.attempt_number > latest.attempt_number ? a : latest),
    undefined,
  );
}

/** The error message as a reader sees it: Ray wraps the task name in terminal colour codes. */
export function readableErrorMessage(message: string): string {
  return stripAnsi(message);
}

/**
 * What a lineage node's counts are, in words. Ray's lineage counts each task once, by its final
 * state (its latest attempt): they are tasks, never attempts — retries show in the task table
 * and the progress bar, which count attempts.
 */
export function lineageCounts(node: NestedTaskSummary): string {
  const states = Object.entries(node.state_counts)
    .filter(([, count]) => count > 0)
    .map(([state, count]) => `${state} ${count.toLocaleString('en-US')}`)
    .join(', ');
  // One task: its type and final state.
  if (node.type !== 'GROUP' && node.type !== 'ACTOR')
    return [node.type, ...Object.keys(node.state_counts)].join(' · ');
  const tasks = Object.values(node.state_counts).reduce((a, b) => a + b, 0);
  const what = `${tasks.toLocaleString('en-US')} ${tasks === 1 ? 'task' : 'tasks'}`;
  return `${node.type === 'ACTOR' ? 'actor · ' : ''}${what} by final state: ${states}`;
}
