import { request as httpRequest, type ClientRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '../../contract/paths.ts';
import { startServer, type ServerProcess } from '../../scripts/bench/server-process.ts';
import { tempFolder, type TempFolder } from '../test/history.ts';
import { BIG_LOG, writeHostileHistory } from '../test/hostile-mix.ts';
import { ids, scope } from '../test/session-routes.ts';

// Clients that give up while their request waits for room in the response budget must give the
// room back. Their responses have closed before the request holds anything, and a release
// waiting for a 'close' event that already fired never ran: a burst of abandoned whole-file
// reads left the budget full, and every later log read got 503 for good. (Download and search
// slots are taken the same way, after awaits; when-closed.test.ts covers the shared helper.)

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const whole = (query: string) =>
  apiPaths.scoped(scope, `/api/v0/logs/file?node_id=${ids.head}&filename=${BIG_LOG}&${query}`);

let history: TempFolder;
let server: ServerProcess;
beforeAll(async () => {
  history = await tempFolder();
  await writeHostileHistory(history, 24 * 1024 * 1024);
  // Room for one whole-file answer (a 16 MiB slice, reserved twice over) at a time: the rest queue.
  server = await startServer(REPO, { storageDir: history.dir, env: { RESPONSE_BUDGET_MB: '40' } });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await history?.remove();
});

/** Sends a GET that nobody reads; the caller destroys it. */
function abandoned(path: string): ClientRequest {
  const request = httpRequest(`${server.origin}${path}`, { headers: { connection: 'close' } });
  request.on('error', () => undefined);
  request.on('response', (res) => res.pause());
  request.end();
  return request;
}

describe('requests abandoned while they wait', () => {
  it('give back their room in the response budget, and read nothing once granted it', async () => {
    for (const path of [whole('lines=-1'), whole('lines=-1&filter_ansi_code=true')]) {
      const requests = Array.from({ length: 32 }, () => abandoned(path));
      // Long enough for the first to hold the room (or the slots) and the rest to wait.
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (const request of requests) request.destroy();
      // Let the server see the closes and work through the queue.
      await new Promise((resolve) => setTimeout(resolve, 500));

      // Three in turn, each read to the end: every one is served, none refused for want of room.
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${server.origin}${path}`, {
          headers: { 'accept-encoding': 'identity' },
        });
        const body = await res.arrayBuffer();
        expect(res.status, `${path}: ${Buffer.from(body).subarray(0, 200).toString()}`).toBe(200);
        expect(body.byteLength).toBeGreaterThan(1024 * 1024);
      }
    }
    // Those granted room after their client had gone read nothing: 32 of them each reading a
    // 16 MiB slice outside the budget took the server to 878 MiB; stopping at once, 383-409 MiB.
    expect(await server.peakRssBytes()).toBeLessThan(600 * 1024 * 1024);
  }, 60_000);
});
