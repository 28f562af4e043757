import { readFile } from 'node:fs/promises';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '../../../contract/paths.ts';
import { nodeLogKey } from '../../history/layout.ts';
import { tempFolder, testApp, type TempFolder } from '../../test/history.ts';
import { BIG_LOG, writeHostileHistory } from '../../test/hostile-mix.ts';
import { ids, scope, session } from '../../test/session-routes.ts';

// Large log slices are read into pooled buffers (server/http/answer-buffers.ts). Answers that
// overlap in time, one of them held back by a slow client, must each carry their own bytes.

let history: TempFolder;
let app: FastifyInstance;
let origin: string;
let file: Buffer;

beforeAll(async () => {
  history = await tempFolder();
  await writeHostileHistory(history, 20 * 1024 * 1024);
  file = await readFile(join(history.dir, nodeLogKey(session, ids.head, BIG_LOG)));
  app = await testApp(history);
  await app.listen({ port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await app.close();
  await history.remove();
});

const logUrl = (query: string) =>
  origin +
  apiPaths.scoped(scope, `/api/v0/logs/file?node_id=${ids.head}&filename=${BIG_LOG}&${query}`);

interface Answer {
  start: number;
  body: Buffer;
}

/** One answer read by a client that stops after its first chunk until `resume` settles. */
function slowAnswer(url: string, resume: Promise<unknown>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    get(url, (answer) => {
      const chunks: Buffer[] = [];
      answer.once('data', () => {
        answer.pause();
        void resume.then(() => answer.resume());
      });
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () =>
        resolve({
          start: Number(answer.headers['x-log-start-offset']),
          body: Buffer.concat(chunks),
        }),
      );
      answer.on('error', reject);
    }).on('error', reject);
  });
}

async function quickAnswer(url: string): Promise<Answer> {
  const answer = await fetch(url);
  expect(answer.status).toBe(200);
  const start = Number(answer.headers.get('x-log-start-offset'));
  return { start, body: Buffer.from(await answer.arrayBuffer()) };
}

const fileBytes = ({ start, body }: Answer) => file.subarray(start, start + body.length);

describe('pooled log slice buffers', () => {
  it('gives overlapping answers their own bytes, a held-back one included', async () => {
    for (let round = 0; round < 2; round++) {
      let letGo: () => void = () => undefined;
      const held = slowAnswer(logUrl('lines=-1'), new Promise<void>((r) => (letGo = r)));
      // While the first answer waits on its client, others are read (into pooled buffers that
      // finished answers gave back) and sent whole.
      const others = await Promise.all([
        quickAnswer(logUrl('start=0&end=99999999999')),
        quickAnswer(logUrl('lines=-1&filter_ansi_code=false')),
      ]);
      const second = await quickAnswer(logUrl('start=0&end=99999999999'));
      letGo();
      for (const answer of [await held, ...others, second]) {
        expect(answer.body.length).toBeGreaterThan(15 * 1024 * 1024);
        expect(answer.body.equals(fileBytes(answer))).toBe(true);
      }
    }
  }, 60_000);
});
