import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../http/app-deps.ts';
import { sessionSummary } from '../../history/events/index.ts';
import { defineSessionRoutes } from '../session-router.ts';
import { loadedSession, loadStatus } from './loaded-session.ts';

// Our additions: GET /summary (the session at a glance, with ingest warnings) and
// GET /load_progress (polled by the SPA during a cold load; never starts one).

export async function summaryRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  defineSessionRoutes(app, deps, (get) => {
    get('/summary', async ({ session, request }) => {
      const { snapshot, report } = await loadedSession(deps, session, request.log);
      return sessionSummary(snapshot, report);
    });

    get('/load_progress', ({ session, reply }) => {
      reply.header('cache-control', 'no-store');
      return loadStatus(deps, session);
    });
  });
}
