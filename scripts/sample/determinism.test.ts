import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listKeys, smallSample } from './test-support.ts';

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

  it('empties a folder holding an earlier sample but refuses any other non-empty folder', async () => {
    const { root } = await smallSample({ seed: 3 });
    await expect(smallSample({ seed: 3, out: root })).resolves.toBeDefined();
    const { generateSampleHistory } = await import('./generate.ts');
    await expect(
      generateSampleHistory({ out: join(root, 'cluster-history'), tasks: 5 }),
    ).rejects.toThrow(/refusing/);
  });
});
