import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { featuredSessions, sampleManifest } from '../e2e/support/sample.ts';
import { paths } from '../contract/paths.ts';

// `npm run screenshots`: starts the server on the sample history and saves every view in both
// themes to docs/screenshots/<view>-<theme>.png (1280×800), plus a README listing them.

const PORT = Number(process.env.SCREENSHOT_PORT ?? 8193);
const OUT = path.resolve('docs/screenshots');
const base = `http://127.0.0.1:${PORT}`;

const server = spawn('node', ['--import', 'tsx', 'e2e/support/start-server.ts'], {
  env: { ...process.env, E2E_PORT: String(PORT) },
  stdio: 'ignore',
});

async function waitForServer() {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/readz`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('The server did not start');
}

try {
  await waitForServer();
  const manifest = sampleManifest();
  const s = featuredSessions(manifest)[0]!;
  const scope = { namespace: s.namespace, kind: s.kind, name: s.name, session: s.sessionName };
  const actors = (await (
    await fetch(`${base}/api${paths.session(scope)}/logical/actors`)
  ).json()) as {
    data: { actors: Record<string, unknown> };
  };
  const dead = s.nodes.find((n) => n.state === 'DEAD') ?? s.nodes[0]!;
  const job = s.jobs[0]!;
  const tasks = (await (
    await fetch(`${base}/api${paths.session(scope)}/api/v0/tasks?limit=1`)
  ).json()) as { data: { result: { result: { task_id: string }[] } } };
  const taskId = tasks.data.result.result[0]?.task_id;
  const views: [string, string][] = [
    ['clusters', paths.clusters()],
    ['overview', paths.session(scope)],
    ['jobs', paths.jobs(scope)],
    ['job', paths.job(scope, job.jobId)],
    ['tasks', paths.tasks(scope)],
    ...(taskId ? ([['task', paths.task(scope, taskId)]] as [string, string][]) : []),
    ['actors', paths.actors(scope)],
    ['actor', paths.actor(scope, Object.keys(actors.data.actors)[0] ?? 'none')],
    ['nodes', paths.nodes(scope)],
    ['node', paths.node(scope, dead.nodeId)],
    ['events', paths.events(scope)],
    ['timeline', paths.timeline(scope)],
    ['logs', paths.logs(scope, { node: dead.nodeId })],
  ];
  await mkdir(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-gpu', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const saved: string[] = [];
  for (const [view, url] of views) {
    for (const theme of ['light', 'dark']) {
      const file = `${view}-${theme}.png`;
      await page.goto(`${base}${url}${url.includes('?') ? '&' : '?'}theme=${theme}`);
      await page
        .getByRole('heading', { level: 1 })
        .first()
        .waitFor({ timeout: 20_000 })
        .catch(() => {});
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: path.join(OUT, file) });
      saved.push(`| ${view} | ${theme} | [${file}](${file}) | \`${url}\` |`);
      console.log(`saved ${file}`);
    }
  }
  await browser.close();
  await writeFile(
    path.join(OUT, 'README.md'),
    [
      '# Screenshots',
      '',
      'Every view on the sample history (`npm run sample`, seed 1) at 1280×800, in both themes.',
      'Regenerate with `npm run screenshots` (builds nothing: run `npm run build` first).',
      '',
      '| view | theme | file | URL |',
      '| ---- | ----- | ---- | --- |',
      ...saved,
      '',
    ].join('\n'),
  );
} finally {
  server.kill();
}
