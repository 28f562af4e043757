import { writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

// Test support: a loopback stand-in for the few Kubernetes API calls discovery makes (RayCluster
// lists, one Secret, the service proxy), and a kubeconfig that points @kubernetes/client-node at
// it. `mode` switches it to refusing (403, as with missing RBAC) or to an outage (connections
// dropped). The service proxy forwards to `services[<name>:<port>]` when set.

export type KubeMode = 'ok' | 'forbidden' | 'outage';

export interface KubeApiStandIn {
  url: string;
  /** The bearer token the kubeconfig carries; anything else is 401. */
  token: string;
  rayClusters: object[];
  /** `<namespace>/<name>` → data (values base64, as the API returns them). */
  secrets: Map<string, Record<string, string>>;
  /** `<namespace>/<service>:<port>` → base URL the service proxy forwards to. */
  services: Map<string, string>;
  mode: KubeMode;
  /** Request paths received, in order. */
  requests: string[];
  writeKubeconfig(dir: string): string;
  close(): Promise<void>;
}

const status = (code: number, reason: string, message: string) => ({
  kind: 'Status',
  apiVersion: 'v1',
  status: 'Failure',
  message,
  reason,
  code,
});

export async function startKubeApiStandIn(): Promise<KubeApiStandIn> {
  const state: Omit<KubeApiStandIn, 'url' | 'writeKubeconfig' | 'close'> = {
    token: 'kube-sa-token-for-tests',
    rayClusters: [],
    secrets: new Map(),
    services: new Map(),
    mode: 'ok',
    requests: [],
  };
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://kube');
    state.requests.push(url.pathname);
    const json = (code: number, body: object) => {
      response.writeHead(code, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (state.mode === 'outage') return request.socket.destroy();
    if (request.headers.authorization !== `Bearer ${state.token}`)
      return json(401, status(401, 'Unauthorized', 'Unauthorized'));
    if (state.mode === 'forbidden')
      return json(
        403,
        status(403, 'Forbidden', `rayclusters.ray.io is forbidden: User cannot list resource`),
      );
    const path = url.pathname;
    const list = /^\/apis\/ray\.io\/v1(?:\/namespaces\/([^/]+))?\/rayclusters$/.exec(path);
    if (list) {
      const namespace = list[1];
      const items = state.rayClusters.filter(
        (c) =>
          !namespace || (c as { metadata: { namespace: string } }).metadata.namespace === namespace,
      );
      return json(200, { apiVersion: 'ray.io/v1', kind: 'RayClusterList', metadata: {}, items });
    }
    const secret = /^\/api\/v1\/namespaces\/([^/]+)\/secrets\/([^/]+)$/.exec(path);
    if (secret) {
      const data = state.secrets.get(`${secret[1]}/${secret[2]}`);
      if (!data) return json(404, status(404, 'NotFound', `secrets "${secret[2]}" not found`));
      return json(200, {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: secret[2], namespace: secret[1] },
        data,
      });
    }
    const proxy = /^\/api\/v1\/namespaces\/([^/]+)\/services\/([^/]+)\/proxy(\/.*)$/.exec(path);
    if (proxy) {
      const base = state.services.get(`${proxy[1]}/${decodeURIComponent(proxy[2]!)}`);
      if (!base) return json(503, status(503, 'ServiceUnavailable', 'no endpoints available'));
      const upstream = http.get(`${base}${proxy[3]}${url.search}`, (answer) => {
        response.writeHead(answer.statusCode ?? 502, {
          'content-type': answer.headers['content-type'] ?? 'application/octet-stream',
        });
        answer.pipe(response);
      });
      upstream.on('error', () => json(503, status(503, 'ServiceUnavailable', 'upstream down')));
      return;
    }
    json(404, status(404, 'NotFound', `the server could not find ${path}`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    url,
    writeKubeconfig(dir: string) {
      const file = join(dir, 'kubeconfig.json');
      writeFileSync(
        file,
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'Config',
          // client-node refuses plain http unless told not to verify TLS; this server is loopback.
          clusters: [
            { name: 'stand-in', cluster: { server: url, 'insecure-skip-tls-verify': true } },
          ],
          users: [{ name: 'history-server', user: { token: state.token } }],
          contexts: [
            { name: 'stand-in', context: { cluster: 'stand-in', user: 'history-server' } },
          ],
          'current-context': 'stand-in',
        }),
      );
      return file;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** A RayCluster object as KubeRay writes it. */
export function rayClusterObject(options: {
  namespace: string;
  name: string;
  owner?: { kind: 'RayJob' | 'RayService'; name: string; via: 'ownerReference' | 'labels' };
  token?: boolean;
  created?: string;
  deleting?: boolean;
}): object {
  const { namespace, name, owner } = options;
  return {
    apiVersion: 'ray.io/v1',
    kind: 'RayCluster',
    metadata: {
      name,
      namespace,
      creationTimestamp: options.created ?? '2026-12-02T02:36:20Z',
      ...(options.deleting && { deletionTimestamp: '2026-12-02T03:00:00Z' }),
      labels:
        owner?.via === 'labels'
          ? {
              'ray.io/originated-from-crd': owner.kind,
              'ray.io/originated-from-cr-name': owner.name,
            }
          : {},
      ...(owner?.via === 'ownerReference' && {
        ownerReferences: [
          {
            apiVersion: 'ray.io/v1',
            kind: owner.kind,
            name: owner.name,
            uid: 'u1',
            controller: true,
          },
        ],
      }),
    },
    spec: {
      ...(options.token && { authOptions: { mode: 'token' } }),
      headGroupSpec: {
        template: {
          spec: {
            containers: [
              {
                name: 'ray-head',
                ports: [
                  { name: 'gcs', containerPort: 6379 },
                  { name: 'dashboard', containerPort: 8265 },
                ],
              },
            ],
          },
        },
      },
    },
    status: { state: 'ready', head: { serviceName: `${name}-head-svc` } },
  };
}
