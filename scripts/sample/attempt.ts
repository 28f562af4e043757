import { jobEventsDir } from '../../server/history/layout.ts';
import { countInto, type SessionContext } from './context.ts';
import { hex } from './ids.ts';
import type { NodePlan } from './plan.ts';
import {
  actorTaskDefinitionEvent,
  taskDefinitionEvent,
  taskLifecycleEvent,
  taskProfileEvent,
  type FunctionName,
  type TaskLogRange,
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

export function jobFolder(ctx: SessionContext, node: NodePlan, jobHex: string): string {
  return `${jobEventsDir(ctx.plan.info, node.idHex)}${jobHex}/`;
}

export async function writeAttempt(ctx: SessionContext, a: TaskAttempt): Promise<void> {
  const n = ctx.stats.attemptsWritten++;
  const jobHex = hex(a.jobId);
  const ownerFolder = jobFolder(ctx, a.owner, jobHex);
  const execFolder = jobFolder(ctx, a.worker.node, jobHex);
  const src = ctx.source;
  const definition =
    a.kind === 'ACTOR_TASK'
      ? actorTaskDefinitionEvent(src, a.createdUs, {
          ...a,
          actorId: a.actorId!,
          actorTaskName: a.name,
        })
      : taskDefinitionEvent(src, a.createdUs, { ...a, taskType: a.kind, taskName: a.name });
  const pending = taskLifecycleEvent(src, {
    ...a,
    transitions: [
      { state: 'PENDING_ARGS_AVAIL', us: a.createdUs },
      { state: 'PENDING_NODE_ASSIGNMENT', us: a.createdUs + 2 * MS },
      { state: 'SUBMITTED_TO_WORKER', us: Math.max(a.createdUs + 3 * MS, a.runningUs - 4 * MS) },
    ],
  });
  // Every 7th attempt: the lifecycle line lands in the file before the definition.
  const ownerEvents = n % 7 === 3 ? [pending, definition] : [definition, pending];
  for (const event of ownerEvents)
    await ctx.events.write(ownerFolder, a.owner.idHex, a.createdUs, event);

  const logs = await writeTaskOutput(a);
  const running = {
    ...a,
    nodeId: a.worker.node.nodeId,
    workerId: a.worker.workerId,
    workerPid: a.worker.pid,
  };
  const end = a.failure ? 'FAILED' : 'FINISHED';
  const error = a.failure && {
    errorType: a.failure.errorType,
    errorMessage: a.failure.errorMessage,
  };
  if (n % 3 === 0) {
    // Split: RUNNING carries the start offsets, the final event the end offsets.
    const { stdoutEnd: _o, stderrEnd: _e, ...starts } = logs;
    const { stdoutStart: _s, stderrStart: _t, ...ends } = logs;
    await ctx.events.write(
      execFolder,
      a.worker.node.idHex,
      a.runningUs,
      taskLifecycleEvent(src, {
        ...running,
        transitions: [{ state: 'RUNNING', us: a.runningUs }],
        logs: starts,
      }),
    );
    await ctx.events.write(
      execFolder,
      a.worker.node.idHex,
      a.endUs,
      taskLifecycleEvent(src, {
        ...running,
        transitions: [{ state: end, us: a.endUs }],
        error,
        logs: ends,
      }),
    );
  } else {
    const transitions = [
      { state: 'RUNNING', us: a.runningUs },
      { state: end, us: a.endUs },
    ];
    await ctx.events.write(
      execFolder,
      a.worker.node.idHex,
      a.endUs,
      taskLifecycleEvent(src, { ...running, transitions, error, logs }),
    );
  }
  if (n % 10 === 0) await writeProfile(ctx, a, execFolder);

  countInto(ctx.stats.attemptsByState, end);
  countInto(ctx.stats.attemptsByJob, jobHex);
  ctx.stats.runningStarts?.push(a.runningUs);
  ctx.stats.runningEnds?.push(a.endUs);
}

/** Ray writes a `:task_name:` marker to both streams when a task starts. */
async function writeTaskOutput(a: TaskAttempt): Promise<Required<TaskLogRange>> {
  const w = a.worker;
  const stdoutStart = w.out.bytes;
  const stderrStart = w.err.bytes;
  const marker = `:task_name:${a.name}\n`;
  await w.out.write(marker + a.stdout);
  await w.err.write(marker + (a.failure?.stderr ?? ''));
  return {
    stdoutFile: w.stdoutPath,
    stderrFile: w.stderrPath,
    stdoutStart,
    stdoutEnd: w.out.bytes,
    stderrStart,
    stderrEnd: w.err.bytes,
  };
}

async function writeProfile(ctx: SessionContext, a: TaskAttempt, folder: string): Promise<void> {
  const span = a.endUs - a.runningUs;
  const args = a.runningUs + Math.floor(span * 0.05);
  const exec = a.runningUs + Math.floor(span * 0.95);
  const event = taskProfileEvent(ctx.source, {
    ...a,
    workerId: a.worker.workerId,
    nodeIp: a.worker.node.ip,
    spans: [
      { eventName: 'task:deserialize_arguments', startUs: a.runningUs, endUs: args },
      { eventName: 'task:execute', startUs: args, endUs: exec },
      { eventName: 'task:store_outputs', startUs: exec, endUs: a.endUs },
    ],
  });
  await ctx.events.write(folder, a.worker.node.idHex, a.endUs, event);
}
