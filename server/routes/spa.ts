import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { markRoutesPublic, PUBLIC } from '../auth/route-access.ts';
import type { AppDeps } from '../http/app-deps.ts';
import { errorBody } from '../http/errors.ts';
import { isReadMethod, methodNotAllowed } from '../http/method-policy.ts';
import { issueStyleNonce, STYLE_NONCE_PLACEHOLDER } from '../http/style-nonce.ts';

// Serves the built SPA (dist/). Hashed assets are cached forever, index.html never; any page
// navigation that matches no file gets index.html so every deep link loads directly.

export const NOT_BUILT_MESSAGE =
  'The dashboard UI is not built: run `npm run build` (or `npm start`), then restart the server.';

/** Fastify's longest route parameter (its default); app.ts sets the router with it. */
export const MAX_PARAM_LENGTH = 100;
/** Longer than any file name the SPA build writes, and than most file systems allow. */
const MAX_FILE_SEGMENT = 255;

const hasLongSegment = (path: string, max: number) => path.split('/').some((s) => s.length > max);

export function acceptsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

export async function sendSpaIndex(reply: FastifyReply, staticDir: string): Promise<FastifyReply> {
  let html: string;
  try {
    html = await readFile(join(staticDir, 'index.html'), 'utf8');
  } catch {
    return reply.code(503).type('text/plain; charset=utf-8').send(NOT_BUILT_MESSAGE);
  }
  const page = html.replaceAll(STYLE_NONCE_PLACEHOLDER, issueStyleNonce(reply));
  return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(page);
}

export async function spaRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { staticDir, basePath } = deps.config.server;
  if (existsSync(staticDir)) {
    const assetsDir = join(staticDir, 'assets') + sep;
    // The built files are public: the SPA loads before anyone signs in.
    await app.register(async (files) => {
      markRoutesPublic(files);
      // API paths and impossible file names never reach the file system (which would answer a
      // bare 403 for a name too long): the not-found handler below explains them.
      files.addHook('onRequest', async (request, reply) => {
        const path = (request.url.split('?')[0] ?? '').slice(basePath.length);
        if (path.startsWith('/api/') || hasLongSegment(path, MAX_FILE_SEGMENT))
          return reply.callNotFound();
      });
      await files.register(fastifyStatic, {
        root: staticDir,
        prefix: '/',
        index: false,
        wildcard: true,
        decorateReply: false,
        cacheControl: false,
        // API paths and impossible file names never reach the file system: they fall through to
        // the not-found handler below, which explains them.
        // index.html itself is only sent by sendSpaIndex, which gives it its style nonce.
        allowedPath: (path) =>
          path !== '/index.html' &&
          !path.startsWith('/api/') &&
          !hasLongSegment(path, MAX_FILE_SEGMENT),
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
    // A route matched but for a parameter longer than the router takes (an id, a file name).
    if (hasLongSegment(path, MAX_PARAM_LENGTH))
      return reply
        .code(414)
        .send(
          errorBody(
            414,
            `A path segment is longer than ${String(MAX_PARAM_LENGTH)} characters (max param length)`,
          ),
        );
    const what = path.startsWith('/api/') ? 'API route' : 'route or file';
    return reply
      .code(404)
      .send(errorBody(404, `No ${what} ${request.method} ${path.slice(0, 200)}`));
  });
}
