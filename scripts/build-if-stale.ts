import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// `npm start` runs this first: `npm run build` (the SPA into dist/, the server into
// dist-server/) unless both outputs are newer than every file they are built from.

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const INPUTS = [
  'src',
  'server',
  'public',
  'scripts/sample',
  'scripts/build-server.ts',
  'index.html',
  'vite.config.ts',
  'package-lock.json',
];
const OUTPUTS = ['dist/index.html', 'dist-server/index.js'];

function newestMtimeMs(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestMtimeMs(join(path, name))),
    stat.mtimeMs,
  );
}

const outputs = OUTPUTS.map((p) => statSync(join(REPO, p), { throwIfNoEntry: false })?.mtimeMs);
const oldestOutput = outputs.some((m) => m === undefined) ? 0 : Math.min(...(outputs as number[]));
const newestInput = Math.max(...INPUTS.map((p) => newestMtimeMs(join(REPO, p))));
if (newestInput >= oldestOutput) {
  const build = spawnSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'inherit' });
  process.exit(build.status ?? 1);
}
