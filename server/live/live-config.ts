import type { SessionKind } from '../../contract/api.ts';
import { isDnsLabel, isDnsName, isSessionKind } from '../../contract/session-names.ts';
import { ConfigError, type EnvReader } from '../config/env.ts';

// Settings of running clusters (docs/live.md): whether to look for them, the static list for
// deployments without Kubernetes access, and the bounds of the proxy to their dashboards.

export type LiveProxyMode = 'direct' | 'kubernetes';

/** One entry of LIVE_CLUSTERS: `<namespace>/<kind>/<name>=<dashboard URL>`. */
export interface StaticLiveCluster {
  namespace: string;
  kind: SessionKind;
  name: string;
  dashboardUrl: string;
}

export interface LiveConfig {
  /** LIVE=off: history only, as before running clusters were shown. */
  enabled: boolean;
  clusters: StaticLiveCluster[];
  /** The Ray token sent to the LIVE_CLUSTERS dashboards (LIVE_RAY_TOKEN_FILE); null: none. */
  staticToken: string | null;
  /** LIVE_PROXY: straight to the head Service, or through the API server's service proxy. */
  proxy: LiveProxyMode;
  /** LIVE_NAMESPACES: list RayClusters only there (namespaced RBAC); empty: cluster-wide. */
  namespaces: string[];
  timeoutMs: number;
  maxResponseBytes: number;
  /** How long a discovered cluster list (and its tokens) is reused. */
  cacheMs: number;
}

const ENTRY_SHAPE = 'must be <namespace>/<kind>/<name>=<http(s) dashboard URL>[,...]';

function urlOrNull(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

export function parseLiveClusters(text: string): StaticLiveCluster[] {
  const clusters: StaticLiveCluster[] = [];
  for (const entry of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const at = entry.indexOf('=');
    const [namespace = '', kind = '', name = '', ...rest] = entry.slice(0, at).split('/');
    const url = at > 0 ? urlOrNull(entry.slice(at + 1).trim()) : null;
    if (
      rest.length > 0 ||
      !isDnsLabel(namespace) ||
      !isSessionKind(kind) ||
      !isDnsName(name) ||
      !url ||
      (url.protocol !== 'http:' && url.protocol !== 'https:') ||
      url.username ||
      url.password
    )
      throw new ConfigError('LIVE_CLUSTERS', `${ENTRY_SHAPE} (got ${entry})`);
    const duplicate = clusters.some(
      (c) => c.namespace === namespace && c.kind === kind && c.name === name,
    );
    if (duplicate)
      throw new ConfigError('LIVE_CLUSTERS', `names ${namespace}/${kind}/${name} twice`);
    clusters.push({
      namespace,
      kind: kind as SessionKind,
      name,
      dashboardUrl: url.href.replace(/\/+$/, ''),
    });
  }
  return clusters;
}

export function liveConfig(read: EnvReader): LiveConfig {
  const proxy = (read.string('LIVE_PROXY') ?? 'direct').toLowerCase();
  if (proxy !== 'direct' && proxy !== 'kubernetes')
    throw new ConfigError('LIVE_PROXY', 'must be direct or kubernetes');
  return {
    enabled: read.boolean(['LIVE'], true),
    clusters: parseLiveClusters(read.string('LIVE_CLUSTERS') ?? ''),
    staticToken: read.secretFile('LIVE_RAY_TOKEN_FILE'),
    proxy,
    namespaces: read.list('LIVE_NAMESPACES'),
    timeoutMs: read.integer(['LIVE_TIMEOUT_MS'], 10_000, 100, 120_000),
    maxResponseBytes: read.integer(['LIVE_MAX_RESPONSE_MB'], 64, 1, 1024) * 1024 * 1024,
    cacheMs: read.integer(['LIVE_CACHE_SECONDS'], 10, 0, 3600) * 1000,
  };
}
