import { nodeLogsDir } from '../../server/history/layout.ts';
import { runActor } from './actors.ts';
import { jobFolder } from './attempt.ts';
import {
  driverJobDefinitionEvent,
  driverJobLifecycleEvent,
  type JobEnd,
} from './cluster-events.ts';
import type { SessionContext } from './context.ts';
import { driverLog } from './driver-log.ts';
import {
  b64,
  driverTaskId as newDriverTaskId,
  hex,
  jobId as newJobId,
  workerId as newWorkerId,
} from './ids.ts';
import { cppLine, pythonLine } from './log-text.ts';
import { padWorkerLog } from './log-padding.ts';
import { estimateJobUs, runNormalTasks } from './normal-tasks.ts';
import { headOf, type JobPlan, type JobOutcome } from './plan.ts';
import { taskDefinitionEvent, taskLifecycleEvent } from './task-events.ts';
import { MS, SECOND } from './time.ts';
import { startWorker, stopWorker, type WorkerSlot } from './workers.ts';

// One job from driver start to driver exit: driver events, actors, tasks, driver logs.

export interface JobResult {
  plan: JobPlan;
  jobIdHex: string;
  driverPid: number;
  startUs: number;
  endUs: number;
  end: JobEnd;
  lastTracebackLine: string | null;
  driverLogKey: string | null;
}

/** Lines of the driver log Ray quotes in a failure message, at most this many characters. */
const QUOTED_LINES = 10;
const QUOTED_CHARS = 20_000;

/** Ray's job manager's quote of a driver log: its last ten lines, colour codes and all. */
export function quotedLogTail(logText: string): string {
  const lines = logText.split(/(?<=\n)/);
  return lines.slice(-QUOTED_LINES).join('').slice(-QUOTED_CHARS);
}

/**
 * How a job ended, as Ray's job table says it. A stopped job (`ray job stop`): no errorType (Ray's
 * JobErrorType has no "stopped" value) and Ray's message "Job was intentionally stopped."; Ray
 * 2.58 shows no exit code for it, older versions sent the driver's -15 (SIGTERM) in the event.
 */
export function jobEnd(job: JobPlan, driverLogText: string): JobEnd {
  const outcomes: Record<JobOutcome, JobEnd> = {
    SUCCEEDED: { message: 'Job finished successfully.', errorType: '', exitCode: 0 },
    STOPPED: {
      message: 'Job was intentionally stopped.',
      errorType: '',
      exitCode: job.outcomeIn === 'logs' ? null : -15,
    },
    FAILED:
      job.type === 'SUBMISSION'
        ? {
            message: `Job entrypoint command failed with exit code 1, last available logs (truncated to 20,000 chars):\n${quotedLogTail(driverLogText)}`,
            errorType: 'JOB_ENTRYPOINT_COMMAND_ERROR',
            exitCode: 1,
          }
        : { message: '', errorType: '', exitCode: 1 },
  };
  return outcomes[job.outcome];
}

export async function runJob(
  ctx: SessionContext,
  job: JobPlan,
  startUs: number,
  padLog: boolean,
): Promise<JobResult> {
  const head = headOf(ctx.plan);
  const jobId = newJobId(job.counter);
  const jobHex = hex(jobId);
  const driverTaskId = newDriverTaskId(jobId);
  const driverPid = ctx.random.int(1000, 9999);
  const folder = jobFolder(ctx, head, jobHex);
  const src = ctx.source;
  const driverTask = { taskId: b64(driverTaskId), attempt: 0, jobId: b64(jobId) };

  await ctx.events.write(
    folder,
    head.idHex,
    startUs,
    driverJobDefinitionEvent(src, startUs, { jobId, driverPid, driverNodeId: head.nodeId, ...job }),
  );
  await ctx.events.write(
    folder,
    head.idHex,
    startUs,
    driverJobLifecycleEvent(src, jobId, startUs, 'CREATED'),
  );
  const driverDef = taskDefinitionEvent(src, startUs, {
    ...driverTask,
    taskType: 'DRIVER_TASK',
    func: { moduleName: '', className: '', functionName: '' },
    taskName: '',
    requiredResources: {},
    parentTaskId: '',
  });
  await ctx.events.writeLine(folder, head.idHex, startUs, driverDef);

  const nodes = ctx.plan.nodes.filter((n) => !n.death || n.death.us > startUs + 60 * SECOND);
  const workers: WorkerSlot[] = [];
  for (const node of nodes)
    for (let i = 0; i < ctx.plan.workersPerNode; i++)
      workers.push(await startWorker(ctx, node, jobHex, startUs + 3 * SECOND + i * 40 * MS));
  const windowEndUs = startUs + estimateJobUs(job.tasks, workers.length);
  let lastUs = startUs + 5 * SECOND;
  for (const [index, actor] of job.actors.entries()) {
    lastUs = Math.max(
      lastUs,
      await runActor(
        ctx,
        { job, jobId, driverTaskId, head, nodes, startUs, windowEndUs },
        actor,
        index,
      ),
    );
  }
  const fatalIndex =
    job.outcome === 'FAILED' && job.type === 'SUBMISSION' ? Math.floor(job.tasks * 0.7) : null;
  const tasks = await runNormalTasks(ctx, {
    job,
    jobId,
    driverTaskId,
    head,
    workers,
    startUs: startUs + 4 * SECOND,
    fatalIndex,
  });
  const endUs = Math.max(lastUs, tasks.lastEndUs) + 1500 * MS;

  for (const [i, w] of workers.entries()) {
    if (padLog && i === 0) await padWorkerLog(ctx, w, endUs);
    await stopWorker(
      w,
      Math.min(endUs, w.node.death?.us ?? endUs),
      'Disconnecting from the raylet: the job finished.',
    );
  }
  const progress = workers[0]!;
  const log = driverLog({
    job,
    head,
    driverPid,
    startUs,
    endUs,
    progressPid: progress.pid,
    progressIp: progress.node.ip,
    fatalError: tasks.fatalError,
  });
  const end = jobEnd(job, log.text);
  await ctx.events.write(
    folder,
    head.idHex,
    endUs,
    driverJobLifecycleEvent(
      src,
      jobId,
      endUs,
      'FINISHED',
      job.outcomeIn === 'lifecycle' ? end : undefined,
    ),
  );
  const driverEnd = end.exitCode === 0 || end.exitCode === null ? 'FINISHED' : 'FAILED';
  await ctx.events.writeLine(
    folder,
    head.idHex,
    endUs,
    taskLifecycleEvent(src, {
      ...driverTask,
      transitions: [
        { state: 'RUNNING', us: startUs },
        { state: driverEnd, us: endUs },
      ],
      nodeId: b64(head.nodeId),
      workerPid: driverPid,
    }),
  );

  const logs = nodeLogsDir(ctx.plan.info, head.idHex);
  const driverLogKey =
    job.type === 'SUBMISSION' ? `${logs}job-driver-${job.submissionId}.log` : null;
  if (driverLogKey) await ctx.out.writeFile(driverLogKey, log.text);
  if (job.type === 'SUBMISSION' && job.outcomeIn === 'logs')
    await ctx.out.writeFile(
      `${logs}jobs/supervisor-${job.submissionId}.log`,
      supervisorLog(job, submittedUs(startUs), endUs, end),
    );
  const coreDriver = `${logs}python-core-driver-${hex(newWorkerId(ctx.random))}_${driverPid}.log`;
  const where = 'core_worker.cc:289';
  await ctx.out.writeFile(
    coreDriver,
    cppLine(
      startUs,
      'I',
      driverPid,
      'python-core-driver',
      where,
      `Initializing driver for job ${jobHex} at ${head.ip}`,
    ) +
      cppLine(
        endUs,
        'I',
        driverPid,
        'python-core-driver',
        'core_worker.cc:986',
        `Disconnecting from the raylet, driver exit code ${end.exitCode ?? -15}.`,
      ),
  );
  return {
    plan: job,
    jobIdHex: jobHex,
    driverPid,
    startUs,
    endUs,
    end,
    lastTracebackLine: log.lastTracebackLine,
    driverLogKey,
  };
}

/** When `ray job submit` reached the head: whole seconds, a little before the driver's first event. */
export function submittedUs(driverStartUs: number): number {
  return Math.floor((driverStartUs - 2 * SECOND) / SECOND) * SECOND;
}

/** `logs/jobs/supervisor-<submission id>.log`: Ray 2.58's job supervisor's own lines. */
function supervisorLog(job: JobPlan, submitUs: number, endUs: number, end: JobEnd): string {
  const line = (us: number, where: string, text: string) =>
    pythonLine(us, 'INFO', where, `${text} job_id=01000000 timestamp_ns=${Math.round(us * 1000)}`);
  const last =
    job.outcome === 'STOPPED'
      ? `Job ${job.submissionId} has been terminated gracefully with SIGTERM.`
      : `Job ${job.submissionId} entrypoint command exited with code ${end.exitCode}`;
  return (
    line(
      submitUs + 900 * MS,
      'job_supervisor.py:375',
      'Submitting job with RAY_ADDRESS = 127.0.0.1:6379',
    ) +
    line(endUs, job.outcome === 'STOPPED' ? 'job_supervisor.py:417' : 'job_supervisor.py:437', last)
  );
}
