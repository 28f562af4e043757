import type { SessionInfo } from '../../../contract/api.ts';
import { notFound } from '../../http/errors.ts';
import type { Storage } from '../../storage/storage.ts';
import { findActor, findJob, taskAttempts, type SessionSnapshot } from '../events/index.ts';
import { nodeLogKey } from '../layout.ts';
import { listLogFolder } from './log-files.ts';
import { recordedLogPath, safeLogPath } from './log-path.ts';
import type { ByteWindow } from './log-slice.ts';

// Which file (and which bytes of it) a /api/v0/logs/file request means: a file on a node, a
// task attempt's part of its worker's output, an actor's or a process's worker output, or a
// job's driver log.

export type LogSuffix = 'out' | 'err';
export type NodeRef = { nodeId: string } | { nodeIp: string };

export type LogSelection =
  | { by: 'file'; node: NodeRef; filename: string }
  | { by: 'task'; taskId: string; attempt?: number; suffix: LogSuffix }
  | { by: 'actor'; actorId: string; suffix: LogSuffix }
  | { by: 'pid'; node: NodeRef; pid: number; suffix: LogSuffix }
  | { by: 'job'; jobId: string };

export interface ResolvedLog {
  nodeId: string;
  /** Relative to the node's `logs/`. */
  path: string;
  key: string;
  size: number;
  /** The bytes that belong to the selection (the whole file, or a task attempt's range). */
  window: ByteWindow;
}

interface Context {
  storage: Storage;
  session: SessionInfo;
  snapshot: () => Promise<SessionSnapshot>;
}

async function fileOnNode(
  c: Context,
  nodeId: string,
  path: string,
  range?: { start?: number; end?: number },
): Promise<ResolvedLog> {
  const key = nodeLogKey(c.session, nodeId, safeLogPath(path));
  const entry = await c.storage.stat(key);
  if (!entry)
    throw notFound(`No log file ${path} on node ${nodeId} in session ${c.session.sessionName}`);
  const start = Math.min(range?.start ?? 0, entry.size);
  const end = Math.max(start, Math.min(range?.end ?? entry.size, entry.size));
  return { nodeId, path, key, size: entry.size, window: { start, end } };
}

async function nodeIdOf(c: Context, node: NodeRef): Promise<string> {
  if ('nodeId' in node) return node.nodeId;
  const nodes = (await c.snapshot()).nodes.filter(
    (n) => n.ip === node.nodeIp || n.raylet.nodeManagerAddress === node.nodeIp,
  );
  if (nodes.length === 0)
    throw notFound(`No node with IP ${node.nodeIp} in session ${c.session.sessionName}`);
  // An IP reused by a later node: the one that lived last.
  return nodes.reduce((a, b) => (b.raylet.startTimeMs > a.raylet.startTimeMs ? b : a)).raylet
    .nodeId;
}

async function workerFile(
  c: Context,
  nodeId: string,
  matches: (name: string) => boolean,
  what: string,
): Promise<ResolvedLog> {
  const file = (await listLogFolder(c.storage, c.session, nodeId, '')).find(
    (e) => !e.isFolder && matches(e.name),
  );
  if (!file) throw notFound(`No log file of ${what} on node ${nodeId}`);
  return fileOnNode(c, nodeId, file.path);
}

async function taskLog(c: Context, s: Extract<LogSelection, { by: 'task' }>) {
  const attempts = taskAttempts(await c.snapshot(), s.taskId);
  if (attempts.length === 0)
    throw notFound(`No task ${s.taskId} in session ${c.session.sessionName}`);
  const task =
    s.attempt === undefined
      ? attempts.at(-1)!
      : attempts.find((t) => t.attempt_number === s.attempt);
  if (!task) throw notFound(`Task ${s.taskId} has no attempt ${s.attempt}`);
  const info = task.task_log_info;
  const file = s.suffix === 'out' ? info?.stdout_file : info?.stderr_file;
  if (!file || !task.node_id)
    throw notFound(
      `Task ${s.taskId} attempt ${task.attempt_number} has no recorded std${s.suffix} log`,
    );
  const range =
    s.suffix === 'out'
      ? { start: info?.stdout_start, end: info?.stdout_end }
      : { start: info?.stderr_start, end: info?.stderr_end };
  return fileOnNode(c, task.node_id, recordedLogPath(file), range);
}

async function jobLog(c: Context, jobId: string) {
  const snapshot = await c.snapshot();
  const job = findJob(snapshot, jobId);
  if (!job) throw notFound(`No job ${jobId} in session ${c.session.sessionName}`);
  if (!job.submission_id)
    throw notFound(
      `Job ${jobId} was started by a driver script (type ${job.type}), not submitted, so it has no job-driver log; its output is in the driver's own logs on its node`,
    );
  const nodeId =
    job.driver_node_id ?? snapshot.nodes.find((n) => n.raylet.isHeadNode)?.raylet.nodeId;
  if (!nodeId) throw notFound(`Job ${jobId} has no driver node and the session has no head node`);
  return fileOnNode(c, nodeId, `job-driver-${job.submission_id}.log`);
}

export async function resolveLog(
  storage: Storage,
  session: SessionInfo,
  selection: LogSelection,
  snapshot: () => Promise<SessionSnapshot>,
): Promise<ResolvedLog> {
  const c: Context = { storage, session, snapshot };
  switch (selection.by) {
    case 'file':
      return fileOnNode(c, await nodeIdOf(c, selection.node), selection.filename);
    case 'task':
      return taskLog(c, selection);
    case 'actor': {
      const actor = findActor(await c.snapshot(), selection.actorId);
      if (!actor) throw notFound(`No actor ${selection.actorId} in session ${session.sessionName}`);
      const { nodeId, workerId } = actor.address;
      if (!nodeId || !workerId)
        throw notFound(`Actor ${selection.actorId} never got a worker, so it has no logs`);
      const prefix = `worker-${workerId}-`;
      return workerFile(
        c,
        nodeId,
        (name) => name.startsWith(prefix) && name.endsWith(`.${selection.suffix}`),
        `actor ${selection.actorId} (worker ${workerId})`,
      );
    }
    case 'pid': {
      const nodeId = await nodeIdOf(c, selection.node);
      const ending = `-${selection.pid}.${selection.suffix}`;
      return workerFile(
        c,
        nodeId,
        (name) => name.startsWith('worker-') && name.endsWith(ending),
        `process ${selection.pid}`,
      );
    }
    case 'job':
      return jobLog(c, selection.jobId);
  }
}
