import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance, FastifyLoggerOptions } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { loggerOptions } from '../../server/http/logging.ts';
import { E2E_HISTORY_DIR, E2E_SERVER_ENV } from './constants.ts';
import { ensureE2eHistory } from './sample-history.ts';

// An in-process server for the login specs: the e2e sample history, the auth settings of the
// spec, and the production logger (with its redaction) writing into memory for the log checks.

export interface AuthApp {
  app: FastifyInstance;
  origin: string;
  /** Everything the server logged so far, one JSON object per line. */
  logs: () => string;
  close: () => Promise<void>;
}

export async function startAuthApp(
  env: Record<string, string>,
  host = '127.0.0.1',
): Promise<AuthApp> {
  await ensureE2eHistory();
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const config = loadConfig({
    STORAGE_URL: pathToFileURL(E2E_HISTORY_DIR).href,
    HOST: host,
    ...E2E_SERVER_ENV,
    ...env,
  });
  // The level production runs at, so the log check sees what a deployment would write.
  const app = await buildApp({
    config,
    logger: { ...(loggerOptions(config.server.logLevel) as FastifyLoggerOptions), stream },
  });
  await app.listen({ host, port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    origin: `http://${host}:${port}`,
    logs: () => lines.join(''),
    close: async () => {
      app.server.closeAllConnections();
      await app.close();
    },
  };
}

/** Secrets that must never appear in logs (or responses): none of them, nor any long part. */
export function leakedSecrets(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((secret) => secret.length >= 8 && text.includes(secret));
}
