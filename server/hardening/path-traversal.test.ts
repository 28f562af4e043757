import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeLogKey } from '../history/layout.ts';
import {
  expectRefused,
  expectStillServing,
  hostileHistory,
  ids,
  logFileUrl,
  scoped,
  session,
  type HostileHistory,
} from '../test/hostile.ts';

// Every client-given path (log file name, listing folder, glob) is refused when it could leave
// the node's logs folder, however it is spelled; symlinks leading out of the storage root are
// never followed (docs/hardening.md).

let h: HostileHistory;
let outside: string;
const SECRET = 'secret outside the history root\n';

beforeAll(async () => {
  h = await hostileHistory();
  outside = await mkdtemp(join(tmpdir(), 'outside-history-'));
  await writeFile(join(outside, 'secret.txt'), SECRET);
  const logs = join(h.history.dir, nodeLogKey(session, ids.head, ''));
  await symlink(join(outside, 'secret.txt'), join(logs, 'escape.log'));
  await symlink(outside, join(logs, 'escape-dir'));
  // A symlink that stays inside the root is ordinary data (the root is the boundary).
  const other = join(h.history.dir, nodeLogKey(session, ids.worker, 'linked-target.log'));
  await mkdir(dirname(other), { recursive: true });
  await writeFile(other, 'inside the root\n');
  await symlink(other, join(logs, 'inside-link.log'));
});
afterAll(async () => {
  await h.close();
  await rm(outside, { recursive: true, force: true });
});

/** Spellings of "leave the folder", as they appear in a query string. */
const escapes = [
  '..%2F..%2F..%2Fcluster-metadata',
  '..',
  '.',
  'old%2F..%2F..%2Fraylet.out',
  '%2e%2e%2Fraylet.out',
  '%252e%252e%252Fraylet.out',
  '%252E%252E%255Craylet.out',
  '%2Fetc%2Fpasswd',
  '%2F%2Fetc%2Fpasswd',
  '..%5C..%5Cwindows',
  'old%5Craylet.out',
  'C%3A%5Cwindows',
  'raylet.out%00.txt',
  '%00',
  'old%2F%2Fraylet.out',
  'old%2F.%2Fraylet.out',
  '.%2F..%2F%2e%2e%2Fx',
  'a%0Ab',
];

describe('path traversal', () => {
  it.each(escapes)('refuses filename=%s with 400 naming filename', async (spelling) => {
    expectRefused(await h.app.inject(logFileUrl(`filename=${spelling}`)), 400, /filename/);
  });

  it.each(escapes)('refuses prefix=%s on the folder listing', async (spelling) => {
    const res = await h.app.inject(scoped(`/logs/files?node_id=${ids.head}&prefix=${spelling}`));
    // "." and ".." alone as folders are refused too; a bare "/" would mean logs/ itself.
    expectRefused(res, 400, /prefix/);
  });

  it('treats a glob as a filter over listed names, never as a path', async () => {
    for (const glob of ['..%2F..%2F*', '%2Fetc%2F*', '..%5C*', '*%00*']) {
      const listing = await h.app.inject(scoped(`/api/v0/logs?node_id=${ids.head}&glob=${glob}`));
      expect(listing.statusCode).toBe(200);
      const names = Object.values(listing.json().data.result as Record<string, string[]>).flat();
      expect(names).toEqual([]);
      const search = await h.app.inject(scoped(`/logs/search?q=secret&glob=${glob}`));
      expect(search.statusCode).toBe(200);
      expect(search.body).not.toContain('secret outside');
    }
  });

  it('refuses a node id that is not 56 hex characters before touching storage', async () => {
    for (const nodeId of ['..', '..%2F..', `${ids.head}%2F..`, '%2e%2e', 'A'.repeat(56)]) {
      const res = await h.app.inject(
        scoped(`/api/v0/logs/file?node_id=${nodeId}&filename=raylet.out`),
      );
      if (nodeId === 'A'.repeat(56)) expect(res.statusCode).toBe(404);
      else expectRefused(res, 400, /node_id/);
    }
  });

  it('refuses traversal in the session scope itself', async () => {
    for (const part of ['..', '%2e%2e', '..%2F..']) {
      const res = await h.app.inject(`/api/c/ml/raycluster/train/${part}/api/jobs/`);
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
    expectRefused(
      await h.app.inject('/api/c/ml/raycluster/train/session_..%2F..%2Fx/api/jobs/'),
      400,
      /session must be latest or a session name/,
    );
  });

  it('keeps serving the right data after every refusal', async () => {
    await expectStillServing(h.app);
  });
});

describe('symlinks in the folder backend', () => {
  it('do not follow a link to a file outside the root: 404, never its content', async () => {
    const res = await h.app.inject(logFileUrl('filename=escape.log'));
    expectRefused(res, 404, /No log file escape\.log/);
    expect(res.body).not.toContain('secret');
  });

  it('do not list or search through links that leave the root', async () => {
    const listing = await h.app.inject(scoped(`/logs/files?node_id=${ids.head}`));
    const paths = (listing.json().files as { path: string }[]).map((f) => f.path);
    expect(paths).not.toContain('escape.log');
    expect(paths).not.toContain('escape-dir/');
    expect(paths).toContain('inside-link.log');
    const inside = await h.app.inject(scoped(`/logs/files?node_id=${ids.head}&prefix=escape-dir/`));
    expect(inside.json().files).toEqual([]);
    const search = await h.app.inject(scoped(`/logs/search?q=secret&node_id=${ids.head}`));
    expect(search.body).not.toContain('secret outside');
    expect(search.body.trim().split('\n').at(-1)).toContain('"type":"done"');
  });

  it('follow a link that stays inside the root', async () => {
    const res = await h.app.inject(logFileUrl('filename=inside-link.log'));
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('inside the root\n');
  });
});
