import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../http/app-deps.ts';
import { single, type RawQuery } from '../../http/query-params.ts';
import { grafanaHealth, prometheusHealth } from '../../metrics/metrics-health.ts';
import { nativeSeries } from '../../metrics/native-series.ts';
import { defineSessionRoutes } from '../session-router.ts';
import { loadedSession } from './loaded-session.ts';

// Metrics for a session (docs/metrics.md): where Grafana and Prometheus are, in the Ray
// Dashboard's shape, so the stock Ray frontend finds them too; and /metrics/native[?job_id=],
// the session's activity over time computed from its events.

export async function metricsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  defineSessionRoutes(app, deps, (get) => {
    get('/api/grafana_health', ({ session, request }) =>
      grafanaHealth(deps.config.metrics, request, session.sessionName),
    );

    get('/api/prometheus_health', async ({ reply }) => {
      reply.header('cache-control', 'no-store');
      return prometheusHealth(deps.config.metrics);
    });

    get('/metrics/native', async ({ session, request }) => {
      const jobId = single(request.query as RawQuery, 'job_id');
      const { snapshot } = await loadedSession(deps, session, request.log);
      return nativeSeries(snapshot, { jobId });
    });
  });
}
