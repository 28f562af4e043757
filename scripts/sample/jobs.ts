import { nodeLogsDir } from '../../server/history/layout.ts';
import { runActor } from './actors.ts';
import { jobFolder } from './attempt.ts';
import {
  driverJobDefinitionEvent,
  driverJobLifecycleEvent,
  type JobEnd,
} from './cluster-events.ts';
import type { SessionContext } from './context.ts';
import { driverLog, stripAnsi } from './driver-log.ts';
import {
  b64,
  driverTaskId as newDriverTaskId,
  hex,
  jobId as newJobId,
  workerId as newWorkerId,
} from './ids.ts';
import { cppLine } from './log-text.ts';
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

/**
 * How a job's driver ends, as the GCS records it. A stopped job (`ray job stop`): the job
 * supervisor sends SIGTERM, so the driver's exit code is -15 (Popen's negative signal number),
 * there is no errorType (Ray's JobErrorType has no "stopped" value) and the message is the
 * one Ray's job manager writes: "Job was intentionally stopped.".
 */
export function jobEnd(job: JobPlan, lastLogLines: string): JobEnd {
  const outcomes: Record<JobOutcome, JobEnd> = {
    SUCCEEDED: { message: 'Job finished successfully.', errorType: '', exitCode: 0 },
    STOPPED: { message: 'Job was intentionally stopped.', errorType: '', exitCode: -15 },
    FAILED:
      job.type === 'SUBMISSION'
        ? {
            message: `Job entrypoint command failed with exit code 1, last available logs (truncated to 20,000 chars):\n${lastLogLines}`,
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
  await ctx.events.write(folder, head.idHex, startUs, driverJobLifecycleEvent(src, jobId, startUs));
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
  const end = jobEnd(job, stripAnsi(log.text).split('\n').slice(-12).join('\n'));
  await ctx.events.write(
    folder,
    head.idHex,
    endUs,
    driverJobLifecycleEvent(src, jobId, endUs, end),
  );
  const driverEnd = end.exitCode === 0 ? 'FINISHED' : 'FAILED';
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
        `Disconnecting from the raylet, driver exit code ${end.exitCode}.`,
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
