import { join } from 'node:path';
import { E2E_SEED } from '../../e2e/support/constants.ts';
import { ensureSampleHistory } from '../../e2e/support/sample-history.ts';
import type { ManifestSession, SampleManifest } from '../sample/manifest.ts';
import type { SessionInfo } from '../../contract/api.ts';
import { sizeLabel } from './options.ts';

// The generated histories the bench reads, cached in .tmp/ and regenerated only when their
// options change.

/** Sessions per bench sample: the four main ones plus light ones, so the soak can rotate. */
const BENCH_SESSIONS = 8;

export interface Sample {
  tasks: number;
  dir: string;
  manifest: SampleManifest;
  /** Milliseconds spent generating it in this run; 0 when it was reused. */
  generatedMs: number;
}

export async function benchSample(repo: string, tasks: number): Promise<Sample> {
  const dir = join(repo, '.tmp', `bench-${sizeLabel(tasks)}`);
  const options = { tasks, sessions: BENCH_SESSIONS };
  const started = performance.now();
  let generated = false;
  const manifest = await ensureSampleHistory(dir, E2E_SEED, options, () => {
    generated = true;
    console.log(`Generating a sample history with ${sizeLabel(tasks)} tasks in ${dir} ...`);
  });
  const generatedMs = generated ? performance.now() - started : 0;
  if (generated) console.log(`  generated in ${(generatedMs / 1000).toFixed(1)} s`);
  return { tasks, dir, manifest, generatedMs };
}

export function attemptCount(s: ManifestSession): number {
  return Object.values(s.taskAttemptsByState).reduce((sum, n) => sum + n, 0);
}

export function sessionInfo(s: ManifestSession): SessionInfo {
  return {
    namespace: s.namespace,
    kind: s.kind,
    name: s.name,
    clusterName: s.clusterName,
    ...(s.ownerName ? { ownerName: s.ownerName } : {}),
    sessionName: s.sessionName,
    startTime: s.startTimeMs,
  };
}

export function scopeOf(s: ManifestSession) {
  return { namespace: s.namespace, kind: s.kind, name: s.name, session: s.sessionName };
}

/** The session holding the requested tasks (the generator's largest). */
export function largestSession(m: SampleManifest): ManifestSession {
  return [...m.sessions].sort((a, b) => attemptCount(b) - attemptCount(a))[0]!;
}

/** The smallest session that still has task attempts: the baseline of time to first row. */
export function smallestSessionWithTasks(m: SampleManifest): ManifestSession {
  const withTasks = m.sessions.filter((s) => attemptCount(s) > 0);
  return [...withTasks].sort((a, b) => attemptCount(a) - attemptCount(b))[0]!;
}
