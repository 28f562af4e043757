import type { AppDeps } from '../http/app-deps.ts';
import { notFound } from '../http/errors.ts';
import type { SessionRouteContext } from '../routes/session-router.ts';
import { readDashboard } from './dashboard-proxy.ts';
import { LIVE_ADAPTERS } from './live-adapters.ts';
import type { LiveCluster } from './live-cluster.ts';

// How a session route answers for a running cluster. Ray's own read-only paths that the SPA uses
// are forwarded to its dashboard; our additions are answered here, from nothing (/info) or from
// the dashboard's answers (live-adapters.ts: the task page, the logs view's lists); the rest (they
// read recorded files: log search, the session summary, metrics from events) say they come back
// when the cluster ends. Anything not listed is never forwarded: job submission, stop
// and delete are POST/DELETE and never routed at all, and unknown GET paths are not sent either.

export const FORWARDED_PATHS = new Set([
  '/api/jobs/',
  '/api/jobs/:jobId',
  '/api/v0/tasks/summarize',
  '/logical/actors',
  '/logical/actors/:actorId',
  '/nodes',
  '/nodes/:nodeId',
  '/events',
  '/api/cluster_status',
  '/api/v0/cluster_metadata',
  '/api/v0/placement_groups',
  '/timezone',
  '/api/v0/logs',
  '/api/v0/logs/file',
]);

type LocalAnswer = (context: SessionRouteContext) => unknown;

const LOCAL_ANSWERS = new Map<string, LocalAnswer>([
  ['/info', ({ session }) => session],
  // Nothing is loaded for a running cluster: the SPA's progress bar has nothing to wait for.
  [
    '/load_progress',
    ({ reply }) => {
      reply.header('cache-control', 'no-store');
      return { state: 'ready', filesRead: 0, filesTotal: 0, bytesRead: 0, bytesTotal: 0 };
    },
  ],
]);

/** The Ray path (and query) a request asks for: its URL after the session scope. */
export function rayPathOf(url: string, scoped: boolean, basePath: string): string {
  const local = url.startsWith(basePath) ? url.slice(basePath.length) : url;
  if (!scoped) return local;
  // /api/c/{namespace}/{kind}/{name}/{session}<ray path>
  let at = 0;
  for (let i = 0; i < 6; i++) at = local.indexOf('/', at + 1);
  return at < 0 ? '/' : local.slice(at);
}

export async function answerLive(
  deps: AppDeps,
  cluster: LiveCluster,
  routePath: string,
  context: SessionRouteContext,
  scoped: boolean,
): Promise<unknown> {
  const local = LOCAL_ANSWERS.get(routePath);
  if (local) return local(context);
  const adapter = LIVE_ADAPTERS.get(routePath);
  if (adapter) return adapter(deps, cluster, context);
  if (!FORWARDED_PATHS.has(routePath))
    throw notFound(
      `${routePath} is read from recorded history, which exists once the cluster has ended; ` +
        `while it runs, its jobs, tasks, actors, nodes and logs are read from its dashboard`,
    );
  const { request, reply } = context;
  const path = rayPathOf(request.url, scoped, deps.config.server.basePath);
  const answer = await readDashboard(
    deps.live,
    cluster,
    request.method === 'HEAD' ? 'HEAD' : 'GET',
    path,
  );
  // Live answers change from one poll to the next: never cached by the browser.
  reply.code(answer.status).type(answer.contentType).header('cache-control', 'no-store');
  return reply.send(answer.body);
}
