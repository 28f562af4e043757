import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { markRoutesPublic, PUBLIC } from '../auth/route-access.ts';
import type { AppDeps } from '../http/app-deps.ts';
import { errorBody } from '../http/errors.ts';
import { isReadMethod, methodNotAllowed } from '../http/method-policy.ts';

// Serves the built SPA (dist/). Hashed assets are cached forever, index.html never; any page
// navigation that matches no file gets index.html so every deep link loads directly.

export const NOT_BUILT_MESSAGE =
  'The dashboard UI is not built: run `npm run build` (or `npm start`), then restart the server.';

export function acceptsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

export async function sendSpaIndex(reply: FastifyReply, staticDir: string): Promise<FastifyReply> {
  let html: Buffer;
  try {
    html = await readFile(join(staticDir, 'index.html'));
  } catch {
    return reply.code(503).type('text/plain; charset=utf-8').send(NOT_BUILT_MESSAGE);
  }
  return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
}

export async function spaRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { staticDir, basePath } = deps.config.server;
  if (existsSync(staticDir)) {
    const assetsDir = join(staticDir, 'assets') + sep;
    // The built files are public: the SPA loads before anyone signs in.
    await app.register(async (files) => {
      markRoutesPublic(files);
      await files.register(fastifyStatic, {
        root: staticDir,
        prefix: '/',
        index: false,
        wildcard: true,
        decorateReply: false,
        cacheControl: false,
        setHeaders: (reply, path) => {
          reply.header(
            'cache-control',
            path.startsWith(assetsDir) ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      });
    });
  }

  app.get('/', { config: PUBLIC }, async (_request, reply) => sendSpaIndex(reply, staticDir));

  app.setNotFoundHandler(async (request, reply) => {
    if (!isReadMethod(request.method)) return methodNotAllowed(request, reply);
    const path = (request.url.split('?')[0] ?? '').slice(basePath.length);
    const isPage = !path.startsWith('/api/') && acceptsHtml(request);
    if (isPage) return sendSpaIndex(reply, staticDir);
    const what = path.startsWith('/api/') ? 'API route' : 'route or file';
    return reply
      .code(404)
      .send(errorBody(404, `No ${what} ${request.method} ${path.slice(0, 200)}`));
  });
}
