import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../http/app-deps.ts';
import { notFound } from '../../http/errors.ts';
import { findJob, listJobs } from '../../history/events/index.ts';
import { defineSessionRoutes } from '../session-router.ts';
import { loadedSession } from './loaded-session.ts';

// GET /api/jobs/ and /api/jobs/:jobId (job id or submission id): bare JSON, as Ray answers.

export async function jobRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  defineSessionRoutes(app, deps, (get) => {
    get('/api/jobs/', async ({ session, request }) => {
      const { snapshot } = await loadedSession(deps, session, request.log);
      return listJobs(snapshot);
    });

    get('/api/jobs/:jobId', async ({ session, params, request }) => {
      const { snapshot } = await loadedSession(deps, session, request.log);
      const jobId = params.jobId ?? '';
      const job = findJob(snapshot, jobId);
      if (!job) throw notFound(`No job ${jobId} in session ${session.sessionName}`);
      return job;
    });
  });
}
