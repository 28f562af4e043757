import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * Runs a bench script (`scripts/bench/<script>`) in a fresh node process, so its memory figures
 * and caches belong to that measurement alone; resolves the script's last stdout line as JSON,
 * or null when the process died or printed nothing.
 */
export function inFreshProcess<T>(
  repo: string,
  script: string,
  args: string[],
  nodeFlags: string[] = [],
): Promise<T | null> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [
        ...nodeFlags,
        '--max-old-space-size=16384',
        '--import',
        'tsx',
        join(repo, 'scripts/bench', script),
        ...args,
      ],
      { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop();
      done(code === 0 && last ? (JSON.parse(last) as T) : null);
    });
  });
}
