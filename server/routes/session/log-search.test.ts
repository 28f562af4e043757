import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSampleHistory } from '../../../scripts/sample/generate.ts';
import type { ManifestSession, SampleManifest } from '../../../scripts/sample/manifest.ts';
import { apiPaths } from '../../../contract/paths.ts';
import { nodeLogsDir } from '../../history/layout.ts';
import { tempFolder, testApp, type TempFolder } from '../../test/history.ts';

// /logs/search over the sample history plus a few hand-written files on one extra node.

let history: TempFolder;
let app: FastifyInstance;
let manifest: SampleManifest;
let s: ManifestSession;
const EXTRA = 'e5'.repeat(28);

beforeAll(async () => {
  history = await tempFolder();
  manifest = await generateSampleHistory({ out: history.dir, seed: 7, tasks: 40 });
  s = manifest.sessions.find((x) => x.sessionName === manifest.deadNodeMarker.sessionName)!;
  const logs = nodeLogsDir({ ...s, ownerName: s.ownerName ?? undefined, startTime: 0 }, EXTRA);
  await history.write(
    `${logs}fixture.log`,
    ['Alpha one', 'beta ALPHA two', 'gamma', 'alpha \u001b[1mthree\u001b[0m', 'delta'].join('\n') +
      '\n',
  );
  await history.write(`${logs}many.log`, 'hit\n'.repeat(50));
  app = await testApp(history);
}, 60_000);
afterAll(async () => {
  await app.close();
  await history.remove();
});

interface Row {
  type: string;
  [key: string]: unknown;
}

async function search(query: string): Promise<{ status: number; rows: Row[]; body: string }> {
  const scope = { namespace: s.namespace, kind: s.kind, name: s.name, session: s.sessionName };
  const res = await app.inject(apiPaths.scoped(scope, `/logs/search?${query}`));
  const rows =
    res.statusCode === 200
      ? res.body
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Row)
      : [];
  return { status: res.statusCode, rows, body: res.body };
}
const matches = (rows: Row[]) => rows.filter((r) => r.type === 'match');
const done = (rows: Row[]) => rows.at(-1)!;

describe('log search', () => {
  it("finds the dead node's marker in the right file at the right line", async () => {
    const marker = manifest.deadNodeMarker;
    const { status, rows } = await search(`q=${marker.text}&context=1`);
    expect(status).toBe(200);
    const found = matches(rows);
    expect(found).toHaveLength(1);
    const file = marker.key.split('/logs/')[1]!;
    const lines = (await readFile(`${history.dir}/${marker.key}`, 'utf8')).split('\n');
    const line = lines.findIndex((l) => l.includes(marker.text)) + 1;
    expect(found[0]).toMatchObject({ nodeId: marker.nodeId, file, line });
    expect(found[0]!.before).toEqual([lines[line - 2]]);
    expect(done(rows)).toMatchObject({ type: 'done', matches: 1, truncated: false });
    expect(done(rows).filesScanned).toBe(done(rows).filesTotal);
  });

  it('ignores case in plain mode, respects it in case mode, runs regexes, strips ANSI', async () => {
    const only = `node_id=${EXTRA}&glob=fixture.log&context=0`;
    const plain = matches((await search(`q=alpha&${only}`)).rows);
    expect(plain.map((m) => [m.line, m.text, m.ranges])).toEqual([
      [1, 'Alpha one', [[0, 5]]],
      [2, 'beta ALPHA two', [[5, 10]]],
      [4, 'alpha three', [[0, 5]]],
    ]);
    expect(plain[2]!.offset).toBe('Alpha one\nbeta ALPHA two\ngamma\n'.length);
    const exact = matches((await search(`q=alpha&mode=case&${only}`)).rows);
    expect(exact.map((m) => m.line)).toEqual([4]);
    const regex = matches(
      (await search(`q=${encodeURIComponent('^(beta|gamma)')}&mode=regex&${only}`)).rows,
    );
    expect(regex.map((m) => m.line)).toEqual([2, 3]);
    const spanning = matches((await search(`q=alpha%20three&${only}`)).rows);
    expect(spanning.map((m) => m.ranges)).toEqual([[[0, 11]]]);
  });

  it('adds context lines before and after', async () => {
    const [m] = matches((await search(`q=gamma&node_id=${EXTRA}&context=2`)).rows);
    expect(m).toMatchObject({
      before: ['Alpha one', 'beta ALPHA two'],
      after: ['alpha three', 'delta'],
    });
  });

  it('stops at max_matches and says it was truncated', async () => {
    const { rows } = await search(`q=hit&node_id=${EXTRA}&glob=many.log&max_matches=7`);
    expect(matches(rows)).toHaveLength(7);
    expect(done(rows)).toMatchObject({ matches: 7, truncated: true, reason: 'max_matches' });
  });

  it('stops at the byte budget and says it was truncated', async () => {
    const { rows } = await search(`q=hit&node_id=${EXTRA}&glob=many.log&byte_budget=40`);
    expect(matches(rows)).toHaveLength(10);
    expect(done(rows)).toMatchObject({ bytesScanned: 40, truncated: true, reason: 'byte_budget' });
  });

  it('refuses runaway and invalid regexes, and bad limits, with a 400', async () => {
    for (const q of ['(a+)+$', '(x|xx)*y', '(a)\\1', 'a(?=b)', '[oops']) {
      const res = await search(`q=${encodeURIComponent(q)}&mode=regex`);
      expect(res.status, q).toBe(400);
    }
    expect((await search('q=x&max_matches=5001')).status).toBe(400);
    expect((await search('q=x&mode=fuzzy')).status).toBe(400);
    expect((await search('mode=plain')).status).toBe(400);
  });
});
