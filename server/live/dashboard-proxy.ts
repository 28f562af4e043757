import http from 'node:http';
import https from 'node:https';
import { HttpError } from '../http/errors.ts';
import { describeCluster, type LiveCluster } from './live-cluster.ts';
import type { LiveClusters } from './live-clusters.ts';

// One read of a running cluster's Ray Dashboard. Only GET and HEAD are ever sent, with no header
// of the caller's (its cookies and our own login token stay here); the Ray token, when the cluster
// uses token auth, is added as `Authorization: Bearer`. Bounded in time and size; any failure is
// a 502 that names the cluster.

export interface DashboardAnswer {
  status: number;
  /** Only JSON or plain text pass through; anything else is sent as bytes. */
  contentType: string;
  body: Buffer;
}

const PASSED_TYPES = /^(application\/json|text\/plain)\b/i;

function unreachable(cluster: LiveCluster, reason: string): HttpError {
  return new HttpError(502, `The Ray Dashboard of ${describeCluster(cluster)} ${reason}`);
}

/** Where `path` (with its query) is read: the head Service directly, or the API server's proxy. */
async function target(
  live: LiveClusters,
  cluster: LiveCluster,
  path: string,
): Promise<{ url: URL; options: https.RequestOptions }> {
  const kubeConfig = live.kubeConfig;
  if (live.config.proxy === 'kubernetes' && cluster.headService && kubeConfig) {
    if (cluster.auth.mode === 'token')
      // The API server consumes the Authorization header itself, so Ray's token cannot ride along.
      throw unreachable(
        cluster,
        'uses token auth, which the API server proxy cannot carry: set LIVE_PROXY=direct',
      );
    const server = kubeConfig.getCurrentCluster()?.server;
    if (!server) throw unreachable(cluster, 'has no API server in the kubeconfig');
    const { name, port } = cluster.headService;
    const base = `${server.replace(/\/+$/, '')}/api/v1/namespaces/${encodeURIComponent(cluster.namespace)}/services/${encodeURIComponent(name)}:${port}/proxy`;
    const options: https.RequestOptions = {};
    await kubeConfig.applyToHTTPSOptions(options);
    return { url: new URL(`${base}${path}`), options };
  }
  return { url: new URL(`${cluster.dashboardUrl}${path}`), options: {} };
}

export async function readDashboard(
  live: LiveClusters,
  cluster: LiveCluster,
  method: 'GET' | 'HEAD',
  path: string,
  timeoutMs = live.config.timeoutMs,
): Promise<DashboardAnswer> {
  const { maxResponseBytes } = live.config;
  let token: string | null;
  try {
    token = await live.token(cluster);
  } catch (error) {
    throw unreachable(
      cluster,
      `cannot be authenticated to: ${error instanceof Error ? error.message : error}`,
    );
  }
  const { url, options } = await target(live, cluster, path);
  const headers: Record<string, string> = {
    ...(options.headers as Record<string, string> | undefined),
    accept: 'application/json, text/plain;q=0.9',
  };
  if (token) headers.authorization = `Bearer ${token}`;
  const client = url.protocol === 'https:' ? https : http;

  return new Promise<DashboardAnswer>((resolve, reject) => {
    // Set before the exchange is torn down, so whichever side reports first says why.
    let tooLarge: HttpError | null = null;
    const failed = (error: Error & { code?: string }) => {
      if (tooLarge) return reject(tooLarge);
      if (error instanceof HttpError) return reject(error);
      const timedOut = error.name === 'AbortError' || error.name === 'TimeoutError';
      reject(
        unreachable(
          cluster,
          timedOut
            ? `did not answer within ${timeoutMs} ms (LIVE_TIMEOUT_MS)`
            : `cannot be reached (${error.code ?? error.message})`,
        ),
      );
    };
    const request = client.request(
      url,
      { ...options, method, headers, signal: AbortSignal.timeout(timeoutMs) },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxResponseBytes) {
            const mb = Math.round(maxResponseBytes / 1024 / 1024);
            tooLarge = unreachable(cluster, `answered more than ${mb} MB (LIVE_MAX_RESPONSE_MB)`);
            request.destroy(tooLarge);
            return;
          }
          chunks.push(chunk);
        });
        // A connection broken mid-answer: fail now rather than at the timeout.
        response.on('error', failed);
        response.on('end', () => {
          if (tooLarge) return reject(tooLarge);
          const type = response.headers['content-type'] ?? '';
          resolve({
            status: response.statusCode ?? 502,
            contentType: PASSED_TYPES.test(type) ? type : 'application/octet-stream',
            body: Buffer.concat(chunks),
          });
        });
      },
    );
    request.on('error', failed);
    request.end();
  });
}
