import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.ts';

// The real Prometheus (Debian's package; .ci/run installs it) for the e2e: a temp config that
// scrapes the given targets every second, a temp TSDB, a free loopback port. Stopped and
// removed by stop(). A missing binary fails the test with how to install it: never a skip.

export const PROMETHEUS_BIN = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';
const READY_TIMEOUT_MS = 20_000;

export interface RunningPrometheus {
  url: string;
  /** Instant query; the API's `data.result`. */
  query: (promql: string) => Promise<unknown[]>;
  stop: () => Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function scrapeConfig(targets: string[]): string {
  // honor_labels: the exporter stands in for several Ray nodes at once, each sample carrying
  // its node's `instance`; Prometheus would otherwise overwrite it with the exporter's address.
  return [
    'global:',
    '  scrape_interval: 1s',
    '  scrape_timeout: 1s',
    'scrape_configs:',
    '  - job_name: ray',
    '    honor_labels: true',
    '    static_configs:',
    `      - targets: [${targets.map((t) => `'${t}'`).join(', ')}]`,
    '',
  ].join('\n');
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export async function startPrometheus(targets: string[]): Promise<RunningPrometheus> {
  if (!existsSync(PROMETHEUS_BIN))
    throw new Error(
      `Prometheus is not installed at ${PROMETHEUS_BIN}: install Debian's package (apt-get install prometheus; .ci/run does) or set PROMETHEUS_BIN.`,
    );
  const dir = await mkdtemp(path.join(tmpdir(), 'e2e-prometheus-'));
  const config = path.join(dir, 'prometheus.yml');
  await writeFile(config, scrapeConfig(targets));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const stop = async () => {
    await stopProcess(child);
    await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`Prometheus exited with code ${child.exitCode}:\n${stderr}`);
    }
    const ready = await fetch(`${url}/-/ready`).then(
      (res) => res.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Prometheus was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${stderr}`);
    }
    await sleep(100);
  }

  const query = async (promql: string) => {
    const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = (await res.json()) as {
      status: string;
      error?: string;
      data?: { result: unknown[] };
    };
    if (body.status !== 'success') throw new Error(`Prometheus query failed: ${body.error}`);
    return body.data!.result;
  };
  return { url, query, stop };
}

/** Polls `promql` until it returns a series: the first scrape landed in the TSDB. */
export async function waitForSeries(
  prometheus: RunningPrometheus,
  promql: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await prometheus.query(promql)).length === 0) {
    if (Date.now() > deadline)
      throw new Error(`Prometheus had no samples for ${promql} after ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}
