import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import FilesystemStore from 's3rver/lib/stores/filesystem.js';
import { forEachLimited } from '../history/ingest/concurrency.ts';
import { loadConfig } from '../config.ts';
import { s3ClientConfig } from '../storage/s3-client.ts';
import { S3Storage } from '../storage/s3-storage.ts';

// Test support: s3rver (an S3 stand-in) on loopback in a child process, with a bucket to fill from a folder or a
// key list, a client configured exactly as production configures one, and stop/start to play
// an outage. Used by the storage and API tests and by the e2e suite's s3 project.

export const TEST_BUCKET = 'ray-history';
const UPLOAD_CONCURRENCY = 8;

export interface S3TestServer {
  endpoint: string;
  port: number;
  client: S3Client;
  /** Environment that points the server at this bucket (STORAGE_URL, S3_ENDPOINT, keys …). */
  env(prefix?: string): Record<string, string>;
  storage(prefix?: string): S3Storage;
  put(key: string, body: string | Buffer): Promise<void>;
  /** Every file under `dir`, as keys relative to it (below `prefix`). */
  uploadFolder(dir: string, prefix?: string): Promise<number>;
  /**
   * Writes empty objects straight into s3rver's store (its own FilesystemStore, not HTTP): seeds
   * tens of thousands of keys in seconds, where 10,000 PUTs take most of a minute. Listing and
   * reading them still go through s3rver's S3 API.
   */
  seedEmpty(keys: readonly string[]): Promise<void>;
  /** Stops answering: refuses new connections and cuts the open ones. */
  stop(): Promise<void>;
  /** Answers again on the same port with the same objects. */
  start(): Promise<void>;
  close(): Promise<void>;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

const PROCESS_SCRIPT = fileURLToPath(new URL('./s3rver-process.ts', import.meta.url));

/** Starts s3rver and resolves once it listens, with its port. */
async function spawnS3rver(
  port: number,
  directory: string,
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    [
      '--openssl-legacy-provider',
      '--import',
      'tsx',
      PROCESS_SCRIPT,
      String(port),
      directory,
      TEST_BUCKET,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  for await (const chunk of child.stdout!) {
    output += String(chunk);
    const ready = /ready (\d+)/.exec(output);
    if (ready) return { child, port: Number(ready[1]) };
  }
  throw new Error(`s3rver did not start (exit code ${String(child.exitCode)})`);
}

export async function startS3TestServer(options: { port?: number } = {}): Promise<S3TestServer> {
  const directory = await mkdtemp(join(tmpdir(), 's3rver-'));
  const first = await spawnS3rver(options.port ?? 0, directory);
  let child: ChildProcess | null = first.child;
  const port = first.port;
  const endpoint = `http://127.0.0.1:${port}`;
  const env = (prefix = ''): Record<string, string> => ({
    STORAGE_URL: `s3://${TEST_BUCKET}${prefix ? `/${prefix}` : ''}`,
    S3_ENDPOINT: endpoint,
    S3_REGION: 'us-east-1',
    S3_FORCE_PATH_STYLE: 'true',
    // s3rver's fixed development keys.
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
  });
  const client = new S3Client(s3ClientConfig(loadConfig(env()).storage, 's3'));
  const put = async (key: string, body: string | Buffer) => {
    await client.send(new PutObjectCommand({ Bucket: TEST_BUCKET, Key: key, Body: body }));
  };
  const stop = async () => {
    if (!child) return;
    const exited = child.exitCode === null ? once(child, 'exit') : Promise.resolve();
    child.kill('SIGKILL');
    child = null;
    await exited;
  };
  return {
    endpoint,
    port,
    client,
    env,
    storage: (prefix = '') =>
      new S3Storage({
        client,
        bucket: TEST_BUCKET,
        prefix,
        description: `s3://${TEST_BUCKET}/${prefix}`,
      }),
    put,
    async uploadFolder(dir, prefix = '') {
      const files = await filesUnder(dir);
      await forEachLimited(files, UPLOAD_CONCURRENCY, async (file) =>
        put(prefix + file, await readFile(join(dir, file))),
      );
      return files.length;
    },
    async seedEmpty(keys) {
      const store = new FilesystemStore(directory);
      const metadata = { 'content-type': 'application/octet-stream' };
      await forEachLimited(keys, 32, async (key) => {
        await store.putObject({ bucket: TEST_BUCKET, key, content: Buffer.alloc(0), metadata });
      });
    },
    stop,
    async start() {
      if (child) return;
      child = (await spawnS3rver(port, directory)).child;
    },
    async close() {
      await stop();
      client.destroy();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
