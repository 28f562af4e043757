import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '../../../contract/paths.ts';
import { nodeLogKey } from '../../history/layout.ts';
import { looksCompressed } from '../../http/compression-guard.ts';
import { tempFolder, testApp, type TempFolder } from '../../test/history.ts';
import { ids, scope, session, writeFixture } from '../../test/session-routes.ts';

// A log text that starts like a zlib stream ("(r" is a valid zlib header) must still reach the
// client as what its Content-Encoding says: the compression plugin passes such bodies through
// unencoded. The first line is the one a real Ray 2.58 dashboard_DataHead.out starts with.

const RAYLET_LINE = '(raylet) Raylet is terminated. Termination is unexpected.\n';
const COLOURED = `\u001b[33m(raylet)\u001b[0m Raylet is terminated. Termination is unexpected.\n`;
/** A window title (OSC) longer than a stripped piece, across a newline: its piece strips to nothing. */
const LONG_TITLE = `\u001b]0;${'t'.repeat(70_000)}\n\u0007`;
const FILES = {
  'raylet-plain.out': RAYLET_LINE.repeat(40),
  'raylet-coloured.out': COLOURED.repeat(40),
  'raylet-titled.out': LONG_TITLE + RAYLET_LINE.repeat(40),
};

let history: TempFolder;
let app: FastifyInstance;

beforeAll(async () => {
  history = await tempFolder();
  await writeFixture(history);
  for (const [name, text] of Object.entries(FILES))
    await history.write(nodeLogKey(session, ids.head, name), text);
  app = await testApp(history);
}, 60_000);
afterAll(async () => {
  await app.close();
  await history.remove();
});

/** The body as the client decodes it, by the Content-Encoding the answer carries. */
function decoded(encoding: string | undefined, body: Buffer): string {
  if (encoding === 'br') return brotliDecompressSync(body).toString('utf8');
  if (encoding === 'gzip') return gunzipSync(body).toString('utf8');
  expect(encoding).toBeUndefined();
  return body.toString('utf8');
}

describe('log text that looks compressed', () => {
  it('is taken for a zlib header by the test the plugin uses', () => {
    expect(looksCompressed(Buffer.from(RAYLET_LINE))).toBe(true);
    expect(looksCompressed(Buffer.from('[2026-12-02 02:37:16,739 I 8489] ...'))).toBe(false);
    expect(looksCompressed(Buffer.from([0x1f, 0x8b, 0x08]))).toBe(true);
  });

  for (const encoding of ['br', 'gzip'])
    for (const [query, expected] of [
      ['filename=raylet-plain.out&lines=-1', FILES['raylet-plain.out']],
      ['filename=raylet-plain.out&lines=5', RAYLET_LINE.repeat(5)],
      ['filename=raylet-coloured.out&lines=-1&filter_ansi_code=true', RAYLET_LINE.repeat(40)],
      ['filename=raylet-titled.out&lines=-1&filter_ansi_code=true', RAYLET_LINE.repeat(40)],
    ] as const)
      it(`reaches a client accepting ${encoding} as its Content-Encoding says (${query})`, async () => {
        const res = await app.inject({
          url: apiPaths.scoped(scope, `/api/v0/logs/file?node_id=${ids.head}&${query}`),
          headers: { 'accept-encoding': encoding },
        });
        expect(res.statusCode).toBe(200);
        expect(decoded(res.headers['content-encoding'] as string | undefined, res.rawPayload)).toBe(
          expected,
        );
      });
});
