import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ManifestSession, SampleManifest } from '../../scripts/sample/manifest.ts';
import { paths } from '../../contract/paths.ts';
import { E2E_HISTORY_DIR } from './constants.ts';

// Facts about the sample history the e2e server serves, from the generator's manifest.

export function sampleManifest(): SampleManifest {
  return JSON.parse(
    readFileSync(path.join(E2E_HISTORY_DIR, 'sample-manifest.json'), 'utf8'),
  ) as SampleManifest;
}

/** The hand-written sessions (not the lightweight ones added by --sessions). */
export function featuredSessions(manifest = sampleManifest()): ManifestSession[] {
  return manifest.sessions.filter((s) => !s.light);
}

export function sessionUrl(s: ManifestSession, session = s.sessionName): string {
  return paths.session({ namespace: s.namespace, kind: s.kind, name: s.name, session });
}
