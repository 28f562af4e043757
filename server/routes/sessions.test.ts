import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempFolder, testApp, type TempFolder } from '../test/history.ts';

const OLD = 'session_2026-01-10_08-00-00_000001_1';
const NEW = 'session_2026-01-11_19-38-40_146706_1';

let history: TempFolder;
let dist: TempFolder;
let app: FastifyInstance;

beforeAll(async () => {
  history = await tempFolder({
    [`cluster-metadata/raycluster/default_raycluster-a/${OLD}`]: '',
    [`cluster-metadata/rayjob/ml_train_train-raycluster-x/${NEW}`]: '',
  });
  dist = await tempFolder({ 'index.html': '<!doctype html><title>Ray History</title>' });
  app = await testApp(history, { STATIC_DIR: dist.dir });
});
afterAll(async () => {
  await app.close();
  await history.remove();
  await dist.remove();
});

describe('GET /api/sessions', () => {
  it('answers a page of sessions, newest first', async () => {
    const res = await app.inject('/api/sessions?pageSize=1');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      sessions: [
        {
          namespace: 'ml',
          kind: 'rayjob',
          name: 'train',
          clusterName: 'train-raycluster-x',
          ownerName: 'train',
          sessionName: NEW,
          startTime: Date.UTC(2026, 0, 11, 19, 38, 40, 146),
          // Nothing of this session is in memory yet: the list does not wait for its outcome.
          outcome: { state: 'pending' },
        },
      ],
      total: 2,
      page: 1,
      pageSize: 1,
      namespaces: ['default', 'ml'],
    });
  });

  it('applies filters from the query string', async () => {
    const res = await app.inject('/api/sessions?kind=raycluster&to=2026-01-10');
    expect(res.json().sessions.map((s: { sessionName: string }) => s.sessionName)).toEqual([OLD]);
    const none = await app.inject('/api/sessions?from=2026-01-11T20:00:00Z');
    expect(none.json().total).toBe(0);
  });

  it.each([
    ['page=0', 'page must be a positive integer'],
    ['page=abc', 'page must be a positive integer'],
    ['pageSize=501', 'pageSize must be a positive integer up to 500'],
    ['kind=pod', 'kind must be one of raycluster, rayjob, rayservice'],
    ['from=yesterday', 'from must be an ISO date'],
    ['to=2026-02-30', 'to must be an ISO date'],
    ['page=1&page=2', 'page must be given once'],
    ['sort=name', 'unknown query parameter sort'],
  ])('answers 400 naming the parameter for ?%s', async (query, message) => {
    const res = await app.inject(`/api/sessions?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.json()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringContaining(message),
    });
  });
});

describe('GET /clusters', () => {
  it('answers the upstream list newest first with a total count', async () => {
    const res = await app.inject({ url: '/clusters', headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-total-count']).toBe('2');
    expect(res.json()).toEqual([
      {
        name: 'train-raycluster-x',
        namespace: 'ml',
        sessionName: NEW,
        createTime: '2026-01-11T19:38:40.146Z',
        createTimeStamp: Date.UTC(2026, 0, 11, 19, 38, 40) / 1000,
        ownerKind: 'rayjob',
        ownerName: 'train',
      },
      {
        name: 'raycluster-a',
        namespace: 'default',
        sessionName: OLD,
        createTime: '2026-01-10T08:00:00.000Z',
        createTimeStamp: Date.UTC(2026, 0, 10, 8) / 1000,
      },
    ]);
  });

  it('pages with limit and offset', async () => {
    const res = await app.inject('/clusters?offset=1&limit=5');
    expect(res.json().map((r: { sessionName: string }) => r.sessionName)).toEqual([OLD]);
    expect(res.headers['x-total-count']).toBe('2');
    expect((await app.inject('/clusters?limit=0')).statusCode).toBe(400);
  });

  it('gives a browser navigation the SPA page instead', async () => {
    const res = await app.inject({
      url: '/clusters?namespace=ml',
      headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('<title>Ray History</title>');
  });
});
