import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_KINDS, type SessionInfo } from '../../contract/api.ts';
import { MAX_PAGE_SIZE, type SessionFilters } from '../history/session-index.ts';
import { PUBLIC_PAGE } from '../auth/route-access.ts';
import type { AppDeps } from '../http/app-deps.ts';
import { liveClusterRows, withLiveSessions } from '../live/live-listing.ts';
import {
  dateBound,
  oneOf,
  positiveInt,
  rejectUnknown,
  single,
  type RawQuery,
} from '../http/query-params.ts';
import { acceptsHtml, sendSpaIndex } from './spa.ts';

// GET /api/sessions (our paged, filtered list) and GET /clusters (the upstream KubeRay list).

const SESSION_PARAMS = ['namespace', 'kind', 'owner', 'q', 'from', 'to', 'page', 'pageSize'];

export function sessionFilters(query: RawQuery): SessionFilters {
  rejectUnknown(query, SESSION_PARAMS);
  return {
    namespace: single(query, 'namespace'),
    kind: oneOf(query, 'kind', SESSION_KINDS),
    owner: single(query, 'owner'),
    q: single(query, 'q'),
    from: dateBound(query, 'from', 'from'),
    to: dateBound(query, 'to', 'to'),
    page: positiveInt(query, 'page'),
    pageSize: positiveInt(query, 'pageSize', { max: MAX_PAGE_SIZE }),
  };
}

/** One row of upstream's /clusters answer. */
export interface ClusterRow {
  name: string;
  namespace: string;
  sessionName: string;
  createTime: string;
  createTimeStamp: number;
  ownerKind?: string;
  ownerName?: string;
}

export function clusterRow(s: SessionInfo): ClusterRow {
  return {
    name: s.clusterName,
    namespace: s.namespace,
    sessionName: s.sessionName,
    createTime: new Date(s.startTime).toISOString(),
    createTimeStamp: Math.floor(s.startTime / 1000),
    ...(s.kind !== 'raycluster' && { ownerKind: s.kind, ownerName: s.name }),
  };
}

export async function sessionsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/api/sessions', async (request) => {
    // Namespace rules filter the list (docs/auth.md); they never turn it into a 403.
    const filters = {
      ...sessionFilters(request.query as RawQuery),
      namespaceAllowed: request.access.namespaces,
    };
    const page = await deps.sessions.query(filters);
    // Outcomes never hold the list up: unknown ones are computed in the background.
    const listed = { ...page, sessions: deps.outcomes.listed(page.sessions, request.log) };
    return withLiveSessions(listed, deps.live, filters);
  });

  app.get('/clusters', { config: PUBLIC_PAGE }, async (request: FastifyRequest, reply) => {
    // A browser opening /clusters wants the page; tools want the data.
    if (acceptsHtml(request)) return sendSpaIndex(reply, deps.config.server.staticDir);
    const query = request.query as RawQuery;
    const offset = positiveInt(query, 'offset', { min: 0 }) ?? 0;
    const limit = positiveInt(query, 'limit');
    const recorded = (await deps.sessions.all())
      .filter((s) => request.access.namespaces(s.namespace))
      .map(clusterRow);
    const rows = [
      ...(await liveClusterRows(deps.live, request.access.namespaces, clusterRow)),
      ...recorded,
    ];
    reply.header('x-total-count', String(rows.length)).header('vary', 'Accept');
    return rows.slice(offset, limit === undefined ? undefined : offset + limit);
  });
}
