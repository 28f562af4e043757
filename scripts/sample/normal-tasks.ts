import { writeAttempt, type TaskAttempt } from './attempt.ts';
import type { SessionContext } from './context.ts';
import { hex, taskId as newTaskId } from './ids.ts';
import { pad, taskErrorMessage, userTaskTraceback } from './log-text.ts';
import type { JobPlan, NodePlan } from './plan.ts';
import { MS, SECOND } from './time.ts';
import type { WorkerSlot } from './workers.ts';

// Runs a job's normal tasks on its workers: each task goes to the worker that frees up first.
// Tasks on a node that dies fail with NODE_DIED and are retried elsewhere; some raise and are
// retried (attempt 0 FAILED, attempt 1 FINISHED); some raise with no retry left.

const MIN_TASK_US = 250 * MS;
const MAX_TASK_US = 90 * SECOND;
/** Small runs spread over about this long, so a session spans more than one event-file hour. */
const TARGET_JOB_US = 25 * 60 * SECOND;
/** Shared by every normal task, so its JSON is built once. */
const ONE_CPU: Record<string, number> = Object.freeze({ CPU: 1 });

/** Mean task duration: long enough to fill the target span, bounded for huge runs. */
export function meanTaskUs(tasks: number, slots: number): number {
  return Math.min(MAX_TASK_US, Math.max(MIN_TASK_US, (TARGET_JOB_US * slots) / Math.max(1, tasks)));
}

export function estimateJobUs(tasks: number, slots: number): number {
  return (meanTaskUs(tasks, slots) * tasks) / Math.max(1, slots) + 10 * SECOND;
}

interface Pending {
  index: number;
  taskId: Buffer;
  attempt: number;
  /** How this attempt ends unless its node dies first. */
  raises: boolean;
  retriesLeft: number;
}

export interface NormalTaskRun {
  job: JobPlan;
  jobId: Buffer;
  driverTaskId: Buffer;
  head: NodePlan;
  workers: WorkerSlot[];
  startUs: number;
  /** Index of the task whose failure ends the job (failed jobs). */
  fatalIndex: number | null;
}

export interface NormalTasksResult {
  lastEndUs: number;
  /** The error of the fatal task, for the driver's traceback. */
  fatalError: string | null;
}

export async function runNormalTasks(
  ctx: SessionContext,
  run: NormalTaskRun,
): Promise<NormalTasksResult> {
  const { job, workers } = run;
  const random = ctx.random;
  const mean = meanTaskUs(job.tasks, workers.length);
  const retries: Pending[] = [];
  let lastEndUs = run.startUs;
  let fatalError: string | null = null;
  let next = 0;
  let marker = ctx.deadNodeMarker;
  while (next < job.tasks || retries.length > 0) {
    const p: Pending = retries.shift() ?? freshTask(ctx, run, next++);
    const slot = nextFreeWorker(workers);
    const func = job.functions[p.index % job.functions.length]!;
    const duration = Math.floor(mean * random.between(0.5, 1.5));
    const runningUs = slot.freeAt + random.int(2, 40) * MS;
    let endUs = runningUs + duration;
    const death = slot.node.death;
    const name = func.functionName;
    let stdout = `[${name}] shard ${pad(p.index)}/${pad(job.tasks)} task_id=${hex(p.taskId)} attempt=${p.attempt}\n`;
    let failure: TaskAttempt['failure'];
    if (death && endUs > death.us) {
      endUs = death.us;
      failure = nodeDiedFailure(slot.node);
      retries.push({ ...p, attempt: p.attempt + 1 });
    } else if (p.raises) {
      const tb = userTaskTraceback(name, p.index);
      failure = {
        errorType: 'TASK_EXECUTION_EXCEPTION',
        errorMessage: taskErrorMessage(name, slot.pid, slot.node.ip, tb),
        stderr: tb,
      };
      if (p.retriesLeft > 0)
        retries.push({ ...p, attempt: p.attempt + 1, raises: false, retriesLeft: 0 });
      else if (p.index === run.fatalIndex) fatalError = failure.errorMessage;
    } else {
      stdout += `[${name}] wrote ${random.int(1000, 99999)} rows in ${(duration / SECOND).toFixed(2)}s\n`;
    }
    if (marker && death) {
      stdout += `checkpoint shard uploaded ${marker}\n`;
      ctx.found.markerKey = slot.stdoutKey;
      marker = null;
    }
    writeAttempt(ctx, {
      kind: 'NORMAL_TASK',
      taskId: p.taskId,
      attempt: p.attempt,
      jobId: run.jobId,
      parentTaskId: run.driverTaskId,
      name,
      func,
      requiredResources: ONE_CPU,
      owner: run.head,
      worker: slot,
      createdUs: Math.max(run.startUs, runningUs - random.int(5, 2000) * MS),
      runningUs,
      endUs,
      stdout,
      failure,
    });
    if (ctx.out.mustFlush) await ctx.out.flushFull();
    slot.freeAt = death && endUs >= death.us ? Number.POSITIVE_INFINITY : endUs;
    lastEndUs = Math.max(lastEndUs, endUs);
  }
  return { lastEndUs, fatalError };
}

function freshTask(ctx: SessionContext, run: NormalTaskRun, index: number): Pending {
  const roll = ctx.random.next();
  const job = run.job;
  const raisesForGood = index === run.fatalIndex || roll < job.failRate;
  const raisesOnce = !raisesForGood && roll < job.failRate + job.retryRate;
  return {
    index,
    taskId: newTaskId(ctx.random, run.jobId),
    attempt: 0,
    raises: raisesForGood || raisesOnce,
    retriesLeft: raisesOnce ? 1 : 0,
  };
}

/** The worker that frees up first; workers whose node is gone by then are retired. */
function nextFreeWorker(workers: WorkerSlot[]): WorkerSlot {
  for (;;) {
    let best = workers[0]!;
    for (const w of workers) if (w.freeAt < best.freeAt) best = w;
    if (best.freeAt === Number.POSITIVE_INFINITY) throw new Error('no worker left to run tasks');
    const death = best.node.death;
    if (!death || best.freeAt + SECOND < death.us) return best;
    best.freeAt = Number.POSITIVE_INFINITY;
  }
}

function nodeDiedFailure(node: NodePlan): NonNullable<TaskAttempt['failure']> {
  return {
    errorType: 'NODE_DIED',
    errorMessage:
      `Task failed due to the node (where this task was running) was dead or unavailable.\n\n` +
      `The node IP: ${node.ip}, node ID: ${node.idHex}\n\n` +
      `This can happen if the instance where the node was running failed, the node was ` +
      `preempted, or raylet crashed unexpectedly (e.g., due to OOM) etc.\n\n` +
      `To see node death information, use \`ray list nodes --filter "node_id=${node.idHex}"\`, ` +
      `or check Ray dashboard cluster page, or search the node ID in GCS log, or use ` +
      `\`ray logs raylet.out -ip ${node.ip}\``,
    stderr: '',
  };
}
