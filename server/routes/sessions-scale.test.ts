import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListedSession, SessionInfo, SessionsPage } from '../../contract/api.ts';
import { indexKey } from '../history/layout.ts';
import { tempFolder, type TempFolder } from '../test/history.ts';
import { FsStorage } from '../storage/fs-storage.ts';
import { startS3TestServer, type S3TestServer } from '../test/s3-server.ts';
import type { Storage } from '../storage/storage.ts';
import { appOver } from '../test/storage-backends.ts';

// Ten thousand sessions (ten ListObjectsV2 pages of index keys on s3rver) listed through
// /api/sessions: every session once, newest first, totals and filters right, on both backends.

const SESSIONS = 10_000;
const NAMESPACES = ['alpha', 'beta', 'gamma', 'delta'];
const PAGE_SIZE = 500;

function sessionName(ms: number, seq: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const date = `${String(d.getUTCFullYear())}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`;
  const time = `${p(d.getUTCHours())}-${p(d.getUTCMinutes())}-${p(d.getUTCSeconds())}`;
  return `session_${date}_${time}_${p(d.getUTCMilliseconds() * 1000, 6)}_${String(seq)}`;
}

/** Sessions a minute apart, spread over clusters and kinds in every namespace. */
function manySessions(): SessionInfo[] {
  const base = Date.UTC(2026, 0, 1);
  return Array.from({ length: SESSIONS }, (_, i) => {
    const namespace = NAMESPACES[i % NAMESPACES.length]!;
    const startTime = base + i * 60_000;
    const s = sessionName(startTime, i % 9);
    if (i % 3 === 0)
      return {
        namespace,
        kind: 'rayjob',
        name: `job-${String(i % 50)}`,
        ownerName: `job-${String(i % 50)}`,
        clusterName: `job-${String(i % 50)}-raycluster-${String(i % 7)}`,
        sessionName: s,
        startTime,
      };
    const clusterName = `cluster-${String(i % 120)}`;
    return {
      namespace,
      kind: 'raycluster',
      name: clusterName,
      clusterName,
      sessionName: s,
      startTime,
    };
  });
}

const expected = manySessions();
const keys = expected.map(indexKey);
const newestFirst = [...expected].sort((a, b) => b.startTime - a.startTime);

interface Backend {
  name: string;
  open(): Promise<{ storage: Storage; close(): Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'folder',
    async open() {
      const folder: TempFolder = await tempFolder();
      await Promise.all(keys.map((k) => folder.write(k)));
      return { storage: new FsStorage(folder.dir), close: () => folder.remove() };
    },
  },
  {
    name: 's3rver',
    async open() {
      const s3: S3TestServer = await startS3TestServer();
      await s3.seedEmpty(keys.map((k) => `history/${k}`));
      return { storage: s3.storage('history/'), close: () => s3.close() };
    },
  },
];

/** The index's part of a listed session (outcomes are tested in session-outcomes.test.ts). */
function withoutOutcome({ outcome: _outcome, ...info }: ListedSession): SessionInfo {
  return info;
}

describe.each(backends)('10,000 sessions in a $name', (backend) => {
  let app: FastifyInstance;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const opened = await backend.open();
    close = opened.close;
    app = await appOver(opened.storage, { SESSION_INDEX_TTL_SECONDS: '600' });
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await close();
  });

  async function page(query: string): Promise<SessionsPage> {
    const res = await app.inject(`/api/sessions?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as SessionsPage;
  }

  it('pages through every session exactly once, newest first', async () => {
    const listed: SessionInfo[] = [];
    for (let p = 1; p <= SESSIONS / PAGE_SIZE + 1; p++) {
      const body = await page(`page=${String(p)}&pageSize=${String(PAGE_SIZE)}`);
      expect(body.total).toBe(SESSIONS);
      listed.push(...body.sessions.map(withoutOutcome));
    }
    expect(listed).toHaveLength(SESSIONS);
    expect(listed).toEqual(newestFirst);
    expect((await page('pageSize=1')).namespaces).toEqual([...NAMESPACES].sort());
  }, 30_000);

  it('filters by namespace, kind and owner across the whole index', async () => {
    const beta = await page('namespace=beta&pageSize=1');
    expect(beta.total).toBe(expected.filter((s) => s.namespace === 'beta').length);
    const jobs = await page('kind=rayjob&owner=job-7&pageSize=500');
    const wanted = newestFirst.filter((s) => s.kind === 'rayjob' && s.name === 'job-7');
    expect(jobs.total).toBe(wanted.length);
    expect(jobs.sessions.map(withoutOutcome)).toEqual(wanted);
  });
});
