import zlib from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerOptions,
} from 'fastify';
import { authRoutes } from './auth/auth-routes.ts';
import { AuthService } from './auth/auth-service.ts';
import { installAuthGuard } from './auth/guard.ts';
import type { ServerConfig } from './config.ts';
import { RegexWorkers } from './history/logs/regex-workers.ts';
import { SessionIndex } from './history/session-index.ts';
import type { LoadedSession } from './history/ingest/load-session.ts';
import { PersistedSnapshots } from './history/persisted/persisted-snapshots.ts';
import { SnapshotCache } from './history/snapshot-cache.ts';
import type { AppDeps, RouteModule } from './http/app-deps.ts';
import { clientErrorHandler } from './http/client-errors.ts';
import { installErrorHandler, statusAndMessage } from './http/error-handler.ts';
import { errorBody } from './http/errors.ts';
import { loggerOptions } from './http/logging.ts';
import { LiveClusters } from './live/live-clusters.ts';
import { ResponseBudget } from './http/response-budget.ts';
import { Slots } from './http/slots.ts';
import { TurnBudget } from './http/turn-budget.ts';
import { addSecurityHeaders, securityHeaders } from './http/security-headers.ts';
import { COMPRESS_SYNC_MAX_BYTES, guardCompression } from './http/compression-guard.ts';
import { configRoutes } from './routes/config.ts';
import { healthRoutes } from './routes/health.ts';
import { fetchedEndpointRoutes } from './routes/session/fetched-endpoints.ts';
import { sessionInfoRoutes } from './routes/session/info.ts';
import { sessionOutcomes } from './routes/session/loaded-session.ts';
import { logSearchRoutes } from './routes/session/log-search.ts';
import { logRoutes } from './routes/session/logs.ts';
import { metricsRoutes } from './routes/session/metrics.ts';
import { rayDashboardRoutes } from './routes/session/ray-dashboard.ts';
import { enterClusterRoutes } from './routes/session-router.ts';
import { sessionsRoutes } from './routes/sessions.ts';
import { MAX_PARAM_LENGTH, spaRoutes } from './routes/spa.ts';
import { createStorage } from './storage/create-storage.ts';
import type { Storage } from './storage/storage.ts';

// Builds the HTTP app; tests call it in-process (app.inject), server/index.ts listens.

export interface BuildAppOptions {
  config: ServerConfig;
  /** Defaults to the backend named by config.storage. */
  storage?: Storage;
  /** Running clusters; defaults to LIVE_CLUSTERS plus Kubernetes discovery from the environment. */
  live?: LiveClusters;
  /** Fastify's logger option; defaults to JSON logs at config.server.logLevel. */
  logger?: FastifyServerOptions['logger'];
  /** Defaults to a pool sized by config.server.regexSearches (tests pass one to await its warm-up). */
  regexWorkers?: RegexWorkers;
  /** Defaults to config.server.heavyWorkMsPerTurn (tests pass one to watch the pieces run). */
  turns?: TurnBudget;
}

/** Route files in registration order; the SPA (static files and the history fallback) comes last. */
const routeModules: RouteModule[] = [
  healthRoutes,
  configRoutes,
  authRoutes,
  sessionsRoutes,
  enterClusterRoutes,
  sessionInfoRoutes,
  fetchedEndpointRoutes,
  rayDashboardRoutes,
  logRoutes,
  logSearchRoutes,
  metricsRoutes,
  spaRoutes,
];

const MIB = 1024 * 1024;

export function createAppDeps(
  config: ServerConfig,
  storage: Storage,
  live = LiveClusters.fromEnvironment(config.live, process.env),
  regexWorkers = new RegexWorkers(config.server.regexSearches),
  turns = new TurnBudget(config.server.heavyWorkMsPerTurn),
): AppDeps {
  // One memory total for reduced sessions and large answers in flight (response-budget.ts).
  const memoryBytes = config.server.memoryBudgetMb * MIB;
  const snapshots: SnapshotCache<LoadedSession> = new SnapshotCache<LoadedSession>({
    maxBytes: config.server.snapshotCacheMb * MIB,
    room: (): number => memoryBytes - responses.inFlight,
  });
  const responses = new ResponseBudget(config.server.responseBudgetMb * MIB, {
    memory: {
      totalBytes: memoryBytes,
      heldBytes: () => snapshots.bytes,
      shrinkTo: (bytes) => snapshots.shrinkTo(bytes),
    },
  });
  const sessions = new SessionIndex(storage, {
    ttlMs: config.server.sessionIndexTtlSeconds * 1000,
  });
  const persisted = PersistedSnapshots.fromConfig(config.snapshots, config.storage, storage, () =>
    sessions.all(),
  );
  return {
    config,
    storage,
    sessions,
    snapshots,
    persisted,
    outcomes: sessionOutcomes({ snapshots, persisted }),
    auth: new AuthService(config.auth),
    live,
    responses,
    regexWorkers,
    literalSearches: new Slots(config.server.literalSearches, 'log searches'),
    downloads: new Slots(config.server.downloads, 'log downloads'),
    turns,
  };
}

const hopsTrusted = (hops: number) => (_address: string, hop: number) => hop < hops;

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const deps = createAppDeps(
    config,
    options.storage ?? createStorage(config.storage),
    options.live,
    options.regexWorkers,
    options.turns,
  );
  const app = Fastify({
    logger: options.logger ?? loggerOptions(config.server.logLevel),
    // A hop count as a function: Fastify counts hops this way, but its types take no number.
    trustProxy:
      typeof config.server.trustProxy === 'number'
        ? hopsTrusted(config.server.trustProxy)
        : config.server.trustProxy,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
    // Only GET/HEAD routes exist; a body is never expected.
    bodyLimit: 64 * 1024,
    clientErrorHandler: clientErrorHandler(config),
    // Malformed URLs fail before routing (and its hooks): answer them the same way as any 400.
    frameworkErrors: (error, request, reply) => {
      const { statusCode, message } = statusAndMessage(error);
      void (reply as FastifyReply)
        .code(statusCode)
        .headers(securityHeaders(config, request))
        .send(errorBody(statusCode, message));
    },
  });
  app.addHook('onReady', () => void deps.regexWorkers.warmUp());
  app.addHook('onClose', () => deps.regexWorkers.close());
  addSecurityHeaders(app, config);
  installErrorHandler(app);
  await app.register(fastifyCookie);
  // Answers up to a tasks page (about 120 KB for 100 rows) are compressed in one synchronous
  // call: the plugin's default on 2 cores (8 KB) sends them through a stream pipeline per
  // request, which cost more than the page itself. Larger answers (log slices) stay on streams.
  // Brotli at quality 0, not the plugin's 4: CPU per answer is what limits a 2-core server.
  // On a 146 KB tasks page of the million-attempt sample quality 0 takes 74 µs for 13.9 KB,
  // quality 1 134 µs for 11.0 KB, quality 4 about 3x quality 1 (docs/bench.md).
  guardCompression(app);
  await app.register(fastifyCompress, {
    global: true,
    syncThreshold: COMPRESS_SYNC_MAX_BYTES,
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 0 } },
  });
  // Before the routes: every route needs credentials unless marked public (server/auth/route-access.ts).
  installAuthGuard(app, deps.auth);

  await app.register(
    async (scope) => {
      for (const routes of routeModules) await routes(scope, deps);
    },
    { prefix: config.server.basePath },
  );
  return app;
}
