import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { E2E_SERVER_ENV } from './constants.ts';
import { freePort } from './free-port.ts';

// The HistoryServer as production runs it: `node dist-server/index.js` (npm run build), in its
// own process on a free loopback port, ready once /readz answers.

export const COMPILED_SERVER = path.resolve('dist-server/index.js');
const READY_TIMEOUT_MS = 30_000;

export interface CompiledServer {
  origin: string;
  stop(): Promise<void>;
}

/** Fails with what to run when the compiled server is missing; imported by the e2e servers. */
export function compiledServerEntry(): string {
  if (!existsSync(COMPILED_SERVER))
    throw new Error(`${COMPILED_SERVER} is missing: run \`npm run build\` first.`);
  return COMPILED_SERVER;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startCompiledServer(env: Record<string, string>): Promise<CompiledServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--enable-source-maps', compiledServerEntry()], {
    env: { ...process.env, ...E2E_SERVER_ENV, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the compiled server exited (${child.exitCode})`);
    const ready = await fetch(`${origin}/readz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { origin, stop };
    await sleep(100);
  }
  await stop();
  throw new Error(`the compiled server was not ready within ${READY_TIMEOUT_MS / 1000} s`);
}
