import type { FastifyInstance } from 'fastify';
import type { AuthService } from '../auth/auth-service.ts';
import type { ServerConfig } from '../config.ts';
import type { LoadedSession } from '../history/ingest/load-session.ts';
import type { PersistedSnapshots } from '../history/persisted/persisted-snapshots.ts';
import type { RegexWorkers } from '../history/logs/regex-workers.ts';
import type { SessionIndex } from '../history/session-index.ts';
import type { ResponseBudget } from './response-budget.ts';
import type { Slots } from './slots.ts';
import type { TurnBudget } from './turn-budget.ts';
import type { SessionOutcomes } from '../history/session-outcomes.ts';
import type { SnapshotCache } from '../history/snapshot-cache.ts';
import type { LiveClusters } from '../live/live-clusters.ts';
import type { Storage } from '../storage/storage.ts';

// What every route module receives. Add a shared service here (and in createAppDeps) in one line.

export interface AppDeps {
  config: ServerConfig;
  storage: Storage;
  sessions: SessionIndex;
  /** Reduced sessions in memory (see docs/api.md, "Loading and caching"). */
  snapshots: SnapshotCache<LoadedSession>;
  /** Reduced sessions on disk and shared by replicas (docs/snapshots.md). */
  persisted: PersistedSnapshots;
  /** How each session ended, for the sessions list (server/history/session-outcomes.ts). */
  outcomes: SessionOutcomes;
  /** Credentials and access rules (docs/auth.md). */
  auth: AuthService;
  /** Running clusters and their dashboards (docs/live.md). */
  live: LiveClusters;
  /** Bytes of large answers in flight, all requests together (RESPONSE_BUDGET_MB). */
  responses: ResponseBudget;
  /** The worker threads regex log searches run on, and their caps. */
  regexWorkers: RegexWorkers;
  /** The caps on plain and case log searches, which run on the answering thread. */
  literalSearches: Slots;
  /** The caps on log downloads (whole files) at once (LOG_DOWNLOADS_MAX). */
  downloads: Slots;
  /** The request thread's time per event-loop turn for heavy answers' work (HEAVY_WORK_MS_PER_TURN). */
  turns: TurnBudget;
}

/** One file of routes: `export async function xRoutes(app, deps)`, registered in server/app.ts. */
export type RouteModule = (app: FastifyInstance, deps: AppDeps) => Promise<void>;
