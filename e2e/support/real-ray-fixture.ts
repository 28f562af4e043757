import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

// A recording of a real Ray 2.58.0 cluster (e2e/fixtures/real-ray-2.58/README.md): `history/` is a
// storage root in the KubeRay collector's layout, `truth/` the live Ray Dashboard's own answers.
// Kept packed in the repository; unpacked once into `.tmp/` for the tests that read it.

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** The recording in the repository. `REAL_RAY_RECORDING` names another one (same layout). */
export function realRayArchive(): string {
  return (
    process.env.REAL_RAY_RECORDING ??
    path.join(REPO_ROOT, 'e2e/fixtures/real-ray-2.58/recording-1.tar.gz')
  );
}

export interface RealRayRecording {
  /** Storage root: serve it with `STORAGE_URL=file://<historyRoot>`. */
  historyRoot: string;
  /** The live dashboard's answers, indexed in `INDEX.md`. */
  truthDir: string;
}

/** Unpacks the recording (once per archive version) and returns where its parts are. */
export function unpackRealRayRecording(archive = realRayArchive()): RealRayRecording {
  const stamp = statSync(archive);
  const name = `${path.basename(archive).replace(/\.tar\.gz$|\.tgz$/, '')}-${stamp.size}-${Math.floor(stamp.mtimeMs)}`;
  const target = path.join(REPO_ROOT, '.tmp/real-ray', name);
  if (!existsSync(path.join(target, 'truth/INDEX.md'))) {
    // Unpack beside the target and rename, so a concurrent or interrupted unpack never leaves half a tree.
    const partial = `${target}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    execFileSync('tar', ['-xzf', archive, '-C', partial]);
    try {
      renameSync(partial, target);
    } catch {
      rmSync(partial, { recursive: true, force: true }); // another process won the race
    }
  }
  return { historyRoot: path.join(target, 'history'), truthDir: path.join(target, 'truth') };
}
