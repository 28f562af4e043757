import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { isEventFileName } from '../../../server/history/layout.ts';
import { generateSampleHistory, type SampleOptions } from '../generate.ts';
import type { SampleManifest } from '../manifest.ts';

// Helpers for the generator's tests: a small sample in a temp folder and ways to read it back.

export async function smallSample(
  options: Partial<SampleOptions> = {},
): Promise<{ root: string; manifest: SampleManifest }> {
  const root = options.out ?? (await mkdtemp(join(tmpdir(), 'ray-sample-')));
  const manifest = await generateSampleHistory({ tasks: 40, seed: 7, ...options, out: root });
  return { root, manifest };
}

/** Every file key under `root/prefix`, '/'-separated and relative to root. */
export async function listKeys(root: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(join(root, prefix), { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

export async function readText(root: string, key: string): Promise<string> {
  return (await readFile(join(root, key))).toString('utf8');
}

/** Parsed events of every event file under a session folder; malformed lines are counted, not thrown. */
export async function readEvents(
  root: string,
  dir: string,
): Promise<{ events: Record<string, unknown>[]; malformed: number }> {
  const events: Record<string, unknown>[] = [];
  let malformed = 0;
  for (const key of await listKeys(root, dir)) {
    if (!isEventFileName(key.split('/').pop()!)) continue;
    let bytes = await readFile(join(root, key));
    if (key.endsWith('.gz')) bytes = gunzipSync(bytes);
    const text = bytes.toString('utf8');
    if (text.startsWith('[')) {
      events.push(...(JSON.parse(text) as Record<string, unknown>[]));
      continue;
    }
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        events.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        malformed++;
      }
    }
  }
  return { events, malformed };
}

export function payloads<T = Record<string, unknown>>(
  events: Record<string, unknown>[],
  type: string,
  key: string,
): T[] {
  return events.filter((e) => e.eventType === type).map((e) => e[key] as T);
}
