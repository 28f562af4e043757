import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// What a snapshot's answers depend on besides the format: the code that reduced the events. A
// snapshot written by other server code (a release that fixed the reducer, say) is rebuilt, not
// trusted, even when the format version did not change. From the sources, the fingerprint covers
// every module under server/history/; from the bundle (dist-server/), the bundle file, whose
// imports name the content hashes of its chunks.

let cached: Buffer | undefined;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** 8 bytes identifying the code that builds snapshots. */
export function codeFingerprint(): Buffer {
  if (cached) return cached;
  const here = fileURLToPath(import.meta.url);
  const files = here.endsWith('.ts') ? sourceFiles(resolve(dirname(here), '..')) : [here];
  const hash = createHash('sha256');
  for (const file of files)
    hash.update(file.slice(file.lastIndexOf('history'))).update(readFileSync(file));
  cached = hash.digest().subarray(0, 8);
  return cached;
}
