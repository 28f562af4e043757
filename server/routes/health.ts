import type { FastifyInstance } from 'fastify';
import { PUBLIC } from '../auth/route-access.ts';
import type { AppDeps } from '../http/app-deps.ts';
import { errorBody } from '../http/errors.ts';

// Kubernetes probes: /livez says the process serves; /readz says storage answers too. Probes
// are public, so /readz says only ready or not; where the storage is and why it fails is for
// signed-in users at /api/readz.

const READY_TIMEOUT_MS = 5000;

export async function healthRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { storage } = deps;

  /** null when storage answers, else why not. */
  async function storageProblem(): Promise<string | null> {
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
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  }

  app.get('/livez', { config: PUBLIC }, async () => ({ status: 'ok' }));

  app.get('/readz', { config: PUBLIC }, async (request, reply) => {
    const problem = await storageProblem();
    if (problem === null) return { status: 'ready' };
    request.log.warn({ storage: storage.description, problem }, 'readiness check failed');
    return reply.code(503).send(errorBody(503, 'Not ready: history storage is not reachable'));
  });

  app.get('/api/readz', async (_request, reply) => {
    const problem = await storageProblem();
    if (problem === null) return { status: 'ready', storage: storage.description };
    const message = `Storage ${storage.description} is not reachable: ${problem}`;
    return reply.code(503).send(errorBody(503, message));
  });
}
