import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Sample } from './samples.ts';
import type { ServerProcess } from './server-process.ts';

// The scale spec of `npm test` (e2e/tasks-scale.spec.ts: first page, sort by duration, last
// page, only pages over the wire), run in Chromium against the bench's warm server on its
// largest sample — the million-attempt check that is too slow for every test run.

export interface PagingCheck {
  attempts: number;
  passed: boolean;
  /** 'passed', or the first error line Playwright printed (its whole output goes to stderr). */
  detail: string;
  seconds: number;
}

/** The first line naming what broke, e.g. `Error: expect(locator).toHaveText(expected) failed`. */
function firstError(output: string): string {
  const line = output.split('\n').find((l) => /\b(Error|Timeout)\b/.test(l));
  return (line ?? output.trim().split('\n').at(-1) ?? '').trim() || 'playwright failed';
}

export function runPagingCheck(
  repo: string,
  server: ServerProcess,
  sample: Sample,
  attempts: number,
): Promise<PagingCheck> {
  const started = performance.now();
  const cli = join(repo, 'node_modules/@playwright/test/cli.js');
  const config = join(repo, 'scripts/bench/paging-check.config.ts');
  console.log(`Paging check in Chromium: ${attempts} attempts ...`);
  const child = spawn(process.execPath, [cli, 'test', '--config', config], {
    cwd: repo,
    env: { ...process.env, SCALE_ORIGIN: server.origin, SCALE_SAMPLE_DIR: sample.dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return new Promise((resolve) => {
    const finish = (passed: boolean) => {
      if (!passed) console.error(output);
      resolve({
        attempts,
        passed,
        detail: passed ? 'passed' : firstError(output),
        seconds: (performance.now() - started) / 1000,
      });
    };
    child.on('error', (error) => {
      output += error.message;
      finish(false);
    });
    child.on('close', (code) => finish(code === 0));
  });
}
