import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildApp } from './app.ts';
import { loadConfig, REPO_ROOT, type ServerConfig } from './config.ts';
import { warmParsePool } from './history/ingest/parse-pool.ts';

// Starts the HistoryServer. Without STORAGE_URL it serves a generated sample history from
// .sample-history/ so `npm start` shows something on a fresh clone.

const SAMPLE_DIR = join(REPO_ROOT, '.sample-history');

async function ensureSampleHistory(): Promise<string> {
  if (!existsSync(join(SAMPLE_DIR, 'sample-manifest.json'))) {
    // Imported lazily: production images never need the generator.
    const { generateSampleHistory } = await import('../scripts/sample/generate.ts');
    await generateSampleHistory({ out: SAMPLE_DIR, seed: 1 });
  }
  return pathToFileURL(SAMPLE_DIR).href;
}

async function withStorage(config: ServerConfig): Promise<ServerConfig> {
  if (config.storage.url) return config;
  return { ...config, storage: { ...config.storage, url: await ensureSampleHistory() } };
}

async function main(): Promise<void> {
  const config = await withStorage(loadConfig(process.env));
  const app = await buildApp({ config });
  const close = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void close('SIGTERM'));
  process.once('SIGINT', () => void close('SIGINT'));
  await app.listen({ port: config.server.port, host: config.server.host });
  // Session loads parse on a pool of threads kept for the process: start it before the first.
  void warmParsePool();
  app.log.info(
    { storage: config.storage.url, basePath: config.server.basePath, auth: config.auth.mode },
    'history server ready',
  );
}

try {
  await main();
} catch (error) {
  // Configuration errors name the variable; print them plainly and stop.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
