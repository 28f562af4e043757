import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { apiPaths } from '../../contract/paths.ts';
import type { BuildAppOptions } from '../app.ts';
import { nodeLogKey } from '../history/layout.ts';
import { tempFolder, testApp, type TempFolder } from './history.ts';
import { ids, scope, session, writeFixture } from './session-routes.ts';

// Test support for the hostile-input suites: the small hand-written session, one known log
// file to prove the server still answers correctly after each refusal, and assertions shared
// by every suite.

export { ids, scope, session };

export const GOOD_LOG = 'raylet.out';
export const GOOD_LOG_TEXT = 'raylet started\n';

export interface HostileHistory {
  history: TempFolder;
  app: FastifyInstance;
  /** Writes a file into the head node's `logs/`. */
  writeLog(path: string, content: string | Buffer): Promise<void>;
  close(): Promise<void>;
}

export async function hostileHistory(
  env: NodeJS.ProcessEnv = {},
  options: Partial<BuildAppOptions> = {},
): Promise<HostileHistory> {
  const history = await tempFolder();
  await writeFixture(history);
  const app = await testApp(history, env, options);
  return {
    history,
    app,
    writeLog: (path, content) => history.write(nodeLogKey(session, ids.head, path), content),
    async close() {
      await app.close();
      await history.remove();
    },
  };
}

export const scoped = (rayPath: string) => apiPaths.scoped(scope, rayPath);

export const logFileUrl = (query: string) =>
  scoped(`/api/v0/logs/file?node_id=${ids.head}&${query}`);

/** A 4xx JSON error whose message contains every one of `words`. */
export function expectRefused(
  res: LightMyRequestResponse,
  status: number,
  ...words: (string | RegExp)[]
): void {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.json() as { statusCode: number; message: string };
  expect(body.statusCode).toBe(status);
  for (const word of words) expect(body.message).toMatch(word);
}

/** The server still answers, and answers right: the known log file comes back whole. */
export async function expectStillServing(app: FastifyInstance): Promise<void> {
  const res = await app.inject(logFileUrl(`filename=${GOOD_LOG}`));
  expect(res.statusCode).toBe(200);
  expect(res.body).toBe(GOOD_LOG_TEXT);
  const jobs = await app.inject(scoped('/api/jobs/'));
  expect(jobs.statusCode).toBe(200);
  expect((jobs.json() as unknown[]).length).toBe(3);
}
