import { spawn } from 'node:child_process';
import { apiPaths } from '../../contract/paths.ts';
import { nodeLogKey } from '../history/layout.ts';
import type { TempFolder } from './history.ts';
import { ids, scope, session, writeFixture } from './session-routes.ts';

// The worst requests a client can make, mixed: whole-file log reads (16 MiB answers), the same
// with ANSI stripping, downloads, a plain search over everything, a hostile regex on a 1 MiB line,
// cold session loads. Shared by the bounded-memory test and the bench's hostile-mix row.

export const BIG_LOG = 'big.log';
const LONG_LINE_LOG = 'one-long-line.log';

/** The small session plus a big log (`bigBytes`, lines with colour codes) and a 1 MiB line. */
export async function writeHostileHistory(history: TempFolder, bigBytes: number): Promise<void> {
  await writeFixture(history);
  const line = `\u001b[32mINFO\u001b[0m worker ${'x'.repeat(80)}\n`;
  const big = Buffer.from(line.repeat(Math.ceil(bigBytes / Buffer.byteLength(line))));
  await history.write(nodeLogKey(session, ids.head, BIG_LOG), big);
  await history.write(nodeLogKey(session, ids.head, LONG_LINE_LOG), `${'x'.repeat(1 << 20)}\n`);
}

const logFile = (query: string) =>
  apiPaths.scoped(scope, `/api/v0/logs/file?node_id=${ids.head}&filename=${BIG_LOG}&${query}`);
const search = (query: string) =>
  apiPaths.scoped(scope, `/logs/search?node_id=${ids.head}&${query}`);

/** The paths of the mix, in the order requests take them (cycled). */
export const HOSTILE_PATHS: readonly string[] = [
  logFile('lines=-1'),
  logFile('lines=-1&filter_ansi_code=true'),
  logFile('lines=-1'),
  logFile('download=true'),
  logFile('lines=-1'),
  search(`q=needle-never-found&glob=${BIG_LOG}`),
  logFile('start=0&end=99999999999'),
  search(`mode=regex&q=${encodeURIComponent('x*x*x*y')}&glob=${LONG_LINE_LOG}&time_budget_ms=2000`),
  apiPaths.scoped(scope, '/api/jobs/'),
];

/** Statuses a hostile request may get: served, or refused for now with Retry-After. */
export const INTENDED_STATUSES = [200, 429, 503];

/**
 * The clients, as their own process: draining 64 answers of 16 MiB is real work, and done in
 * the process that probes /livez it would be measured as the server's latency. Each GETs its
 * path without compression and drains the body. Prints the statuses as JSON: negated for a
 * 429/503 without Retry-After, 0 when the connection failed.
 */
const CLIENTS_SCRIPT = `
const { get } = require('node:http');
const [origin, ...paths] = process.argv.slice(1);
const one = (path) => new Promise((resolve) => {
  const request = get(origin + path, { headers: { connection: 'close' } }, (res) => {
    const status = res.statusCode || 0;
    const answer = status >= 400 && !res.headers['retry-after'] ? -status : status;
    res.resume();
    res.on('end', () => resolve(answer));
    res.on('error', () => resolve(0));
  });
  request.on('error', () => resolve(0));
});
Promise.all(paths.map(one)).then((statuses) => process.stdout.write(JSON.stringify(statuses)));
`;

/** Sends `count` requests at once, cycling through the mix; resolves their statuses. */
export function hostileClients(origin: string, count: number): Promise<number[]> {
  const paths = Array.from({ length: count }, (_, i) => HOSTILE_PATHS[i % HOSTILE_PATHS.length]!);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CLIENTS_SCRIPT, origin, ...paths], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as number[])
        : reject(new Error(`the hostile clients exited with code ${code}`)),
    );
  });
}
