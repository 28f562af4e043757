import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { FsStorage } from '../storage/fs-storage.ts';
import { tempFolder, testApp, type TempFolder } from '../test/history.ts';

let history: TempFolder | undefined;
afterEach(() => history?.remove());

describe('probes', () => {
  it('are live and ready when storage answers', async () => {
    history = await tempFolder({ 'cluster-metadata/readme': '' });
    const app = await testApp(history);
    expect((await app.inject('/livez')).statusCode).toBe(200);
    const ready = await app.inject('/readz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
    const details = await app.inject('/api/readz');
    expect(details.json()).toEqual({
      status: 'ready',
      storage: expect.stringMatching(/^file:\/\//),
    });
    await app.close();
  });

  it('are live but not ready when the storage folder is gone', async () => {
    const config = loadConfig({});
    const app = await buildApp({
      config,
      storage: new FsStorage('/nonexistent/history-root'),
      logger: false,
    });
    expect((await app.inject('/livez')).statusCode).toBe(200);
    const ready = await app.inject('/readz');
    expect(ready.statusCode).toBe(503);
    expect(ready.json().message).toBe('Not ready: history storage is not reachable');
    const details = await app.inject('/api/readz');
    expect(details.statusCode).toBe(503);
    expect(details.json().message).toMatch(/nonexistent\/history-root is not reachable/);
    const sessions = await app.inject('/api/sessions');
    expect(sessions.statusCode).toBe(503);
    await app.close();
  });

  it('serve the public config', async () => {
    history = await tempFolder();
    const app = await testApp(history, { AUTH_MODE: 'token', AUTH_TOKEN: 'hunter2' });
    const res = await app.inject('/config.json');
    expect(res.json().auth).toEqual({ mode: 'token' });
    expect(res.body).not.toContain('hunter2');
    await app.close();
  });

  it('mount everything under BASE_PATH', async () => {
    history = await tempFolder();
    const app = await testApp(history, { BASE_PATH: '/ray/' });
    expect((await app.inject('/ray/livez')).statusCode).toBe(200);
    expect((await app.inject('/ray/config.json')).json().basePath).toBe('/ray');
    await app.close();
  });
});
