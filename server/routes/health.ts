import type { FastifyInstance } from 'fastify';
import { PUBLIC } from '../auth/route-access.ts';
import type { AppDeps } from '../http/app-deps.ts';
import { errorBody } from '../http/errors.ts';

// Kubernetes probes: /livez says the process serves; /readz says storage answers too.

const READY_TIMEOUT_MS = 5000;

export async function healthRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/livez', { config: PUBLIC }, async () => ({ status: 'ok' }));

  app.get('/readz', { config: PUBLIC }, async (request, reply) => {
    const { storage } = deps;
    try {
      await Promise.race([
        storage.list('', { delimited: true, limit: 1 }),
        new Promise((_, reject) =>
          setTimeout(
            () => reject(new Error(`no answer in ${READY_TIMEOUT_MS} ms`)),
            READY_TIMEOUT_MS,
          ).unref(),
        ),
      ]);
      return { status: 'ready', storage: storage.description };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      const message = `Storage ${storage.description} is not reachable: ${(error as Error).message}`;
      return reply.code(503).send(errorBody(503, message));
    }
  });
}
