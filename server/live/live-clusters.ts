import type { KubeConfig } from '@kubernetes/client-node';
import { readDashboard } from './dashboard-proxy.ts';
import type { LiveConfig } from './live-config.ts';
import { DiscoveryError, KubeDiscovery, kubeConfigFromEnvironment } from './kube-discovery.ts';
import { liveKey, type LiveCluster } from './live-cluster.ts';

// The running clusters: LIVE_CLUSTERS plus what Kubernetes lists, kept when their dashboard
// answers a probe, cached for LIVE_CACHE_SECONDS. The probe is what makes a stopped head fall back
// to history (a static entry stays configured after its cluster ends; a RayCluster object outlives
// its head for a while). A Kubernetes failure never fails a caller: the list holds the static
// clusters only and carries a notice saying why (shown above the sessions list). Tokens are cached
// the same way and never leave this object except into the proxy's request headers.

export interface LiveList {
  clusters: LiveCluster[];
  /** Set when discovery failed: running clusters may be missing. */
  notice: string | null;
}

/** Cheap and answered by every Ray 2.x dashboard. */
const PROBE_PATH = '/timezone';
/** Short, so an unreachable head delays the sessions list by little. */
const PROBE_TIMEOUT_MS = 3000;

interface Cached<T> {
  value: T;
  loadedAt: number;
}

export interface LiveClustersOptions {
  /** null: no discovery (LIVE=off, or neither a service account nor KUBECONFIG). */
  discovery: KubeDiscovery | null;
  now?: () => number;
}

export class LiveClusters {
  readonly config: LiveConfig;
  private readonly discovery: KubeDiscovery | null;
  private readonly now: () => number;
  private readonly staticClusters: LiveCluster[];
  private cached: Cached<LiveList> | undefined;
  private loading: Promise<LiveList> | undefined;
  private readonly tokens = new Map<string, Cached<string>>();

  constructor(config: LiveConfig, options: LiveClustersOptions) {
    this.config = config;
    this.discovery = config.enabled ? options.discovery : null;
    this.now = options.now ?? Date.now;
    const startedAt = this.now();
    this.staticClusters = config.enabled
      ? config.clusters.map((c) => ({
          ...c,
          clusterName: c.name,
          headService: null,
          auth: config.staticToken ? { mode: 'token', secretName: null } : { mode: 'none' },
          startTime: startedAt,
        }))
      : [];
  }

  /** From the environment: discovery when Kubernetes credentials are found and LIVE is not off. */
  static fromEnvironment(config: LiveConfig, env: NodeJS.ProcessEnv): LiveClusters {
    const kubeConfig = config.enabled ? kubeConfigFromEnvironment(env) : null;
    return new LiveClusters(config, {
      discovery: kubeConfig ? new KubeDiscovery(kubeConfig, config.namespaces) : null,
    });
  }

  get enabled(): boolean {
    return this.discovery !== null || this.staticClusters.length > 0;
  }

  /** For LIVE_PROXY=kubernetes: the API server's address and credentials. */
  get kubeConfig(): KubeConfig | null {
    return this.discovery?.kubeConfig ?? null;
  }

  async list(): Promise<LiveList> {
    if (!this.enabled) return { clusters: [], notice: null };
    if (this.cached && this.now() - this.cached.loadedAt < this.config.cacheMs)
      return this.cached.value;
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  /** The running cluster a URL names, or null. */
  async find(scope: {
    namespace: string;
    kind: string;
    name: string;
  }): Promise<LiveCluster | null> {
    const key = liveKey(scope);
    return (await this.list()).clusters.find((c) => liveKey(c) === key) ?? null;
  }

  /** The Ray token to send to this cluster's dashboard; null when it does not use token auth. */
  async token(cluster: LiveCluster): Promise<string | null> {
    if (cluster.auth.mode !== 'token') return null;
    if (cluster.auth.secretName === null) return this.config.staticToken;
    if (!this.discovery) return null;
    const key = `${cluster.namespace}/${cluster.auth.secretName}`;
    const hit = this.tokens.get(key);
    if (hit && this.now() - hit.loadedAt < this.config.cacheMs) return hit.value;
    const value = await this.withTimeout(
      this.discovery.readToken(cluster.namespace, cluster.auth.secretName),
    );
    this.tokens.set(key, { value, loadedAt: this.now() });
    return value;
  }

  private async load(): Promise<LiveList> {
    const { clusters, notice } = await this.configured();
    const answering = await Promise.all(clusters.map((c) => this.answers(c)));
    const value = { clusters: clusters.filter((_, i) => answering[i]), notice };
    // Failures are cached too, so a dead API server costs one timeout per period, not per request.
    this.cached = { value, loadedAt: this.now() };
    return value;
  }

  /** Whether the head's dashboard answers (any status below 500: up, even when it refuses us). */
  private async answers(cluster: LiveCluster): Promise<boolean> {
    try {
      const probe = await readDashboard(
        this,
        cluster,
        'GET',
        PROBE_PATH,
        Math.min(PROBE_TIMEOUT_MS, this.config.timeoutMs),
      );
      return probe.status < 500;
    } catch {
      return false;
    }
  }

  private async configured(): Promise<LiveList> {
    if (!this.discovery) return { clusters: this.staticClusters, notice: null };
    let value: LiveList;
    try {
      const found = await this.withTimeout(this.discovery.listClusters());
      // A static entry wins over a discovered cluster of the same name (it was set on purpose).
      const keys = new Set(this.staticClusters.map(liveKey));
      value = {
        clusters: [...this.staticClusters, ...found.filter((c) => !keys.has(liveKey(c)))],
        notice: null,
      };
    } catch (error) {
      const reason = error instanceof DiscoveryError ? error.message : 'Kubernetes API failed';
      value = {
        clusters: this.staticClusters,
        notice: `Running clusters are not shown: ${reason}. Showing recorded history only.`,
      };
    }
    return value;
  }

  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    const ms = this.config.timeoutMs;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new DiscoveryError(`Kubernetes API did not answer within ${ms} ms`)),
        ms,
      );
      promise.then(resolve, reject).finally(() => clearTimeout(timer));
    });
  }
}
