import type { Actor, RayJob, RayTask } from '../../../contract/ray';
import { exceptionLine } from '../jobs/job-failure';

/** One thing that went wrong, for the overview's "latest failures" list. */
export interface Failure {
  kind: 'job' | 'task' | 'actor';
  id: string;
  attempt?: number;
  title: string;
  detail: string;
  at: number | null;
  /** 3: a job failed; 2: a process or node crashed; 1: a task or actor raised. */
  severity: 1 | 2 | 3;
}

/**
 * How Ray words an actor's end when nothing went wrong: its handles went away, its owner (the
 * driver) finished, or it was ended on purpose (exit_actor, ray.kill, intended exits).
 */
const NORMAL_ACTOR_EXIT =
  /all references to the actor were removed|owner has died|INTENDED_(USER|SYSTEM)_EXIT|exit_actor\(\)|ray\.kill/i;

/** A process or node that crashed, rather than code that raised. */
const CRASH =
  /SIGSEGV|SIGKILL|SIGABRT|killed by signal|SYSTEM_ERROR|out of memory|OOM|node has died|died unexpectedly/i;
const CRASH_TASK_ERRORS = new Set(['WORKER_DIED', 'NODE_DIED', 'OUT_OF_MEMORY', 'ACTOR_DIED']);

/** Whether a DEAD actor's exit was a failure, by Ray's own exit wording. */
export function actorFailed(actor: Pick<Actor, 'state' | 'exitDetail'>): boolean {
  return (
    actor.state === 'DEAD' && Boolean(actor.exitDetail) && !NORMAL_ACTOR_EXIT.test(actor.exitDetail)
  );
}

/**
 * Failed jobs, failed task attempts and actors that died of a failure (not a normal exit), most
 * severe first (job failures, then crashes, then raised errors), newest first within each; at
 * most `limit`.
 */
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
      detail:
        exceptionLine(job.message) ??
        job.error_type ??
        `exit code ${job.driver_exit_code ?? 'unknown'}`,
      at: job.end_time,
      severity: 3,
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
      severity: task.error_type && CRASH_TASK_ERRORS.has(task.error_type) ? 2 : 1,
    });
  }
  for (const actor of actors) {
    if (!actorFailed(actor)) continue;
    failures.push({
      kind: 'actor',
      id: actor.actorId,
      title: `Actor ${actor.className || actor.actorId}`,
      detail: actor.exitDetail,
      at: actor.endTime,
      severity: CRASH.test(actor.exitDetail) ? 2 : 1,
    });
  }
  return failures
    .sort((a, b) => b.severity - a.severity || (b.at ?? 0) - (a.at ?? 0))
    .slice(0, limit);
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
