import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test, type Locator } from '@playwright/test';
import type { FastifyInstance } from 'fastify';
import { generateSampleHistory } from '../scripts/sample/generate.ts';
import type { ManifestSession } from '../scripts/sample/manifest.ts';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { apiPaths, paths } from '../contract/paths.ts';
import type {
  PrometheusCatalogue,
  PrometheusSeries,
} from '../contract/metrics/prometheus-types.ts';
import { E2E_SERVER_ENV } from './support/constants.ts';
import { startPrometheus, waitForSeries, type RunningPrometheus } from './support/prometheus.ts';
import {
  startRayMetricsExporter,
  type RayMetricsExporter,
  type RaySample,
} from './support/ray-metrics-exporter.ts';

// The Prometheus tab against a real Prometheus scraping a test exporter of Ray's metric names.
// Prometheus stores what it scrapes now, so the spec generates its own small history whose first
// session started a minute ago: the scraped samples fall inside the session's window.

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

// A cold Prometheus start, the sample generation and the first scrapes take a few seconds.
test.describe.configure({ retries: 0, timeout: 90_000 });

let historyDir: string;
let session: ManifestSession;
let other: ManifestSession;
let exporter: RayMetricsExporter;
let prometheus: RunningPrometheus;
let app: FastifyInstance;
let origin: string;

const instance = (ip: string) => `${ip}:8080`;
const cpuOf = (i: number) => 12.5 + 20 * i;

/** Every catalogue metric of every node of the session, and one node of another session. */
function raySamples(s: ManifestSession, otherSession: ManifestSession): RaySample[] {
  const samples: RaySample[] = [];
  const add = (name: string, labels: Record<string, string>, value: number) =>
    samples.push({ name, labels: { SessionName: s.sessionName, ...labels }, value });
  s.nodes.forEach((node, i) => {
    const at = { instance: instance(node.ip), IsHeadNode: String(node.isHead) };
    add('ray_node_cpu_utilization', at, cpuOf(i));
    add('ray_node_cpu_count', at, 8);
    add('ray_node_mem_used', at, (i + 1) * GIB);
    add('ray_node_mem_total', at, 16 * GIB);
    add('ray_node_disk_usage', at, 10 * (i + 1) * GIB);
    add('ray_node_disk_io_read_speed', at, 2 * MIB);
    add('ray_node_disk_io_write_speed', at, MIB);
    add('ray_node_network_receive_speed', at, 3 * MIB);
    add('ray_node_network_send_speed', at, MIB / 2);
    add('ray_resources', { ...at, Name: 'CPU', State: 'USED' }, 6);
    add('ray_resources', { ...at, Name: 'CPU', State: 'AVAILABLE' }, 2);
    if (node.group === 'gpu-group') {
      const gpu = { ...at, GpuIndex: '0', GpuDeviceName: 'NVIDIA A10' };
      add('ray_node_gpus_utilization', gpu, 87.5);
      add('ray_node_gram_used', gpu, 12_288);
      add('ray_resources', { ...at, Name: 'GPU', State: 'USED' }, 1);
    }
  });
  add('ray_object_store_memory', { Location: 'MMAP_SHM', ObjectState: 'SEALED' }, 1.5 * GIB);
  add('ray_object_store_memory', { Location: 'SPILLED', ObjectState: 'SEALED' }, 256 * MIB);
  add('ray_tasks', { State: 'RUNNING', Name: 'preprocess', IsRetry: '0' }, 12);
  add('ray_tasks', { State: 'PENDING_NODE_ASSIGNMENT', Name: 'preprocess', IsRetry: '0' }, 3);
  add('ray_tasks', { State: 'FINISHED', Name: 'preprocess', IsRetry: '0' }, 30);
  add('ray_actors', { State: 'ALIVE', Name: 'Trainer', Source: 'gcs' }, 4);
  add('ray_actors', { State: 'DEAD', Name: 'DataLoader', Source: 'gcs' }, 1);
  add('ray_actors', { State: 'RUNNING_TASK', Name: 'Trainer', Source: 'executor' }, 2);
  // Another session's node: its samples must never reach this session's charts.
  samples.push({
    name: 'ray_node_cpu_utilization',
    labels: { SessionName: otherSession.sessionName, instance: '10.99.99.99:8080' },
    value: 99,
  });
  return samples;
}

test.beforeAll(async () => {
  historyDir = await mkdtemp(path.join(tmpdir(), 'e2e-prometheus-history-'));
  // Whole seconds: the session then starts on the evaluation grid, which keeps the maths simple.
  const startTime = Math.floor(Date.now() / 1000) * 1000 - 60_000;
  const manifest = await generateSampleHistory({ out: historyDir, seed: 1, tasks: 40, startTime });
  [session, other] = manifest.sessions as [ManifestSession, ManifestSession];

  exporter = await startRayMetricsExporter(raySamples(session, other));
  prometheus = await startPrometheus([exporter.target]);
  await waitForSeries(prometheus, `ray_tasks{SessionName="${session.sessionName}"}`);

  const config = loadConfig({
    STORAGE_URL: pathToFileURL(historyDir).href,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    PROMETHEUS_URL: prometheus.url,
    ...E2E_SERVER_ENV,
  });
  app = await buildApp({ config });
  await app.listen({ host: '127.0.0.1', port: 0 });
  origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await app?.close();
  await prometheus?.stop();
  await exporter?.close();
  if (historyDir) await rm(historyDir, { recursive: true, force: true });
});

const scopeOf = (s: ManifestSession) => ({
  namespace: s.namespace,
  kind: s.kind,
  name: s.name,
  session: s.sessionName,
});

/** Points drawn in a line's SVG path: one M or L command each (a linear curve; gaps start a new M). */
async function pathPoints(line: Locator): Promise<number> {
  const d = (await line.getAttribute('d')) ?? '';
  return (d.match(/[ML]/g) ?? []).length;
}

test('the Prometheus tab charts the points a real Prometheus scraped for the session', async ({
  page,
  request,
}) => {
  const scope = scopeOf(session);
  // The page's own answer: Prometheus keeps scraping, so a later request would hold more points.
  const cpuAnswer = page.waitForResponse((r) =>
    r.url().endsWith(apiPaths.scoped(scope, '/metrics/prometheus/node-cpu')),
  );
  await page.goto(`${origin}${paths.metrics(scope)}?tab=prometheus`);
  await expect(page.getByRole('tab', { name: 'Prometheus' })).toHaveAttribute(
    'aria-selected',
    'true',
  );

  // Node CPU: one line per node of the session, with the exporter's values; no other session.
  const cpu = page.getByRole('figure', { name: 'Node CPU utilisation' });
  const lines = cpu.locator('.recharts-line path.recharts-line-curve');
  // The first charts wait for the session's cold load on a busy machine: generous on purpose.
  await expect(lines).toHaveCount(session.nodes.length, { timeout: 30_000 });
  const legend = cpu.locator('.recharts-legend-item-text');
  const instances = session.nodes.map((n) => instance(n.ip));
  await expect(legend).toHaveText(
    [...instances].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })),
  );
  await expect(cpu).not.toContainText('10.99.99.99');

  // The chart draws exactly the answer's non-empty values, all of them the exporter's.
  const answer = await cpuAnswer;
  expect(answer.status()).toBe(200);
  const data = (await answer.json()) as PrometheusSeries;
  expect(data.series.map((s) => s.name)).toEqual(await legend.allTextContents());
  for (const [i, line] of data.series.entries()) {
    const node = session.nodes.findIndex((n) => instance(n.ip) === line.name);
    const values = line.values.filter((v): v is number => v !== null);
    expect(values.length).toBeGreaterThan(0);
    expect(new Set(values)).toEqual(new Set([cpuOf(node)]));
    expect(await pathPoints(lines.nth(i))).toBe(values.length);
  }

  // The tooltip over the drawn lines reads the exporter's values, formatted as percentages.
  const box = (await lines.first().boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const tooltip = cpu.locator('.recharts-tooltip-wrapper');
  for (const [i, node] of session.nodes.entries())
    await expect(tooltip).toContainText(`${instance(node.ip)} : ${cpuOf(i)}%`);

  // Tasks by state: one line per state, the counts in the tooltip.
  const tasks = page.getByRole('figure', { name: 'Tasks by state' });
  await expect(tasks.locator('.recharts-legend-item-text')).toHaveText([
    'FINISHED',
    'PENDING_NODE_ASSIGNMENT',
    'RUNNING',
  ]);
  await tasks.scrollIntoViewIfNeeded();
  const taskLine = (await tasks.locator('path.recharts-line-curve').first().boundingBox())!;
  await page.mouse.move(taskLine.x + taskLine.width / 2, taskLine.y + taskLine.height / 2);
  await expect(tasks.locator('.recharts-tooltip-wrapper')).toContainText('RUNNING : 12 tasks');

  // Every catalogue metric is valid PromQL for the real Prometheus and drew its lines.
  const catalogue = (await (
    await request.get(`${origin}${apiPaths.scoped(scope, '/metrics/prometheus')}`)
  ).json()) as PrometheusCatalogue;
  expect(catalogue.configured).toBe(true);
  for (const metric of catalogue.metrics) {
    const figure = page.getByRole('figure', { name: metric.title });
    // A flat line has no height, which Playwright calls hidden: check it has points instead.
    await expect(figure.locator('path.recharts-line-curve').first(), metric.id).toHaveAttribute(
      'd',
      /^M[\d.]+,[\d.]+L/,
    );
    await expect(figure.getByRole('alert'), metric.id).toHaveCount(0);
  }
  await expect(page.getByRole('figure', { name: 'Actors by state' })).not.toContainText(
    'RUNNING_TASK',
  );
});

test('a session whose window Prometheus holds no samples for shows the empty state', async ({
  page,
}) => {
  await page.goto(`${origin}${paths.metrics(scopeOf(other))}?tab=prometheus`);
  const cpu = page.getByRole('figure', { name: 'Node CPU utilisation' });
  // Its window lies hours after the scrapes: Prometheus has nothing for it there.
  await expect(cpu.getByText(/No samples labelled/)).toContainText(other.sessionName);
});
