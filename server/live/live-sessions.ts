import type { SessionInfo, SessionScope } from '../../contract/api.ts';
import { sessionKindOr400 } from '../http/query-params.ts';
import type { SessionIndex } from '../history/session-index.ts';
import { notFound } from '../http/errors.ts';
import type { LiveCluster } from './live-cluster.ts';
import type { LiveClusters } from './live-clusters.ts';

// `live` in place of a session name: the running cluster while it runs, then its newest recorded
// session (marked `ended`, so the SPA says so). Every other session name goes to the history index.

export const LIVE_SESSION = 'live';

export interface ResolvedSession {
  session: SessionInfo;
  /** Set while the cluster runs: requests go to its dashboard. */
  cluster: LiveCluster | null;
}

export function liveSessionInfo(cluster: LiveCluster): SessionInfo {
  return {
    namespace: cluster.namespace,
    kind: cluster.kind,
    name: cluster.name,
    clusterName: cluster.clusterName,
    ...(cluster.kind !== 'raycluster' && { ownerName: cluster.name }),
    sessionName: LIVE_SESSION,
    startTime: cluster.startTime,
    live: 'running',
  };
}

export async function resolveSession(
  sessions: SessionIndex,
  live: LiveClusters,
  scope: SessionScope,
): Promise<ResolvedSession> {
  if (scope.session !== LIVE_SESSION)
    return { session: await sessions.resolve(scope), cluster: null };
  sessionKindOr400(scope.kind, 'kind');
  const cluster = await live.find(scope);
  if (cluster) return { session: liveSessionInfo(cluster), cluster };
  const newest = (await sessions.all()).find(
    (s) => s.namespace === scope.namespace && s.kind === scope.kind && s.name === scope.name,
  );
  if (!newest)
    throw notFound(
      `${scope.kind} ${scope.name} in namespace ${scope.namespace} is not running and has no recorded history`,
    );
  return { session: { ...newest, live: 'ended' }, cluster: null };
}
