import { nodeEventsDir, nodeLogsDir } from '../../server/history/layout.ts';
import { workerDefinitionEvent, workerLifecycleEvent } from './cluster-events.ts';
import type { SessionContext } from './context.ts';
import { hex, workerId as newWorkerId } from './ids.ts';
import { cppLine } from './log-text.ts';
import type { OutputStream } from './output.ts';
import { headOf, type NodePlan } from './plan.ts';
import { SECOND } from './time.ts';

// A Ray worker process: its ids and its three log files (stdout, stderr, core worker log).

export interface WorkerSlot {
  node: NodePlan;
  workerId: Buffer;
  idHex: string;
  pid: number;
  jobHex: string;
  /** Paths as Ray records them in taskLogInfo. */
  stdoutPath: string;
  stderrPath: string;
  stdoutKey: string;
  out: OutputStream;
  err: OutputStream;
  coreLog: OutputStream;
  /** When the worker can take its next task. */
  freeAt: number;
  /** Sends the GCS's DEAD event for this worker. */
  reportExit: (us: number, detail: string) => Promise<void>;
}

export async function startWorker(
  ctx: SessionContext,
  node: NodePlan,
  jobHex: string,
  startUs: number,
): Promise<WorkerSlot> {
  const id = newWorkerId(ctx.random);
  const idHex = hex(id);
  const pid = ctx.random.int(300, 9999);
  const logs = nodeLogsDir(ctx.plan.info, node.idHex);
  const base = `worker-${idHex}-${jobHex}-${pid}`;
  const rayLogs = `/tmp/ray/${ctx.plan.info.sessionName}/logs/`;
  const slot: WorkerSlot = {
    node,
    workerId: id,
    idHex,
    pid,
    jobHex,
    stdoutPath: `${rayLogs}${base}.out`,
    stderrPath: `${rayLogs}${base}.err`,
    stdoutKey: `${logs}${base}.out`,
    out: ctx.out.openStream(`${logs}${base}.out`),
    err: ctx.out.openStream(`${logs}${base}.err`),
    coreLog: ctx.out.openStream(`${logs}python-core-worker-${idHex}_${pid}.log`),
    freeAt: startUs,
    reportExit: async (us, detail) => {
      // The GCS never hears of the end of a worker whose node died first.
      if (node.death && us >= node.death.us) return;
      await gcs(
        us,
        workerLifecycleEvent(ctx.source, id, us, {
          state: 'DEAD',
          exitType: 'INTENDED_SYSTEM_EXIT',
          exitDetail: detail,
        }),
      );
    },
  };
  // Worker events come from the GCS: they sit in the head's node_events.
  const head = headOf(ctx.plan);
  const gcs = (us: number, event: Record<string, unknown>) =>
    ctx.events.write(nodeEventsDir(ctx.plan.info, head.idHex), head.idHex, us, event);
  const aliveUs = startUs + 5300;
  await gcs(
    aliveUs,
    workerDefinitionEvent(ctx.source, aliveUs, { workerId: id, nodeId: node.nodeId, pid }),
  );
  await gcs(aliveUs, workerLifecycleEvent(ctx.source, id, aliveUs, { state: 'ALIVE' }));
  const at = (offset: number) => startUs + offset;
  await slot.coreLog.write(
    cppLine(
      at(0),
      'I',
      pid,
      'python-core-worker',
      'core_worker_process.cc:107',
      'Constructing CoreWorkerProcess. pid: ' + pid,
    ) +
      cppLine(
        at(1200),
        'I',
        pid,
        'python-core-worker',
        'core_worker.cc:289',
        `Initializing worker at address: ${node.ip}:${10000 + (pid % 1000)} worker_id=${idHex} node_id=${node.idHex}`,
      ) +
      cppLine(
        at(5300),
        'I',
        pid,
        'python-core-worker',
        'grpc_server.cc:135',
        `worker server started, listening on port ${10000 + (pid % 1000)}.`,
      ),
  );
  return slot;
}

/** Writes the worker's goodbye lines and closes its files. */
export async function stopWorker(slot: WorkerSlot, us: number, exitLine: string): Promise<void> {
  await slot.coreLog.write(
    cppLine(us, 'I', slot.pid, 'python-core-worker', 'core_worker.cc:986', exitLine) +
      cppLine(
        us + SECOND / 100,
        'I',
        slot.pid,
        'python-core-worker',
        'core_worker_process.cc:210',
        'Core worker is destructed',
      ),
  );
  await slot.reportExit(us, exitLine);
  await Promise.all([slot.out.end(), slot.err.end(), slot.coreLog.end()]);
}
