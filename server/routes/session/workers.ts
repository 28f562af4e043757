import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../http/app-deps.ts';
import { positiveInt, type RawQuery } from '../../http/query-params.ts';
import { defineSessionRoutes } from '../session-router.ts';
import { stateApi } from './envelopes.ts';
import { loadedSession } from './loaded-session.ts';

// GET /api/v0/workers: the worker processes the GCS reported (WORKER_*_EVENT), in Ray's
// state-API envelope. Drivers report no worker events and are not listed.

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 10_000;

export async function workerRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  defineSessionRoutes(app, deps, (get) => {
    get('/api/v0/workers', async ({ session, request }) => {
      const limit =
        positiveInt(request.query as RawQuery, 'limit', { max: MAX_LIMIT }) ?? DEFAULT_LIMIT;
      const { snapshot } = await loadedSession(deps, session, request.log);
      const workers = snapshot.workers;
      return stateApi({
        total: workers.length,
        num_after_truncation: Math.min(limit, workers.length),
        num_filtered: workers.length,
        result: workers.slice(0, limit),
        partial_failure_warning: null,
        warnings: null,
      });
    });
  });
}
