import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// Starts bench-server.ts as its own process (so its RSS is the server's alone), and reads its
// memory from /proc while it runs.

export interface ServerProcess {
  origin: string;
  pid: number;
  /** Resident set size now, from /proc/<pid>/status (VmRSS). */
  rssBytes(): Promise<number>;
  /** The highest resident set size so far (VmHWM): no peak falls between two samples. */
  peakRssBytes(): Promise<number>;
  /** CPU time the server used so far (user + system, all its threads), seconds. */
  cpuSeconds(): Promise<number>;
  stop(): Promise<void>;
}

export interface ServerEnv {
  /** Folder of the sample history. */
  storageDir: string;
  snapshotCacheMb?: number;
  /** More settings for the server (e.g. AUTH_MODE). */
  env?: NodeJS.ProcessEnv;
}

const START_TIMEOUT_MS = 60_000;

export function startServer(repo: string, options: ServerEnv): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    STORAGE_URL: pathToFileURL(options.storageDir).href,
    // Request logs at 64 concurrent connections would measure the log pipe, not the server.
    LOG_LEVEL: 'warn',
    ...(options.snapshotCacheMb ? { SNAPSHOT_CACHE_MB: String(options.snapshotCacheMb) } : {}),
    ...options.env,
  };
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(repo, 'scripts/bench/bench-server.ts')],
    { cwd: repo, env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the bench server did not start within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const newline = out.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stdout.resume(); // Later output (warnings) is drained, never blocks the server.
      const { port } = JSON.parse(out.slice(0, newline)) as { port: number };
      resolve(handle(child, `http://127.0.0.1:${port}`));
    };
    child.stdout.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the bench server exited with code ${code} before listening`));
    });
  });
}

async function statusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1];
  if (!kb) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(kb) * 1024;
}

/** utime + stime from /proc/<pid>/stat (fields 14 and 15, after the parenthesised name). */
async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Ticks: 100 per second on Linux (USER_HZ).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function handle(child: ChildProcess, origin: string): ServerProcess {
  const pid = child.pid!;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    origin,
    pid,
    rssBytes: () => statusBytes(pid, 'VmRSS'),
    peakRssBytes: () => statusBytes(pid, 'VmHWM'),
    cpuSeconds: () => cpuSeconds(pid),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}

/** GET that must answer 200 (warm-ups and set-up look-ups); returns the body. */
export async function getOk(url: string, timeoutMs = 15 * 60_000): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${body.slice(0, 300)}`);
  return body;
}
