import { spawn } from 'node:child_process';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateSampleHistory } from '../sample/generate.ts';
import { MANIFEST_FILE, type ManifestSession, type SampleManifest } from '../sample/manifest.ts';
import type { SessionInfo } from '../../src/types/api.ts';
import type { LoadMeasurement, OursMeasurement } from './measure.ts';
import { runLogsBench } from './logs-bench.ts';
import { formatNumber, formatTable, mib, type Row } from './table.ts';

// npm run bench [-- --tasks N --seed N --dir DIR]
// Cold-loads the largest generated session the way the server does and the naive way, each in
// its own process, then times task pages; prints a table and writes bench/results.json.

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../..');
const MEASURE = join(HERE, 'measure.ts');

async function sampleFor(dir: string, tasks: number, seed: number): Promise<SampleManifest> {
  const manifestPath = join(dir, MANIFEST_FILE);
  const exists = await access(manifestPath).then(
    () => true,
    () => false,
  );
  if (exists) {
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as SampleManifest;
    if (manifest.options.tasks === tasks && manifest.seed === seed) {
      console.log(`Reusing the sample history in ${dir}`);
      return manifest;
    }
  }
  console.log(`Generating a sample history with ${formatNumber(tasks)} tasks in ${dir} ...`);
  const started = performance.now();
  const manifest = await generateSampleHistory({ out: dir, tasks, seed });
  console.log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return manifest;
}

function sessionInfo(s: ManifestSession): SessionInfo {
  return {
    namespace: s.namespace,
    kind: s.kind,
    name: s.name,
    clusterName: s.clusterName,
    ...(s.ownerName ? { ownerName: s.ownerName } : {}),
    sessionName: s.sessionName,
    startTime: s.startTimeMs,
  };
}

/** Runs measure.ts in a fresh node with --expose-gc; resolves its JSON, or null if it died (e.g. out of memory). */
function measure<T>(args: string[]): Promise<T | null> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=16384', '--import', 'tsx', MEASURE, ...args],
      { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] },
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

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const millis = (ms: number) => `${ms.toFixed(1)} ms`;
const megabytes = (bytes: number) => `${formatNumber(mib(bytes), 1)} MiB`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tasks: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: '42' },
      dir: { type: 'string' },
      out: { type: 'string', default: join(REPO, 'bench/results.json') },
    },
  });
  const tasks = Number(values.tasks);
  const seed = Number(values.seed);
  if (!Number.isInteger(tasks) || tasks < 1) throw new Error('--tasks must be a positive integer');
  if (!Number.isInteger(seed) || seed < 0) throw new Error('--seed must be a non-negative integer');
  const dir = values.dir ?? `/tmp/ray-history-bench-${tasks}`;

  const manifest = await sampleFor(dir, tasks, seed);
  // The first session holds the requested tasks (the generator's largest session).
  const session = sessionInfo(manifest.sessions[0]!);
  console.log(`Measuring ${session.sessionName} (cold load in a fresh process each time) ...`);

  const ours = await measure<OursMeasurement>(['ours', dir, JSON.stringify(session)]);
  if (!ours) throw new Error('the server-side load failed; see the output above');
  const naive = await measure<LoadMeasurement>([
    'naive',
    dir,
    JSON.stringify(session),
    String(ours.attempts),
  ]);

  const perAttempt = (m: LoadMeasurement) => m.retainedBytes / Math.max(1, m.attempts);
  const rows: Row[] = [
    ['task attempts', formatNumber(ours.attempts)],
    ['events', formatNumber(ours.events)],
    ['stored event bytes', megabytes(ours.storedBytes)],
    ['cold load', seconds(ours.loadMs)],
    ['events/s', formatNumber(ours.events / (ours.loadMs / 1000))],
    ['stored MB/s', formatNumber(mib(ours.storedBytes) / (ours.loadMs / 1000), 1)],
    ['peak RSS', megabytes(ours.peakRssBytes)],
    ['retained bytes per task attempt', formatNumber(perAttempt(ours))],
  ];
  if (naive) {
    rows.push(
      ['naive load (read whole, JSON.parse, keep objects)', seconds(naive.loadMs)],
      ['naive peak RSS', megabytes(naive.peakRssBytes)],
      ['naive retained bytes per task attempt', formatNumber(perAttempt(naive))],
      ['naive / ours, load time', `${(naive.loadMs / ours.loadMs).toFixed(2)}x`],
      [
        'naive / ours, retained memory',
        `${(naive.retainedBytes / Math.max(1, ours.retainedBytes)).toFixed(1)}x`,
      ],
    );
  } else rows.push(['naive load', 'failed (out of memory?)']);
  for (const l of ours.latencies)
    rows.push([`${l.label} (first / median of 5)`, `${millis(l.firstMs)} / ${millis(l.medianMs)}`]);

  rows.push(...(await runLogsBench()));

  console.log(
    `\n${formatTable(`Ray History bench: ${formatNumber(tasks)} tasks, seed ${seed}`, rows)}\n`,
  );

  const results = {
    date: new Date().toISOString(),
    node: process.version,
    tasks,
    seed,
    session: session.sessionName,
    sampleDir: dir,
    ours,
    naive,
    ratios: naive
      ? {
          loadTime: naive.loadMs / ours.loadMs,
          retainedMemory: naive.retainedBytes / Math.max(1, ours.retainedBytes),
        }
      : null,
  };
  await mkdir(dirname(values.out), { recursive: true });
  await writeFile(values.out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`Results written to ${values.out}`);
}

await main();
