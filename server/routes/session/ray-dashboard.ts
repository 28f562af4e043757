import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../http/app-deps.ts';
import { actorRoutes } from './actors.ts';
import { clusterStatusRoutes } from './cluster-status.ts';
import { eventRoutes } from './events.ts';
import { jobRoutes } from './jobs.ts';
import { nodeRoutes } from './nodes.ts';
import { summaryRoutes } from './summary.ts';
import { taskRoutes } from './tasks.ts';
import { workerRoutes } from './workers.ts';

// The session-scoped Ray Dashboard API answered from reduced events (docs/api.md).

export async function rayDashboardRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  for (const routes of [
    jobRoutes,
    nodeRoutes,
    actorRoutes,
    taskRoutes,
    workerRoutes,
    eventRoutes,
    clusterStatusRoutes,
    summaryRoutes,
  ])
    await routes(app, deps);
}
