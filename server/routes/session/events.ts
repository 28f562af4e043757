import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../http/app-deps.ts';
import { single, type RawQuery } from '../../http/query-params.ts';
import { listEvents } from '../../history/events/index.ts';
import { defineSessionRoutes } from '../session-router.ts';
import { classic } from './envelopes.ts';
import { loadedSession } from './loaded-session.ts';

// GET /events (grouped by job id, "global" for the rest) and /events?job_id= (one job's).

export async function eventRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  defineSessionRoutes(app, deps, (get) => {
    get('/events', async ({ session, request }) => {
      const jobId = single(request.query as RawQuery, 'job_id');
      const { snapshot } = await loadedSession(deps, session, request.log);
      const groups = listEvents(snapshot, jobId);
      return classic(
        jobId ? { jobId, events: Object.values(groups)[0] ?? [] } : { events: groups },
      );
    });
  });
}
