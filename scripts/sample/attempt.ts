import { jobEventsDir } from '../../server/history/layout.ts';
import { countInto, type SessionContext } from './context.ts';
import { b64, hex } from './ids.ts';
import type { NodePlan } from './plan.ts';
import {
  actorTaskDefinitionEvent,
  taskDefinitionEvent,
  taskLifecycleEvent,
  taskProfileEvent,
  type FunctionName,
  type TaskLifecycle,
} from './task-events.ts';
import { MS } from './time.ts';
import type { WorkerSlot } from './workers.ts';

// One task attempt: its events (split between the owner's node and the executing node, as the
// owner and the executor each export what they saw) and its lines in the worker's log files.

export interface TaskAttempt {
  kind: 'NORMAL_TASK' | 'ACTOR_CREATION_TASK' | 'ACTOR_TASK';
  taskId: Buffer;
  attempt: number;
  jobId: Buffer;
  parentTaskId: Buffer;
  name: string;
  func: FunctionName;
  requiredResources: Record<string, number>;
  actorId?: Buffer;
  actorReprName?: string;
  /** The node of the submitting worker (the driver for top-level tasks). */
  owner: NodePlan;
  worker: WorkerSlot;
  createdUs: number;
  runningUs: number;
  endUs: number;
  /** Lines the task prints to stdout. */
  stdout: string;
  failure?: { errorType: string; errorMessage: string; stderr: string };
}

const folders = new WeakMap<NodePlan, Map<string, string>>();

export function jobFolder(ctx: SessionContext, node: NodePlan, jobHex: string): string {
  let byJob = folders.get(node);
  if (!byJob) folders.set(node, (byJob = new Map()));
  let folder = byJob.get(jobHex);
  if (folder === undefined) {
    folder = `${jobEventsDir(ctx.plan.info, node.idHex)}${jobHex}/`;
    byJob.set(jobHex, folder);
  }
  return folder;
}

const idTexts = new WeakMap<Buffer, { b64: string; hex: string }>();
/** Text forms of an id many attempts share (job, parent, actor, worker, node). */
function shared(id: Buffer): { b64: string; hex: string } {
  let text = idTexts.get(id);
  if (!text) idTexts.set(id, (text = { b64: b64(id), hex: hex(id) }));
  return text;
}

/**
 * Buffers the attempt's event lines and log output without waiting; the caller awaits
 * `ctx.out.flushFull()` when `ctx.out.mustFlush` says buffers are full.
 */
export function writeAttempt(ctx: SessionContext, a: TaskAttempt): void {
  const n = ctx.stats.attemptsWritten++;
  const job = shared(a.jobId);
  const worker = a.worker;
  const node = worker.node;
  const ownerFolder = jobFolder(ctx, a.owner, job.hex);
  const execFolder = jobFolder(ctx, node, job.hex);
  const src = ctx.source;
  const events = ctx.events;
  const taskId = b64(a.taskId);
  const parentTaskId = shared(a.parentTaskId).b64;
  const definition =
    a.kind === 'ACTOR_TASK'
      ? actorTaskDefinitionEvent(src, a.createdUs, {
          taskId,
          attempt: a.attempt,
          func: a.func,
          actorTaskName: a.name,
          requiredResources: a.requiredResources,
          jobId: job.b64,
          actorId: shared(a.actorId!).b64,
          parentTaskId,
        })
      : taskDefinitionEvent(src, a.createdUs, {
          taskId,
          attempt: a.attempt,
          taskType: a.kind,
          func: a.func,
          taskName: a.name,
          requiredResources: a.requiredResources,
          jobId: job.b64,
          parentTaskId,
        });
  // Ray 2.58: the owner's event (SUBMITTED_TO_WORKER) names the node and worker it leased; the
  // executing worker's own events carry only its pid, with empty node and worker ids.
  const pending = taskLifecycleEvent(src, {
    taskId,
    attempt: a.attempt,
    jobId: job.b64,
    actorReprName: a.actorReprName,
    nodeId: shared(node.nodeId).b64,
    workerId: shared(worker.workerId).b64,
    transitions: [
      { state: 'PENDING_ARGS_AVAIL', us: a.createdUs },
      { state: 'PENDING_NODE_ASSIGNMENT', us: a.createdUs + 2 * MS },
      { state: 'SUBMITTED_TO_WORKER', us: Math.max(a.createdUs + 3 * MS, a.runningUs - 4 * MS) },
    ],
  });
  // Every 7th attempt: the lifecycle line lands in the file before the definition.
  const first = n % 7 === 3 ? pending : definition;
  events.append(ownerFolder, a.owner.idHex, a.createdUs, first);
  events.append(ownerFolder, a.owner.idHex, a.createdUs, first === pending ? definition : pending);

  const logs = writeTaskOutput(a);
  const workerId = shared(worker.workerId).b64;
  const nodeId = shared(node.nodeId).b64;
  const running: RunningOn = { nodeId, workerId, workerPid: worker.pid };
  const end = a.failure ? 'FAILED' : 'FINISHED';
  const error = a.failure && {
    errorType: a.failure.errorType,
    errorMessage: a.failure.errorMessage,
  };
  if (n % 3 === 0) {
    // Split: RUNNING carries the start offsets, the final event the end offsets.
    const started = lifecycleOn(running, taskId, a, job.b64, [
      { state: 'RUNNING', us: a.runningUs },
    ]);
    started.logs = {
      stdoutFile: logs.stdoutFile,
      stderrFile: logs.stderrFile,
      stdoutStart: logs.stdoutStart,
      stderrStart: logs.stderrStart,
    };
    events.append(execFolder, node.idHex, a.runningUs, taskLifecycleEvent(src, started));
    const ended = lifecycleOn(running, taskId, a, job.b64, [{ state: end, us: a.endUs }]);
    ended.error = error;
    ended.logs = {
      stdoutFile: logs.stdoutFile,
      stderrFile: logs.stderrFile,
      stdoutEnd: logs.stdoutEnd,
      stderrEnd: logs.stderrEnd,
    };
    events.append(execFolder, node.idHex, a.endUs, taskLifecycleEvent(src, ended));
  } else {
    const whole = lifecycleOn(running, taskId, a, job.b64, [
      { state: 'RUNNING', us: a.runningUs },
      { state: end, us: a.endUs },
    ]);
    whole.error = error;
    whole.logs = logs;
    events.append(execFolder, node.idHex, a.endUs, taskLifecycleEvent(src, whole));
  }
  if (n % 10 === 0) writeProfile(ctx, a, taskId, job.b64, workerId, execFolder);

  countInto(ctx.stats.attemptsByState, end);
  countInto(ctx.stats.attemptsByJob, job.hex);
  ctx.stats.runningStarts?.push(a.runningUs);
  ctx.stats.runningEnds?.push(a.endUs);
}

interface RunningOn {
  nodeId: string;
  workerId: string;
  workerPid: number;
}

/** A lifecycle event sent by the worker that runs the attempt: its pid, no node or worker id. */
function lifecycleOn(
  where: RunningOn,
  taskId: string,
  a: TaskAttempt,
  jobId: string,
  transitions: TaskLifecycle['transitions'],
): TaskLifecycle {
  return {
    taskId,
    attempt: a.attempt,
    jobId,
    actorReprName: a.actorReprName,
    transitions,
    nodeId: '',
    workerId: '',
    workerPid: where.workerPid,
  };
}

/** Ray writes a `:task_name:` marker to both streams when a task starts. */
function writeTaskOutput(a: TaskAttempt) {
  const w = a.worker;
  const stdoutStart = w.out.bytes;
  const stderrStart = w.err.bytes;
  const marker = `:task_name:${a.name}\n`;
  w.out.append(marker + a.stdout);
  w.err.append(a.failure ? marker + a.failure.stderr : marker);
  return {
    stdoutFile: w.stdoutPath,
    stderrFile: w.stderrPath,
    stdoutStart,
    stdoutEnd: w.out.bytes,
    stderrStart,
    stderrEnd: w.err.bytes,
  };
}

function writeProfile(
  ctx: SessionContext,
  a: TaskAttempt,
  taskId: string,
  jobId: string,
  workerId: string,
  folder: string,
): void {
  const span = a.endUs - a.runningUs;
  const args = a.runningUs + Math.floor(span * 0.05);
  const exec = a.runningUs + Math.floor(span * 0.95);
  const event = taskProfileEvent(ctx.source, {
    taskId,
    attempt: a.attempt,
    jobId,
    workerId,
    nodeIp: a.worker.node.ip,
    spans: [
      { eventName: 'task:deserialize_arguments', startUs: a.runningUs, endUs: args },
      { eventName: 'task:execute', startUs: args, endUs: exec },
      { eventName: 'task:store_outputs', startUs: exec, endUs: a.endUs },
    ],
  });
  ctx.events.append(folder, a.worker.node.idHex, a.endUs, event);
}
