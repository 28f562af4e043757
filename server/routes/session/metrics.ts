import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../http/app-deps.ts';
import { rejectUnknown, single, type RawQuery } from '../../http/query-params.ts';
import { HttpError, notFound } from '../../http/errors.ts';
import { grafanaHealth, prometheusHealth } from '../../metrics/metrics-health.ts';
import { nativeSeries } from '../../metrics/native-series.ts';
import { catalogueEntry, catalogueInfo } from '../../metrics/prometheus-catalogue.ts';
import { prometheusSeries, rangeWindow } from '../../metrics/prometheus-series.ts';
import { defineSessionRoutes } from '../session-router.ts';
import { loadedSession } from './loaded-session.ts';

// Metrics for a session (docs/metrics.md): where Grafana and Prometheus are, in the Ray
// Dashboard's shape, so the stock Ray frontend finds them too; /metrics/native[?job_id=], the
// session's activity over time computed from its events; and /metrics/prometheus[/<id>], the
// fixed catalogue of Ray metrics queried from Prometheus over the session's window.

export const PROMETHEUS_NOT_CONFIGURED =
  'Prometheus is not configured: set PROMETHEUS_URL on the history server (and PROMETHEUS_HEADERS if it needs a token).';

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

    get('/metrics/prometheus', () => ({
      configured: deps.config.metrics.prometheusUrl !== null,
      metrics: catalogueInfo(),
    }));

    get('/metrics/prometheus/:metricId', async ({ session, params, request, reply }) => {
      const entry = catalogueEntry(params.metricId!);
      if (!entry)
        throw notFound(
          `Unknown Prometheus metric "${params.metricId}"; the catalogue has ${catalogueInfo()
            .map((m) => m.id)
            .join(', ')}`,
        );
      // Only the step: a query (PromQL) from the browser is refused, never forwarded.
      rejectUnknown(request.query as RawQuery, ['step']);
      const step = single(request.query as RawQuery, 'step');
      const { prometheusUrl, prometheusHeaders, prometheusTimeoutMs } = deps.config.metrics;
      if (!prometheusUrl) throw new HttpError(503, PROMETHEUS_NOT_CONFIGURED);
      const { snapshot } = await loadedSession(deps, session, request.log);
      const startMs = snapshot.firstEventMs ?? session.startTime;
      const window = rangeWindow({ startMs, endMs: snapshot.lastEventMs ?? startMs }, step);
      // Prometheus' retention and late scrapes change the answer: never cached.
      reply.header('cache-control', 'no-store');
      return prometheusSeries(
        { url: prometheusUrl, headers: prometheusHeaders, timeoutMs: prometheusTimeoutMs },
        entry,
        session.sessionName,
        window,
      );
    });
  });
}
