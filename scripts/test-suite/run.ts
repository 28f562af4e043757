import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runParallel } from '../run-parallel.ts';
import { ensurePrerequisites } from './prerequisites.ts';
import { formatStageTable, type StageTime } from './stage-table.ts';

// `npm test`: the stages in order, each only if the ones before passed — the programs the tests
// need, then lint, typecheck and build side by side, then bundle sizes and Vitest beside
// Playwright — and a table of where the time went at the end (also after a failure).

type StageRun = () => Promise<Pick<StageTime, 'verdict' | 'parts'>>;

interface Stage {
  name: string;
  run: StageRun;
}

function sideBySide(names: string[]): StageRun {
  return async () => {
    const outcomes = await runParallel(names);
    const parts = outcomes.map((o) => ({
      name: o.name,
      verdict: o.code === 0 ? 'passed' : 'FAILED',
      wallSeconds: o.seconds,
    }));
    return { verdict: outcomes.every((o) => o.code === 0) ? 'passed' : 'FAILED', parts };
  };
}

interface Command {
  name: string;
  file: string;
  args: string[];
}

interface Started {
  done: Promise<{ code: number; seconds: number }>;
  stop: () => void;
}

/** Starts a command whose output is streamed (`held: false`) or printed whole when it ends. */
function start(cmd: Command, held: boolean): Started {
  const started = performance.now();
  const child = spawn(cmd.file, cmd.args, {
    stdio: held ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env: held ? { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' } : process.env,
  });
  const chunks: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<{ code: number; seconds: number }>((resolve) => {
    const finish = (code: number) => {
      const seconds = (performance.now() - started) / 1000;
      if (held) process.stdout.write(`\n> ${cmd.name}\n${Buffer.concat(chunks).toString('utf8')}`);
      console.log(`> ${cmd.name}: ${code === 0 ? 'passed' : 'FAILED'} in ${seconds.toFixed(1)} s`);
      resolve({ code, seconds });
    };
    child.on('error', (error) => {
      chunks.push(Buffer.from(`${cmd.file}: ${error.message}\n`));
      finish(1);
    });
    child.on('close', (code, signal) => finish(code ?? (signal ? 1 : 0)));
  });
  return { done, stop: () => child.kill('SIGTERM') };
}

/**
 * The held commands beside the streamed one, all at once. For the e2e run: Playwright leaves
 * the cores idle much of its time (server start-ups, page loads, polling), and the unit tests
 * fill it. A held command that fails stops the streamed one, as a failed stage stopped the
 * stages after it before.
 */
function beside(held: Command[], streamed: Command): StageRun {
  return async () => {
    const main = start(streamed, false);
    const others = held.map((cmd) => start(cmd, true));
    for (const other of others)
      void other.done.then(({ code }) => {
        if (code !== 0) main.stop();
      });
    const outcomes = await Promise.all([...others, main].map((s) => s.done));
    const names = [...held, streamed].map((cmd) => cmd.name);
    const parts = outcomes.map((o, i) => ({
      name: names[i]!,
      verdict: o.code === 0 ? 'passed' : 'FAILED',
      wallSeconds: o.seconds,
    }));
    return { verdict: outcomes.every((o) => o.code === 0) ? 'passed' : 'FAILED', parts };
  };
}

function inProcess(work: () => void): StageRun {
  return () => {
    try {
      work();
      return Promise.resolve({ verdict: 'passed' });
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
      return Promise.resolve({ verdict: 'FAILED' });
    }
  };
}

/** Linux counts USER_HZ = 100 ticks per second in /proc, whatever the kernel's own HZ. */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds of this process's finished children and everything they waited for (cutime +
 * cstime of /proc/self/stat); null off Linux.
 */
function childrenCpuSeconds(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

const playwright = createRequire(import.meta.url).resolve('@playwright/test/cli');

const STAGES: Stage[] = [
  { name: 'prerequisites', run: inProcess(() => ensurePrerequisites()) },
  { name: 'lint, typecheck, build', run: sideBySide(['lint', 'typecheck', 'build']) },
  {
    name: 'bundle size, unit, e2e',
    run: beside(
      [
        { name: 'bundle size', file: 'npm', args: ['run', '--silent', 'size'] },
        { name: 'unit (vitest)', file: 'npm', args: ['run', '--silent', 'test:unit'] },
      ],
      { name: 'e2e (playwright)', file: process.execPath, args: [playwright, 'test'] },
    ),
  },
];

const started = performance.now();
const times: StageTime[] = [];
let failed = false;
for (const stage of STAGES) {
  if (failed) {
    times.push({ name: stage.name, verdict: 'not run', wallSeconds: 0, cpuSeconds: null });
    continue;
  }
  const stageStarted = performance.now();
  const cpuBefore = childrenCpuSeconds();
  const outcome = await stage.run();
  const cpuAfter = childrenCpuSeconds();
  times.push({
    name: stage.name,
    ...outcome,
    wallSeconds: (performance.now() - stageStarted) / 1000,
    cpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
  });
  failed = outcome.verdict === 'FAILED';
}
console.log(`\nnpm test: ${failed ? 'FAILED' : 'passed'}\n`);
console.log(formatStageTable(times, (performance.now() - started) / 1000));
process.exit(failed ? 1 : 0);
