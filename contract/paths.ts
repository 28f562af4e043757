import type { SessionScope } from './api.ts';

// Every route pattern and every href of the SPA is built here, so links never drift from routes.

export const routePatterns = {
  home: '/',
  clusters: '/clusters',
  session: '/c/:namespace/:kind/:name/:session',
  jobs: '/c/:namespace/:kind/:name/:session/jobs',
  job: '/c/:namespace/:kind/:name/:session/jobs/:jobId',
  jobLogs: '/c/:namespace/:kind/:name/:session/jobs/:jobId/logs',
  tasks: '/c/:namespace/:kind/:name/:session/tasks',
  task: '/c/:namespace/:kind/:name/:session/tasks/:taskId',
  taskLogs: '/c/:namespace/:kind/:name/:session/tasks/:taskId/logs',
  actors: '/c/:namespace/:kind/:name/:session/actors',
  actor: '/c/:namespace/:kind/:name/:session/actors/:actorId',
  actorLogs: '/c/:namespace/:kind/:name/:session/actors/:actorId/logs',
  nodes: '/c/:namespace/:kind/:name/:session/nodes',
  node: '/c/:namespace/:kind/:name/:session/nodes/:nodeId',
  logs: '/c/:namespace/:kind/:name/:session/logs',
  logFile: '/c/:namespace/:kind/:name/:session/logs/:nodeId/*',
  search: '/c/:namespace/:kind/:name/:session/search',
  metrics: '/c/:namespace/:kind/:name/:session/metrics',
  events: '/c/:namespace/:kind/:name/:session/events',
  timeline: '/c/:namespace/:kind/:name/:session/timeline',
  authCallback: '/auth/callback',
} as const;

const seg = encodeURIComponent;

/** A query value; empty ones (undefined, null, '') are left out of the URL. */
export type QueryValue = string | number | boolean | undefined | null;

/** The one query-string builder: `path?key=value…` with the non-empty values, or `path` alone. */
export function withQuery(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export function sessionHref(scope: SessionScope): string {
  return `/c/${seg(scope.namespace)}/${seg(scope.kind)}/${seg(scope.name)}/${seg(scope.session)}`;
}

export const paths = {
  clusters: (query?: Record<string, string | number | undefined>) => withQuery('/clusters', query),
  session: sessionHref,
  jobs: (s: SessionScope, query?: Record<string, string | undefined>) =>
    withQuery(`${sessionHref(s)}/jobs`, query),
  job: (s: SessionScope, jobId: string) => `${sessionHref(s)}/jobs/${seg(jobId)}`,
  jobLogs: (s: SessionScope, jobId: string) => `${sessionHref(s)}/jobs/${seg(jobId)}/logs`,
  tasks: (s: SessionScope, query?: Record<string, string | number | undefined>) =>
    withQuery(`${sessionHref(s)}/tasks`, query),
  task: (s: SessionScope, taskId: string, attempt?: number) =>
    withQuery(`${sessionHref(s)}/tasks/${seg(taskId)}`, { attempt }),
  /** An attempt's own part of its worker's output; `tab`: `out` (stdout) or `err` (stderr). */
  taskLogs: (s: SessionScope, taskId: string, attempt?: number, tab?: 'out' | 'err') =>
    withQuery(`${sessionHref(s)}/tasks/${seg(taskId)}/logs`, { attempt, tab }),
  actors: (s: SessionScope, query?: Record<string, string | number | undefined>) =>
    withQuery(`${sessionHref(s)}/actors`, query),
  actor: (s: SessionScope, actorId: string) => `${sessionHref(s)}/actors/${seg(actorId)}`,
  /** `tab`: `out` (stdout) or `err` (stderr). */
  actorLogs: (s: SessionScope, actorId: string, tab?: 'out' | 'err') =>
    withQuery(`${sessionHref(s)}/actors/${seg(actorId)}/logs`, { tab }),
  nodes: (s: SessionScope) => `${sessionHref(s)}/nodes`,
  node: (s: SessionScope, nodeId: string) => `${sessionHref(s)}/nodes/${seg(nodeId)}`,
  logs: (s: SessionScope, query?: Record<string, string | undefined>) =>
    withQuery(`${sessionHref(s)}/logs`, query),
  /** `lines` renders as the `#L120-L140` permalink fragment. */
  logFile: (s: SessionScope, nodeId: string, file: string, lines?: [number, number?]) => {
    const path = `${sessionHref(s)}/logs/${seg(nodeId)}/${file.split('/').map(seg).join('/')}`;
    if (!lines) return path;
    const [from, to] = lines;
    return to !== undefined && to !== from ? `${path}#L${from}-L${to}` : `${path}#L${from}`;
  },
  search: (s: SessionScope, q?: string) => withQuery(`${sessionHref(s)}/search`, { q }),
  metrics: (s: SessionScope) => `${sessionHref(s)}/metrics`,
  events: (s: SessionScope, query?: Record<string, string | undefined>) =>
    withQuery(`${sessionHref(s)}/events`, query),
  timeline: (s: SessionScope, query?: Record<string, string | undefined>) =>
    withQuery(`${sessionHref(s)}/timeline`, query),
};

/** API URLs. Session-scoped Ray Dashboard paths live under /api/c/<scope>/ (see docs/api.md). */
export const apiPaths = {
  sessions: '/api/sessions',
  config: '/config.json',
  scoped: (s: SessionScope, rayPath: string) =>
    `/api${sessionHref(s)}${rayPath.startsWith('/') ? rayPath : `/${rayPath}`}`,
};
