import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../http/app-deps.ts';
import { HttpError } from '../http/errors.ts';
import { ownCookie } from '../http/session-cookies.ts';
import { AuthError } from './auth-error.ts';
import { sendAuthError } from './guard.ts';
import { PUBLIC } from './route-access.ts';
import { TOKEN_COOKIE } from './token-auth.ts';
import { tokenProxyRoutes } from './token-proxy.ts';

// The login endpoints: who am I, token mode's cookie exchange and logout, and (for confidential
// OIDC clients) the token proxy that adds the client secret.

export async function authRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { auth } = deps;
  const cookiePath = deps.config.server.basePath || '/';
  const cookieOptions = (request: FastifyRequest) => ({
    path: cookiePath,
    httpOnly: true,
    sameSite: 'strict' as const,
    // request.protocol follows X-Forwarded-Proto only when TRUST_PROXY is on.
    secure: request.protocol === 'https',
  });

  // Protected like any API route: a 401/403 here tells the SPA to sign in or show the denial.
  app.get('/api/auth/me', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return { mode: auth.config.mode, user: request.access.user };
  });

  app.post(
    '/api/authenticate',
    { config: PUBLIC },
    async (request: FastifyRequest, reply: FastifyReply) => {
      if (auth.config.mode !== 'token')
        throw new HttpError(404, `Token authentication is off (AUTH_MODE=${auth.config.mode})`);
      try {
        await auth.checkTokenHeader(request);
      } catch (error) {
        if (error instanceof AuthError) return sendAuthError(reply, error);
        throw error;
      }
      const sessions = auth.tokenSessions;
      if (!sessions) throw new Error('token mode without sessions');
      reply.setCookie(TOKEN_COOKIE, sessions.issue(), {
        ...cookieOptions(request),
        maxAge: sessions.maxAge,
      });
      reply.header('cache-control', 'no-store');
      return { result: 'authenticated' };
    },
  );

  app.post('/api/logout', { config: PUBLIC }, async (request, reply) => {
    const cookie = ownCookie(request.cookies, TOKEN_COOKIE);
    if (cookie) auth.tokenSessions?.revoke(cookie);
    reply.clearCookie(TOKEN_COOKIE, cookieOptions(request));
    reply.header('cache-control', 'no-store');
    return { result: 'logged out' };
  });

  if (auth.verifier && deps.config.auth.oidc?.clientSecret)
    await app.register(tokenProxyRoutes, { deps });
}
