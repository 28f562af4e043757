import { existsSync } from 'node:fs';
import { ApiException, CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import type { SessionKind } from '../../contract/api.ts';
import type { LiveCluster, RayAuth } from './live-cluster.ts';

// Lists RayClusters (ray.io/v1) through the Kubernetes API and reads the Ray tokens KubeRay keeps
// in Secrets. Credentials: the pod's service account, else the file KUBECONFIG names; neither
// means no discovery (kubeConfigFromEnvironment returns null).

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';
const DASHBOARD_PORT = 8265;
/** The key KubeRay stores a cluster's Ray token under. */
export const TOKEN_KEY = 'auth_token';

export function kubeConfigFromEnvironment(env: NodeJS.ProcessEnv): KubeConfig | null {
  const kc = new KubeConfig();
  if (env.KUBERNETES_SERVICE_HOST && existsSync(SERVICE_ACCOUNT_TOKEN)) {
    kc.loadFromCluster();
    return kc;
  }
  const file = env.KUBECONFIG?.split(':').find((f) => f && existsSync(f));
  if (!file) return null;
  kc.loadFromFile(file);
  return kc;
}

/** Why Kubernetes did not answer, in words for the sessions-list notice (never a token). */
export class DiscoveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiscoveryError';
  }
}

function discoveryError(what: string, error: unknown): DiscoveryError {
  if (error instanceof ApiException) {
    const reason =
      error.code === 403
        ? 'forbidden: the service account lacks the RBAC in deploy/base/rbac.yaml'
        : error.code === 401
          ? 'unauthorized: the service account token was refused'
          : `HTTP ${error.code}`;
    return new DiscoveryError(`Kubernetes refused to ${what} (${reason})`);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new DiscoveryError(`Kubernetes API unreachable while trying to ${what} (${detail})`);
}

interface RayClusterObject {
  metadata?: {
    name?: string;
    namespace?: string;
    creationTimestamp?: string | Date;
    deletionTimestamp?: string | Date;
    labels?: Record<string, string>;
    ownerReferences?: { kind?: string; name?: string; controller?: boolean }[];
  };
  spec?: {
    authOptions?: { mode?: string; secretName?: string };
    headGroupSpec?: {
      template?: {
        spec?: { containers?: { ports?: { name?: string; containerPort?: number }[] }[] };
      };
    };
  };
  status?: { head?: { serviceName?: string } };
}

const OWNER_KINDS: Record<string, SessionKind> = { RayJob: 'rayjob', RayService: 'rayservice' };

/** RayJob / RayService owning the cluster: the controller reference, else KubeRay's labels. */
function ownerOf(meta: NonNullable<RayClusterObject['metadata']>): {
  kind: SessionKind;
  name: string;
} | null {
  for (const ref of meta.ownerReferences ?? []) {
    const kind =
      ref.kind && Object.hasOwn(OWNER_KINDS, ref.kind) ? OWNER_KINDS[ref.kind] : undefined;
    if (kind && ref.name) return { kind, name: ref.name };
  }
  const labels = meta.labels ?? {};
  const crd = labels['ray.io/originated-from-crd'];
  const name = labels['ray.io/originated-from-cr-name'];
  const kind = crd && Object.hasOwn(OWNER_KINDS, crd) ? OWNER_KINDS[crd] : undefined;
  return kind && name ? { kind, name } : null;
}

function dashboardPort(spec: RayClusterObject['spec']): number {
  for (const container of spec?.headGroupSpec?.template?.spec?.containers ?? [])
    for (const port of container.ports ?? [])
      if (port.name === 'dashboard' && port.containerPort) return port.containerPort;
  return DASHBOARD_PORT;
}

/**
 * The Secret KubeRay keeps a token-auth cluster's token in when `authOptions.secretName` is not
 * set: the cluster's name as KubeRay shortens names for its pods (at most 50 characters, keeping
 * the end; a leading digit or punctuation becomes `r`).
 */
export function tokenSecretName(clusterName: string): string {
  const tail = clusterName.length > 50 ? clusterName.slice(clusterName.length - 50) : clusterName;
  return /^[0-9\p{P}]/u.test(tail) ? `r${tail.slice(1)}` : tail;
}

/** One RayCluster object as a live cluster; null for objects being deleted or without a name. */
export function liveClusterOf(object: RayClusterObject): LiveCluster | null {
  const meta = object.metadata;
  if (!meta?.name || !meta.namespace || meta.deletionTimestamp) return null;
  const owner = ownerOf(meta);
  const serviceName = object.status?.head?.serviceName || `${meta.name}-head-svc`;
  const port = dashboardPort(object.spec);
  const auth: RayAuth =
    object.spec?.authOptions?.mode === 'token'
      ? {
          mode: 'token',
          secretName: object.spec.authOptions.secretName || tokenSecretName(meta.name),
        }
      : { mode: 'none' };
  const created = meta.creationTimestamp ? new Date(meta.creationTimestamp).getTime() : NaN;
  return {
    namespace: meta.namespace,
    kind: owner?.kind ?? 'raycluster',
    name: owner?.name ?? meta.name,
    clusterName: meta.name,
    headService: { name: serviceName, port },
    dashboardUrl: `http://${serviceName}.${meta.namespace}.svc.cluster.local:${port}`,
    auth,
    startTime: Number.isFinite(created) ? created : 0,
  };
}

export class KubeDiscovery {
  readonly kubeConfig: KubeConfig;
  private readonly custom: CustomObjectsApi;
  private readonly core: CoreV1Api;
  private readonly namespaces: string[];

  /** `namespaces` empty: list cluster-wide (needs a ClusterRole). */
  constructor(kubeConfig: KubeConfig, namespaces: string[]) {
    this.kubeConfig = kubeConfig;
    this.custom = kubeConfig.makeApiClient(CustomObjectsApi);
    this.core = kubeConfig.makeApiClient(CoreV1Api);
    this.namespaces = namespaces;
  }

  async listClusters(): Promise<LiveCluster[]> {
    const base = { group: 'ray.io', version: 'v1', plural: 'rayclusters' };
    const lists: { items?: RayClusterObject[] }[] = [];
    try {
      if (this.namespaces.length === 0) lists.push(await this.custom.listClusterCustomObject(base));
      else
        for (const namespace of this.namespaces)
          lists.push(await this.custom.listNamespacedCustomObject({ ...base, namespace }));
    } catch (error) {
      throw discoveryError('list RayClusters', error);
    }
    return lists
      .flatMap((list) => list.items ?? [])
      .map(liveClusterOf)
      .filter((c): c is LiveCluster => c !== null);
  }

  /** The Ray token KubeRay created for a token-auth cluster. */
  async readToken(namespace: string, secretName: string): Promise<string> {
    let secret;
    try {
      secret = await this.core.readNamespacedSecret({ name: secretName, namespace });
    } catch (error) {
      throw discoveryError(`read Secret ${secretName} in namespace ${namespace}`, error);
    }
    const encoded = secret.data?.[TOKEN_KEY];
    if (!encoded)
      throw new DiscoveryError(
        `Secret ${secretName} in namespace ${namespace} has no ${TOKEN_KEY}`,
      );
    return Buffer.from(encoded, 'base64').toString('utf8').trim();
  }
}
