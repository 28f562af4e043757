import type { SessionInfo, SessionsPage } from '../../contract/api.ts';
import { matcher, type SessionFilters } from '../history/session-index.ts';
import type { ClusterRow } from '../routes/sessions.ts';
import type { LiveClusters } from './live-clusters.ts';
import { liveSessionInfo } from './live-sessions.ts';

// Running clusters in the session lists: each is its owner's newest session, so they head the
// first page (newest first) under the same filters and namespace rules as recorded sessions.

async function visibleLive(
  live: LiveClusters,
  filters: SessionFilters,
): Promise<{ sessions: SessionInfo[]; notice: string | null }> {
  const { clusters, notice } = await live.list();
  const allowed = filters.namespaceAllowed ?? (() => true);
  const sessions = clusters
    .map(liveSessionInfo)
    .filter((s) => allowed(s.namespace))
    .filter(matcher(filters))
    .sort((a, b) => b.startTime - a.startTime);
  return { sessions, notice };
}

export async function withLiveSessions(
  page: SessionsPage,
  live: LiveClusters,
  filters: SessionFilters,
): Promise<SessionsPage> {
  if (!live.enabled) return page;
  const { sessions, notice } = await visibleLive(live, filters);
  const namespaces = [...new Set([...page.namespaces, ...sessions.map((s) => s.namespace)])].sort();
  return {
    ...page,
    sessions:
      page.page === 1
        ? [
            ...sessions.map((s) => ({ ...s, outcome: { state: 'running' as const } })),
            ...page.sessions,
          ]
        : page.sessions,
    total: page.total + sessions.length,
    namespaces,
    ...(notice !== null && { liveNotice: notice }),
  };
}

/** Upstream's /clusters rows for running clusters: session name `live`, as KubeRay's server says. */
export async function liveClusterRows(
  live: LiveClusters,
  allowed: (namespace: string) => boolean,
  row: (s: SessionInfo) => ClusterRow,
): Promise<ClusterRow[]> {
  if (!live.enabled) return [];
  return (await visibleLive(live, { namespaceAllowed: allowed })).sessions.map(row);
}
