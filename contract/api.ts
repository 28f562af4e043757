// Types of this project's own API (not the Ray Dashboard shapes, which live in ray.ts).
// Shared by the SPA and the server: keep them free of runtime code.

export const SESSION_KINDS = ['raycluster', 'rayjob', 'rayservice'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** Names one session the way every URL does: /c/:namespace/:kind/:name/:session. */
export interface SessionScope {
  namespace: string;
  kind: SessionKind;
  /** The RayCluster name for raycluster; the owner (RayJob / RayService) name otherwise. */
  name: string;
  /** A session name (session_...), `latest`, or `live` (the running cluster, docs/live.md). */
  session: string;
}

/** One session from the storage index. */
export interface SessionInfo {
  namespace: string;
  kind: SessionKind;
  name: string;
  clusterName: string;
  /** RayJob / RayService name; absent for raycluster. */
  ownerName?: string;
  sessionName: string;
  /** Session start, unix milliseconds (from the session name, which is UTC). */
  startTime: number;
  /**
   * Set when the URL asked for `live`: `running` is answered by the cluster's own Ray Dashboard,
   * `ended` means it has stopped and this is its newest recorded session (docs/live.md).
   */
  live?: 'running' | 'ended';
}

/** How a session ended, for the sessions list (from the session's summary). */
export interface SessionOutcome {
  jobs: { total: number; byStatus: Record<string, number> };
  /** First to last event, ms; null when the session recorded no events. */
  durationMs: number | null;
  nodes: { total: number; dead: number };
}

/**
 * A session's outcome as the list knows it: `pending` until the server has computed it in the
 * background, `failed` when the session could not be read, `running` for a live cluster.
 */
export type SessionOutcomeState =
  | { state: 'known'; outcome: SessionOutcome }
  | { state: 'pending' }
  | { state: 'failed' }
  | { state: 'running' };

export interface ListedSession extends SessionInfo {
  outcome: SessionOutcomeState;
}

/** One page of the sessions list; the index answers SessionInfo, the API adds outcomes. */
export interface SessionsPage<S extends SessionInfo = ListedSession> {
  sessions: S[];
  /** Sessions matching the filters, across all pages. */
  total: number;
  page: number;
  pageSize: number;
  /** Every namespace present in the index, for the filter menu. */
  namespaces: string[];
  /** Why running clusters are missing from the list (Kubernetes unreachable or refusing). */
  liveNotice?: string;
}

/** Body of every error the API returns. */
export interface ApiErrorBody {
  error: string;
  message: string;
  statusCode: number;
}

export type AuthMode = 'none' | 'token' | 'oidc';

/** GET /config.json: the public part of the server's configuration. */
export interface PublicConfig {
  basePath: string;
  auth: {
    mode: AuthMode;
    oidc?: {
      issuer: string;
      clientId: string;
      scope: string;
      redirectUri: string;
      /** Set when the server adds the client secret to the token exchange. */
      tokenProxy?: string;
    };
  };
  /** Embedding: exact origins of parent pages that may hand over a token (docs/auth.md). */
  embedding?: { parentOrigins: string[] };
  metrics: {
    grafanaUrl: string | null;
    grafanaOrgId: number;
    grafanaDashboards: Record<string, string>;
    grafanaDatasource: string | null;
    prometheusConfigured: boolean;
  };
}
