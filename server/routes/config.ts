import type { FastifyInstance } from 'fastify';
import { PUBLIC } from '../auth/route-access.ts';
import { publicConfig } from '../config/public-config.ts';
import type { AppDeps } from '../http/app-deps.ts';

// GET /config.json: the SPA's runtime configuration (one build runs anywhere).

export async function configRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/config.json', { config: PUBLIC }, async (request, reply) => {
    reply.header('cache-control', 'no-cache');
    return publicConfig(deps.config, `${request.protocol}://${request.host}`);
  });
}
