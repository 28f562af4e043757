import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../http/errors.ts';
import { acceptsHtml } from '../routes/spa.ts';
import { AuthError } from './auth-error.ts';
import type { AuthService, RequestAccess } from './auth-service.ts';

// The onRequest hook in front of every route: protected routes (all but those marked PUBLIC, see
// route-access.ts) need credentials when AUTH_MODE is not none. Unknown URLs (404s and the SPA's
// page fallback) are public: they reveal nothing.

declare module 'fastify' {
  interface FastifyRequest {
    /** Who asks and which namespaces they may see; set before any handler runs. */
    access: RequestAccess;
  }
}

function isPublic(request: FastifyRequest): boolean {
  const config = request.routeOptions.config;
  if (request.is404 || config.public) return true;
  return Boolean(config.publicPage) && request.method === 'GET' && acceptsHtml(request);
}

export function sendAuthError(reply: FastifyReply, error: AuthError): FastifyReply {
  if (error.challenge) reply.header('www-authenticate', error.challenge);
  return reply
    .code(error.statusCode)
    .header('cache-control', 'no-store')
    .type('application/json')
    .send(errorBody(error.statusCode, error.message));
}

export function installAuthGuard(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('access', null as unknown as RequestAccess);
  app.addHook('onRequest', async (request, reply) => {
    if (auth.config.mode === 'none' || isPublic(request)) {
      request.access = auth.anonymous();
      return;
    }
    try {
      request.access = await auth.authenticate(request);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      request.log.info({ statusCode: error.statusCode, reason: error.message }, 'request refused');
      return sendAuthError(reply, error);
    }
  });
}
