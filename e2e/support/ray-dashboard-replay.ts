import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

// A stand-in for a running Ray 2.58 head's dashboard, built from the real answers in the
// recording (`truth/`, indexed by `truth/INDEX.md`). No live Ray dashboard can run here, so the
// live-cluster tests read these recorded answers instead: each URL gets the body and HTTP status
// the real dashboard gave, from the phase chosen (`before-node-kill` or `after-node-kill`).
//
// Matching: the path must be equal; query parameters that select *what* is answered (node_id,
// filename, task_id, ...) must be equal too, while the ones that only shape it (limit, detail,
// lines, our paging) are ignored, as one recorded answer stands for all of them.
// With `token` set it behaves like a token-auth cluster: no `Authorization: Bearer <token>`, 401.

export type ReplayPhase = 'before-node-kill' | 'after-node-kill';

const SELECTING = new Set([
  'node_id',
  'filename',
  'task_id',
  'actor_id',
  'suffix',
  'attempt_number',
  'summary_by',
  'view',
]);

interface Recorded {
  pathname: string;
  selecting: Map<string, string>;
  file: string;
  status: number;
}

export interface ReplayRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  cookie: string | undefined;
}

export interface RayDashboardReplay {
  url: string;
  /** Every request received, in order. */
  requests: ReplayRequest[];
  setPhase(phase: ReplayPhase): void;
  close(): Promise<void>;
}

function selectingParams(search: URLSearchParams): Map<string, string> {
  return new Map([...search].filter(([key]) => SELECTING.has(key)));
}

/** The recorded answers of one phase, from INDEX.md's table. */
export function readIndex(truthDir: string, phase: ReplayPhase): Recorded[] {
  const index = readFileSync(path.join(truthDir, 'INDEX.md'), 'utf8');
  const rows: Recorded[] = [];
  for (const line of index.split('\n')) {
    const match = /^\| `([^`]+)` \| `(\/[^`]*)` \| (\d{3}) \|/.exec(line);
    if (!match || !match[1]!.startsWith(`${phase}/`)) continue;
    const url = new URL(match[2]!, 'http://replay');
    rows.push({
      pathname: url.pathname,
      selecting: selectingParams(url.searchParams),
      file: path.join(truthDir, match[1]!),
      status: Number(match[3]),
    });
  }
  return rows;
}

function sameSelection(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([key, value]) => b.get(key) === value);
}

export async function startRayDashboardReplay(options: {
  truthDir: string;
  phase?: ReplayPhase;
  token?: string;
  port?: number;
}): Promise<RayDashboardReplay> {
  let answers = readIndex(options.truthDir, options.phase ?? 'after-node-kill');
  const requests: ReplayRequest[] = [];
  const server = http.createServer((request, response) => {
    requests.push({
      method: request.method ?? '',
      url: request.url ?? '',
      authorization: request.headers.authorization,
      cookie: request.headers.cookie,
    });
    const send = (status: number, type: string, body: string | Buffer) => {
      response.writeHead(status, { 'content-type': type });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (options.token && request.headers.authorization !== `Bearer ${options.token}`)
      return send(401, 'text/plain', 'Unauthorized: missing or invalid authentication token');
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(405, 'text/plain', 'the replay only answers reads');
    const url = new URL(request.url ?? '/', 'http://replay');
    const wanted = selectingParams(url.searchParams);
    const found = answers.find(
      (a) => a.pathname === url.pathname && sameSelection(a.selecting, wanted),
    );
    if (!found) return send(404, 'text/plain', `not recorded: ${request.url}`);
    const type = found.file.endsWith('.txt') ? 'text/plain' : 'application/json';
    send(found.status, type, readFileSync(found.file));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setPhase(phase) {
      answers = readIndex(options.truthDir, phase);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
