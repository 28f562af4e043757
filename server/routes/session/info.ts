import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../http/app-deps.ts';
import { defineSessionRoutes } from '../session-router.ts';

// GET (scoped) /info: the resolved session, so a `latest` link learns its real session name.

export async function sessionInfoRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  defineSessionRoutes(app, deps, (get) => {
    get('/info', ({ session }) => session);
  });
}
