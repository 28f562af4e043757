import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runApiBench } from './api-bench.ts';
import { taskPagePath } from './bench-paths.ts';
import { measureColdLoad } from './cold-load.ts';
import { measureWarmRestart } from './warm-restart.ts';
import { runLogsBench } from './logs-bench.ts';
import { parseBenchArgs, sizeLabel, UsageError, USAGE } from './options.ts';
import { runPagingCheck } from './paging-check.ts';
import { budgetSummary, buildReport, hardBudgetMissed, type BenchResults } from './report.ts';
import {
  attemptCount,
  benchSample,
  largestSession,
  smallestSessionWithTasks,
  type Sample,
} from './samples.ts';
import { startServer, getOk, type ServerProcess } from './server-process.ts';
import { runSoak, SOAK_SNAPSHOT_CACHE_MB } from './soak.ts';
import { runHostileMix } from './hostile-bench.ts';
import { bundleChecks, timeToFirstRow } from './spa-bench.ts';
import { jobPageFirstPaint } from './first-paint-bench.ts';
import { formatTable } from './table.ts';

// npm run bench [-- flags, see options.ts]: one table of ratios against baselines measured in the
// same run — session cold load, logs, API throughput, SPA size and first row, a soak — and
// bench/results.json. Exits non-zero when a hard budget (sizes, soak errors) is missed.

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The soak rotates over this sample's sessions (cheap to load, so loads happen all the time). */
const SOAK_TASKS = 10_000;
/** Room for the million-task session and the small baseline session of time to first row. */
const BIG_SNAPSHOT_CACHE_MB = 4096;

/** The first line of an error's message, short enough for a table cell. */
const message = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);

class Bench {
  readonly results: BenchResults = {
    coldLoads: [],
    warmRestart: null,
    logs: null,
    api: null,
    spa: null,
    firstPaint: null,
    soak: null,
    hostile: null,
    errors: [],
  };
  readonly timingsMs: Record<string, number> = {};
  private readonly samples = new Map<number, Promise<Sample>>();

  sample(tasks: number): Promise<Sample> {
    let sample = this.samples.get(tasks);
    if (!sample) this.samples.set(tasks, (sample = benchSample(REPO, tasks)));
    return sample;
  }

  async generatedMs(): Promise<number> {
    const all = await Promise.allSettled(this.samples.values());
    return all.reduce((sum, s) => sum + (s.status === 'fulfilled' ? s.value.generatedMs : 0), 0);
  }

  /** Runs one section; a section that throws is reported (and fails the run), the rest go on. */
  async section(name: string, work: () => Promise<void>): Promise<boolean> {
    const started = performance.now();
    try {
      await work();
      return true;
    } catch (error) {
      console.error(`${name}: ${message(error)}`);
      this.results.errors.push({ section: name, message: message(error) });
      return false;
    } finally {
      this.timingsMs[name] = Math.round(performance.now() - started);
    }
  }
}

function build(): void {
  console.log('Building the SPA (vite build) ...');
  const result = spawnSync(
    process.execPath,
    [join(REPO, 'node_modules/vite/bin/vite.js'), 'build'],
    {
      cwd: REPO,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (result.status !== 0) throw new Error('vite build failed (see above)');
}

async function main(): Promise<void> {
  const started = performance.now();
  const options = parseBenchArgs(process.argv.slice(2), join(REPO, 'bench/results.json'));
  const bench = new Bench();
  const { sections } = options;
  const largestTasks = Math.max(...options.sizes);
  const needsBigServer = sections.has('api') || sections.has('spa');
  const needsBuild = needsBigServer || sections.has('firstpaint');

  if (sections.has('cold'))
    for (const tasks of options.sizes)
      await bench.section(`cold load ${sizeLabel(tasks)}`, async () => {
        bench.results.coldLoads.push(await measureColdLoad(REPO, await bench.sample(tasks)));
      });

  if (sections.has('warm'))
    await bench.section(`warm restart ${sizeLabel(largestTasks)}`, async () => {
      bench.results.warmRestart = await measureWarmRestart(REPO, await bench.sample(largestTasks));
    });

  if (needsBuild)
    await bench.section('build', async () => {
      if (options.build) build();
      else if (!existsSync(join(REPO, 'dist/index.html')))
        throw new Error('dist/ is not built: run without --skip-build');
    });

  // The big session's server warms (a cold load of its largest session, minutes for a million
  // tasks) while the logs and soak sections run, so the run stays within its time budget. The
  // soak measures failures and memory, not speed; the logs rows are ratios of runs taken
  // back to back under the same load.
  let bigServer: ServerProcess | null = null;
  let warm: Promise<void> = Promise.resolve();
  let big: Sample | null = null;
  if (needsBigServer) {
    await bench.section('start server', async () => {
      big = await bench.sample(largestTasks);
      const server = await startServer(REPO, {
        storageDir: big.dir,
        snapshotCacheMb: BIG_SNAPSHOT_CACHE_MB,
      });
      bigServer = server;
      const session = largestSession(big.manifest);
      console.log(`Warming ${session.sessionName} on ${server.origin} ...`);
      const warmStarted = performance.now();
      warm = getOk(`${server.origin}${taskPagePath(session, 0)}`).then(() => {
        bench.timingsMs['warm big server'] = Math.round(performance.now() - warmStarted);
      });
      warm.catch(() => undefined); // Awaited (and reported) below.
    });
  }

  try {
    if (sections.has('logs'))
      await bench.section('logs', async () => {
        bench.results.logs = await runLogsBench(options.logMb, options.quick);
      });

    if (sections.has('firstpaint'))
      await bench.section('firstpaint', async () => {
        const sample = await bench.sample(SOAK_TASKS);
        const server = await startServer(REPO, { storageDir: sample.dir });
        try {
          const session = largestSession(sample.manifest);
          bench.results.firstPaint = await jobPageFirstPaint(
            server.origin,
            session,
            options.pageRuns,
          );
        } finally {
          await server.stop();
        }
      });

    if (sections.has('soak'))
      await bench.section('soak', async () => {
        const sample = await bench.sample(SOAK_TASKS);
        const server = await startServer(REPO, {
          storageDir: sample.dir,
          snapshotCacheMb: SOAK_SNAPSHOT_CACHE_MB,
        });
        try {
          bench.results.soak = await runSoak(server, sample.dir, sample.manifest, {
            seconds: options.soakSeconds,
            connections: options.connections,
          });
        } finally {
          await server.stop();
        }
      });

    if (sections.has('hostile'))
      await bench.section('hostile', async () => {
        bench.results.hostile = await runHostileMix(REPO, {
          seconds: options.hostileSeconds,
          connections: options.connections,
          // Big enough that every whole-file read is a 16 MiB answer.
          logMb: Math.min(options.logMb, 300),
        });
      });

    const server = bigServer as ServerProcess | null;
    const sample = big as Sample | null;
    if (server && sample && (await bench.section('warm', () => warm))) {
      const session = largestSession(sample.manifest);
      if (sections.has('api'))
        await bench.section('api', async () => {
          bench.results.api = await runApiBench(server, sample.dir, session, {
            seconds: options.apiSeconds,
            connections: options.connections,
          });
        });
      if (sections.has('spa'))
        await bench.section('spa', async () => {
          const bundles = bundleChecks(REPO);
          const baseline = smallestSessionWithTasks(sample.manifest);
          const firstRow = await timeToFirstRow(
            server.origin,
            [session, baseline],
            options.pageRuns,
          );
          const paging = await runPagingCheck(REPO, server, sample, attemptCount(session));
          bench.results.spa = { bundles, firstRow, paging };
        });
    }
  } finally {
    await (bigServer as ServerProcess | null)?.stop();
  }

  const report = buildReport(bench.results, options.sizes.length ? largestTasks : null);
  const wallMs = performance.now() - started;
  const generatedMs = await bench.generatedMs();
  const title = `Ray History bench · ${new Date().toISOString()} · node ${process.version} · ${cpus().length} CPUs · ${options.quick ? 'quick' : 'full'} run`;
  const table = formatTable(title, report.sections);
  const summary = budgetSummary(report.budgets);
  const wall = `Wall time ${(wallMs / 60_000).toFixed(1)} min (of which generating samples ${(generatedMs / 1000).toFixed(0)} s).`;
  console.log(`\n${table}\n${summary.join('\n')}\n${wall}\n`);

  await mkdir(dirname(options.out), { recursive: true });
  await writeFile(
    options.out,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        cpus: cpus().length,
        options: { ...options, sections: [...options.sections] },
        wallMs: Math.round(wallMs),
        generatedSamplesMs: Math.round(generatedMs),
        timingsMs: bench.timingsMs,
        ratios: report.ratios,
        budgets: report.budgets,
        results: bench.results,
        table,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`Results written to ${options.out}`);
  if (hardBudgetMissed(report.budgets)) process.exitCode = 1;
}

try {
  await main();
} catch (error) {
  console.error(message(error));
  if (error instanceof UsageError) console.error(USAGE);
  process.exitCode = 2;
}
