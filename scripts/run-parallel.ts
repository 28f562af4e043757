import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';

// node --import tsx scripts/run-parallel.ts <npm script> [<npm script> ...]
// Runs independent npm scripts at once (lint, typecheck and build are each mostly one core) and
// prints each one's output whole when it ends, so the logs do not interleave. Exits non-zero if
// any failed; the first failure stops the others. `npm test` (scripts/test-suite/run.ts) calls
// runParallel() for the same.

export interface Outcome {
  name: string;
  code: number;
  output: string;
  seconds: number;
}

function run(name: string, children: Set<ReturnType<typeof spawn>>): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', name], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' },
    });
    children.add(child);
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    const finish = (code: number) => {
      children.delete(child);
      resolve({
        name,
        code,
        output: Buffer.concat(chunks).toString('utf8'),
        seconds: (performance.now() - started) / 1000,
      });
    };
    child.on('error', (error) => {
      chunks.push(Buffer.from(`${error.message}\n`));
      finish(1);
    });
    child.on('close', (code, signal) => finish(code ?? (signal ? 1 : 0)));
  });
}

/** Runs the npm scripts side by side; resolves once all ended, in the order given. */
export async function runParallel(names: string[]): Promise<Outcome[]> {
  const children = new Set<ReturnType<typeof spawn>>();
  let failed = false;
  return Promise.all(
    names.map(async (name) => {
      const outcome = await run(name, children);
      const verdict =
        outcome.code === 0
          ? 'passed'
          : failed
            ? 'stopped (another script failed)'
            : `FAILED (exit ${String(outcome.code)})`;
      process.stdout.write(`\n> npm run ${name}\n${outcome.output}`);
      process.stdout.write(`> ${name}: ${verdict} in ${outcome.seconds.toFixed(1)} s\n`);
      if (outcome.code !== 0 && !failed) {
        failed = true;
        for (const child of children) child.kill('SIGTERM');
      }
      return outcome;
    }),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const names = process.argv.slice(2);
  if (names.length === 0) {
    console.error('usage: run-parallel.ts <npm script> [<npm script> ...]');
    process.exit(2);
  }
  const outcomes = await runParallel(names);
  process.exit(outcomes.every((o) => o.code === 0) ? 0 : 1);
}
