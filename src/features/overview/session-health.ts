import type { Actor, RayJob, RayTask } from '../../types/ray';

/** One thing that went wrong, for the overview's "latest failures" list. */
export interface Failure {
  kind: 'job' | 'task' | 'actor';
  id: string;
  attempt?: number;
  title: string;
  detail: string;
  at: number | null;
}

/** Failed jobs, failed task attempts and dead-by-error actors, newest first, at most `limit`. */
export function latestFailures(
  jobs: readonly RayJob[],
  failedTasks: readonly RayTask[],
  actors: readonly Actor[],
  limit = 10,
): Failure[] {
  const failures: Failure[] = [];
  for (const job of jobs) {
    const id = job.job_id ?? job.submission_id;
    if (job.status !== 'FAILED' || !id) continue;
    failures.push({
      kind: 'job',
      id,
      title: `Job ${id}`,
      detail: job.message ?? job.error_type ?? `exit code ${job.driver_exit_code ?? 'unknown'}`,
      at: job.end_time,
    });
  }
  for (const task of failedTasks) {
    failures.push({
      kind: 'task',
      id: task.task_id,
      attempt: task.attempt_number,
      title: `Task ${task.name || task.func_or_class_name} (attempt ${task.attempt_number})`,
      detail: task.error_type ?? 'failed',
      at: task.end_time_ms,
    });
  }
  for (const actor of actors) {
    if (actor.state !== 'DEAD' || !actor.exitDetail) continue;
    failures.push({
      kind: 'actor',
      id: actor.actorId,
      title: `Actor ${actor.className || actor.actorId}`,
      detail: actor.exitDetail,
      at: actor.endTime,
    });
  }
  return failures.sort((a, b) => (b.at ?? 0) - (a.at ?? 0)).slice(0, limit);
}

/** "1 FAILED · 3 SUCCEEDED" style outcome list, failures first, zero counts left out. */
export function outcomeList(byStatus: Record<string, number>): { status: string; count: number }[] {
  const order = ['FAILED', 'STOPPED', 'UNKNOWN', 'RUNNING', 'PENDING', 'SUCCEEDED'];
  const rank = (s: string) => (order.includes(s) ? order.indexOf(s) : order.length);
  return Object.entries(byStatus)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => ({ status, count }))
    .sort((a, b) => rank(a.status) - rank(b.status) || a.status.localeCompare(b.status));
}
