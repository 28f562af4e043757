import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runParallel } from '../run-parallel.ts';
import { ensurePrerequisites } from './prerequisites.ts';
import { formatStageTable, type StageTime } from './stage-table.ts';

// `npm test`: the stages in order, each only if the ones before passed — the programs the tests
// need, then lint, typecheck and build side by side, bundle sizes, Vitest, Playwright — and a
// table of where the time went at the end (also after a failure).

type StageRun = () => Promise<Pick<StageTime, 'verdict' | 'parts'>>;

interface Stage {
  name: string;
  run: StageRun;
}

/** Streams a command's output as it runs (the long stages report progress themselves). */
function command(file: string, args: string[]): StageRun {
  return () =>
    new Promise((resolve) => {
      const child = spawn(file, args, { stdio: 'inherit' });
      child.on('error', (error) => {
        console.error(`${file}: ${error.message}`);
        resolve({ verdict: 'FAILED' });
      });
      child.on('close', (code) => resolve({ verdict: code === 0 ? 'passed' : 'FAILED' }));
    });
}

const npmScript = (name: string) => command('npm', ['run', '--silent', name]);

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
  { name: 'bundle size', run: npmScript('size') },
  { name: 'unit (vitest)', run: npmScript('test:unit') },
  { name: 'e2e (playwright)', run: command(process.execPath, [playwright, 'test']) },
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
