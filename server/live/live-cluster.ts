import type { SessionKind } from '../../contract/api.ts';

// A running Ray cluster as the proxy needs it: who owns it, where its dashboard answers, and how
// to authenticate to it. Built from LIVE_CLUSTERS or from a RayCluster object (kube-discovery.ts).

export type RayAuth =
  | { mode: 'none' }
  /** Ray token auth: the token comes from this Secret's `auth_token` key (or LIVE_RAY_TOKEN_FILE). */
  | { mode: 'token'; secretName: string | null };

export interface LiveCluster {
  namespace: string;
  kind: SessionKind;
  /** The name users know: the RayCluster for raycluster, else the RayJob / RayService. */
  name: string;
  /** The RayCluster's own name. */
  clusterName: string;
  /** The head Service and its dashboard port (discovered clusters). */
  headService: { name: string; port: number } | null;
  /** Where the dashboard answers when reached directly (LIVE_PROXY=direct). */
  dashboardUrl: string;
  auth: RayAuth;
  /** RayCluster creation time, unix ms (the start of its current session). */
  startTime: number;
}

/** The key a URL names a running cluster by. */
export const liveKey = (c: { namespace: string; kind: string; name: string }) =>
  `${c.namespace}/${c.kind}/${c.name}`;

/** How errors and notices name a cluster. */
export const describeCluster = (c: LiveCluster) =>
  c.kind === 'raycluster'
    ? `RayCluster ${c.clusterName} in namespace ${c.namespace}`
    : `${c.kind === 'rayjob' ? 'RayJob' : 'RayService'} ${c.name} (RayCluster ${c.clusterName}) in namespace ${c.namespace}`;
