import { logCategory } from '../history/logs/log-categories.ts';
import type { LogNode } from '../history/logs/log-nodes.ts';
import type { AppDeps } from '../http/app-deps.ts';
import type { RawQuery } from '../http/query-params.ts';
import { single } from '../http/query-params.ts';
import { badRequest, HttpError } from '../http/errors.ts';
import { stateApi } from '../routes/session/envelopes.ts';
import { DEFAULT_TASK_LIMIT, MAX_TASK_LIMIT, taskQueryOf } from '../routes/session/task-params.ts';
import type { SessionRouteContext } from '../routes/session-router.ts';
import { readDashboard } from './dashboard-proxy.ts';
import type { LiveCluster } from './live-cluster.ts';

// Our additions to Ray's API, answered for a running cluster from its dashboard's own answers:
// the task page (Ray's list, then our paging, sorting and per-state counts) and the logs view's
// node and file lists (from /nodes and /api/v0/logs). Parameters are validated exactly as for
// history, by the same functions.

export type LiveAdapter = (
  deps: AppDeps,
  cluster: LiveCluster,
  context: SessionRouteContext,
) => Promise<unknown>;

async function readJson(
  deps: AppDeps,
  cluster: LiveCluster,
  path: string,
): Promise<{ status: number; body: unknown }> {
  const answer = await readDashboard(deps.live, cluster, 'GET', path);
  if (answer.status !== 200) return { status: answer.status, body: answer.body.toString('utf8') };
  try {
    return { status: 200, body: JSON.parse(answer.body.toString('utf8')) };
  } catch {
    throw new HttpError(
      502,
      `The Ray Dashboard answered ${path.split('?')[0]} with something not JSON`,
    );
  }
}

function passFailure(context: SessionRouteContext, status: number, body: unknown) {
  return context.reply.code(status).type('text/plain; charset=utf-8').send(String(body));
}

type TaskRow = Record<string, unknown>;

function sortValue(row: TaskRow, key: string): number | string {
  if (key === 'duration_ms') {
    const start = Number(row.start_time_ms) || 0;
    const end = Number(row.end_time_ms) || 0;
    return start && end ? end - start : -1;
  }
  const value = row[key];
  return typeof value === 'number' ? value : String(value ?? '');
}

const liveTaskPage: LiveAdapter = async (deps, cluster, context) => {
  const query = taskQueryOf(context.request.query as RawQuery);
  const search = new URLSearchParams({
    detail: String(query.detail),
    limit: String(MAX_TASK_LIMIT),
    exclude_driver: String(query.excludeDriver),
  });
  for (const filter of query.filters ?? []) {
    search.append('filter_keys', filter.key);
    search.append('filter_predicates', filter.predicate);
    search.append('filter_values', filter.value);
  }
  const { status, body } = await readJson(deps, cluster, `/api/v0/tasks?${search}`);
  if (status !== 200) return passFailure(context, status, body);
  const list = (body as { data?: { result?: { total?: number; result?: TaskRow[] } } }).data
    ?.result;
  const rows = [...(list?.result ?? [])];
  if (query.sortBy) {
    const key = query.sortBy;
    const sign = query.order === 'desc' ? -1 : 1;
    rows.sort((a, b) => {
      const x = sortValue(a, key);
      const y = sortValue(b, key);
      return sign * (x < y ? -1 : x > y ? 1 : 0);
    });
  }
  const offset = query.offset ?? 0;
  const stateCounts: Record<string, number> = {};
  for (const row of rows) {
    const state = String(row.state ?? 'UNKNOWN');
    stateCounts[state] = (stateCounts[state] ?? 0) + 1;
  }
  return stateApi({
    total: list?.total ?? rows.length,
    num_after_truncation: rows.length,
    num_filtered: rows.length,
    result: rows.slice(offset, offset + (query.limit ?? DEFAULT_TASK_LIMIT)),
    state_counts: stateCounts,
    partial_failure_warning: null,
    warnings: null,
  });
};

interface LiveNode {
  ip?: string;
  hostname?: string;
  raylet?: { nodeId?: string; isHeadNode?: boolean; state?: string; stateMessage?: string };
}

const liveLogNodes: LiveAdapter = async (deps, cluster, context) => {
  const { status, body } = await readJson(deps, cluster, '/nodes?view=summary');
  if (status !== 200) return passFailure(context, status, body);
  const summary = (body as { data?: { summary?: LiveNode[] } }).data?.summary ?? [];
  const nodes: LogNode[] = summary
    .filter((n) => n.raylet?.nodeId)
    .map((n) => {
      const dead = n.raylet!.state === 'DEAD';
      return {
        nodeId: n.raylet!.nodeId!,
        ip: n.ip ?? '',
        hostname: n.hostname ?? '',
        isHead: Boolean(n.raylet!.isHeadNode),
        state: dead ? 'DEAD' : 'ALIVE',
        deathReason: dead ? n.raylet!.stateMessage || null : null,
        // A dead node's logs are not served by the running cluster (its agent is gone).
        hasLogs: !dead,
      };
    });
  return { nodes };
};

const NODE_ID = /^[0-9a-f]{56}$/i;

const liveLogFiles: LiveAdapter = async (deps, cluster, context) => {
  const query = context.request.query as RawQuery;
  const nodeId = single(query, 'node_id');
  if (!nodeId) throw badRequest('node_id is required');
  if (!NODE_ID.test(nodeId)) throw badRequest('node_id must be 56 hex digits');
  const prefix = single(query, 'prefix') ?? '';
  // Ray lists the top of a node's logs, folders as `name/`, not what is inside them.
  if (prefix !== '')
    throw new HttpError(
      404,
      `Folders of a running cluster's logs are not listed by its dashboard; ${prefix} can be browsed once the cluster has ended`,
    );
  const search = new URLSearchParams({ node_id: nodeId });
  const { status, body } = await readJson(deps, cluster, `/api/v0/logs?${search}`);
  if (status !== 200) return passFailure(context, status, body);
  const groups = (body as { data?: { result?: Record<string, string[]> } }).data?.result ?? {};
  const names = [...new Set(Object.values(groups).flat())].sort();
  const files = names.map((name) => ({
    path: name,
    name: name.replace(/\/$/, ''),
    isFolder: name.endsWith('/'),
    size: 0,
    mtime: 0,
    category: logCategory(name),
  }));
  return { nodeId, prefix, files };
};

export const LIVE_ADAPTERS = new Map<string, LiveAdapter>([
  ['/api/v0/tasks', liveTaskPage],
  ['/logs/nodes', liveLogNodes],
  ['/logs/files', liveLogFiles],
]);
