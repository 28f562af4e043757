import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listKeys, smallSample } from './test/support.ts';

async function snapshot(root: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const key of await listKeys(root)) files.set(key, await readFile(join(root, key)));
  return files;
}

describe('sample determinism', () => {
  it('writes byte-identical trees for one seed and a different tree for another seed', async () => {
    const [a, b, c] = await Promise.all([
      smallSample({ seed: 11 }),
      smallSample({ seed: 11 }),
      smallSample({ seed: 12 }),
    ]);
    const [first, second, other] = await Promise.all([
      snapshot(a.root),
      snapshot(b.root),
      snapshot(c.root),
    ]);
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [key, bytes] of first) expect(second.get(key)?.equals(bytes), key).toBe(true);
    const otherKeys = [...other.keys()];
    expect(otherKeys).not.toEqual([...first.keys()]);
  });

  it('anchors the first session at startTime, byte-identically for one seed and start', async () => {
    const startTime = Date.UTC(2026, 10, 22, 7, 0, 0, 250);
    const [a, b] = await Promise.all([
      smallSample({ seed: 11, startTime }),
      smallSample({ seed: 11, startTime }),
    ]);
    const [first, second] = await Promise.all([snapshot(a.root), snapshot(b.root)]);
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [key, bytes] of first) expect(second.get(key)?.equals(bytes), key).toBe(true);
    const [s1, s2] = a.manifest.sessions;
    expect(s1!.startTimeMs).toBe(startTime);
    expect(s1!.sessionName).toBe('session_2026-11-22_07-00-00_250000_1');
    expect(s2!.startTimeMs).toBeGreaterThan(s1!.endTimeMs);
    expect(a.manifest.options.startTime).toBe(startTime);
    await expect(smallSample({ startTime: 1.5 })).rejects.toThrow(/startTime/);
  });

  it('empties a folder holding an earlier sample but refuses any other non-empty folder', async () => {
    const { root } = await smallSample({ seed: 3 });
    await expect(smallSample({ seed: 3, out: root })).resolves.toBeDefined();
    const { generateSampleHistory } = await import('./generate.ts');
    await expect(
      generateSampleHistory({ out: join(root, 'cluster-history'), tasks: 5 }),
    ).rejects.toThrow(/refusing/);
  });
});
