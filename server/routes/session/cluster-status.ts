import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../http/app-deps.ts';
import { clusterStatus } from '../../history/events/index.ts';
import { defineSessionRoutes } from '../session-router.ts';
import { classic } from './envelopes.ts';
import { loadedSession } from './loaded-session.ts';

// GET /api/cluster_status?format=1: a `ray status`-style text rebuilt from the session.

export async function clusterStatusRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  defineSessionRoutes(app, deps, (get) => {
    get('/api/cluster_status', async ({ session, request }) => {
      const { snapshot } = await loadedSession(deps, session, request.log);
      return classic({ clusterStatus: clusterStatus(snapshot) });
    });
  });
}
