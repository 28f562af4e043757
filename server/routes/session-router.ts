import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SessionInfo, SessionKind, SessionScope } from '../../contract/api.ts';
import { forbidden } from '../auth/auth-error.ts';
import { namespaceDeniedMessage } from '../auth/namespace-access.ts';
import type { AppDeps } from '../http/app-deps.ts';
import { scopeFromCookies, sessionCookieValues } from '../http/session-cookies.ts';
import { answerLive } from '../live/live-routes.ts';
import { resolveSession } from '../live/live-sessions.ts';

// The one way to define a session-scoped Ray Dashboard route. Each GET answers twice:
//   /api/c/:namespace/:kind/:name/:session<path>   the session named in the URL (shareable)
//   <path>                                          the session picked by /enter_cluster cookies (upstream)

export const SCOPED_PREFIX = '/api/c/:namespace/:kind/:name/:session';
const SCOPE_PARAMS = ['namespace', 'kind', 'name', 'session'];

export interface SessionRouteContext {
  session: SessionInfo;
  /** The route's own path parameters (never the scope's). */
  params: Record<string, string>;
  request: FastifyRequest;
  reply: FastifyReply;
}

export type SessionRouteHandler = (context: SessionRouteContext) => unknown;
export type SessionGet = (path: string, handler: SessionRouteHandler) => void;

/** 403 when the caller's namespace rules do not open this namespace (checked before lookups). */
function checkNamespace(request: FastifyRequest, namespace: string): void {
  if (!request.access.namespaces(namespace))
    throw forbidden(namespaceDeniedMessage(namespace, request.access.user?.id ?? null));
}

export function defineSessionRoutes(
  app: FastifyInstance,
  deps: AppDeps,
  define: (get: SessionGet) => void,
): void {
  const get: SessionGet = (path, handler) => {
    if (!path.startsWith('/')) throw new Error(`Session route ${path} must start with /`);
    if (SCOPE_PARAMS.some((p) => path.includes(`:${p}`)))
      throw new Error(`Session route ${path} reuses a scope parameter name`);

    app.get(`${SCOPED_PREFIX}${path}`, async (request, reply) => {
      const { namespace, kind, name, session, ...params } = request.params as Record<
        string,
        string
      >;
      const scope = { namespace, kind: kind as SessionKind, name, session } as SessionScope;
      checkNamespace(request, namespace ?? '');
      const { session: info, cluster } = await resolveSession(deps.sessions, deps.live, scope);
      const context = { session: info, params, request, reply };
      if (cluster) return answerLive(deps, cluster, path, context, true);
      return handler(context);
    });

    app.get(path, async (request, reply) => {
      const scope = scopeFromCookies(request.cookies);
      checkNamespace(request, scope.namespace);
      const { session: info, cluster } = await resolveSession(deps.sessions, deps.live, scope);
      reply.header('vary', 'Cookie');
      const context = {
        session: info,
        params: request.params as Record<string, string>,
        request,
        reply,
      };
      if (cluster) return answerLive(deps, cluster, path, context, false);
      return handler(context);
    });
  };
  define(get);
}

/**
 * GET /enter_cluster/:namespace/:kind/:name[/:session]: select a session with upstream's cookies.
 * `live` (upstream's sentinel) selects the running cluster; the cookie keeps `live`, so the
 * selection falls back to history by itself when the cluster ends.
 */
export async function enterClusterRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const enter = async (request: FastifyRequest, reply: FastifyReply) => {
    const { namespace, kind, name, session = 'latest' } = request.params as Record<string, string>;
    checkNamespace(request, namespace ?? '');
    const { session: info } = await resolveSession(deps.sessions, deps.live, {
      namespace: namespace ?? '',
      kind: kind as SessionKind,
      name: name ?? '',
      session,
    });
    const options = {
      path: deps.config.server.basePath || '/',
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: request.protocol === 'https',
    };
    for (const [cookie, value] of Object.entries(sessionCookieValues(info)))
      reply.setCookie(cookie, value, options);
    reply.header('cache-control', 'no-store');
    return { result: 'success', name, namespace, session: info.sessionName };
  };
  app.get('/enter_cluster/:namespace/:kind/:name', enter);
  app.get('/enter_cluster/:namespace/:kind/:name/:session', enter);
}
