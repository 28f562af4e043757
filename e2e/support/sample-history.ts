import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateSampleHistory, type SampleOptions } from '../../scripts/sample/generate.ts';
import type { SampleManifest } from '../../scripts/sample/manifest.ts';
import { E2E_HISTORY_DIR, E2E_SAMPLE_OPTIONS, E2E_SEED } from './constants.ts';

// The e2e sample histories: each generated once, and again whenever the wanted options change.

type GeneratorOptions = Partial<SampleManifest['options']>;

function existingManifest(dir: string): SampleManifest | null {
  try {
    return JSON.parse(
      readFileSync(path.join(dir, 'sample-manifest.json'), 'utf8'),
    ) as SampleManifest;
  } catch {
    return null;
  }
}

/**
 * Generates a sample into `dir` unless the one there was made with the same seed and options;
 * `onGenerate` is told before a (slow) generation starts.
 */
export async function ensureSampleHistory(
  dir: string,
  seed: number,
  options: GeneratorOptions,
  onGenerate?: () => void,
): Promise<SampleManifest> {
  const manifest = existingManifest(dir);
  const current =
    manifest?.seed === seed &&
    Object.entries(options).every(
      ([key, value]) => manifest.options[key as keyof GeneratorOptions] === value,
    );
  if (manifest && current) return manifest;
  onGenerate?.();
  const wanted: SampleOptions = { out: dir, seed, ...options };
  return generateSampleHistory(wanted);
}

export async function ensureE2eHistory(): Promise<void> {
  await ensureSampleHistory(E2E_HISTORY_DIR, E2E_SEED, E2E_SAMPLE_OPTIONS);
}
