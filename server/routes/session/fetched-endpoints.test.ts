import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempFolder, testApp, type TempFolder } from '../../test/history.ts';

const SESSION = 'session_2026-01-11_19-38-40_146706_1';
const SCOPE = `/api/c/default/raycluster/raycluster-a/${SESSION}`;
const FETCHED = `cluster-history/raycluster/default/raycluster-a/${SESSION}/fetched_endpoints/`;
const METADATA = { result: true, msg: '', data: { rayVersion: '2.52.0', pythonVersion: '3.11.9' } };

let history: TempFolder;
let app: FastifyInstance;

beforeAll(async () => {
  history = await tempFolder({
    [`cluster-metadata/raycluster/default_raycluster-a/${SESSION}`]: '',
    [`${FETCHED}restful__api__v0__cluster_metadata`]: JSON.stringify(METADATA),
    [`${FETCHED}restful__api__v0__placement_groups?detail=1&limit=10000`]: JSON.stringify({
      result: true,
      msg: '',
      data: { result: { total: 1, result: [{ placement_group_id: 'abc' }] } },
    }),
    [`${FETCHED}restful__api__data__datasets__02000000`]: '{"datasets": [{"dataset": "ds_1"}]}',
    [`${FETCHED}restful__timezone`]: '{"offset": "+08:00", "value": "Asia/Shanghai"',
  });
  app = await testApp(history);
});
afterAll(async () => {
  await app.close();
  await history.remove();
});

describe('fetched endpoints', () => {
  it('re-sends a recorded response as JSON', async () => {
    const res = await app.inject(`${SCOPE}/api/v0/cluster_metadata`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.headers['x-fetched-endpoint']).toBe('recorded');
    expect(res.json()).toEqual(METADATA);
  });

  it('finds placement groups under the query-carrying stored name, whatever the request query', async () => {
    const res = await app.inject(`${SCOPE}/api/v0/placement_groups?detail=1&limit=10`);
    expect(res.json().data.result.result).toEqual([{ placement_group_id: 'abc' }]);
  });

  it('serves datasets per job id', async () => {
    expect((await app.inject(`${SCOPE}/api/data/datasets/02000000`)).json()).toEqual({
      datasets: [{ dataset: 'ds_1' }],
    });
    const other = await app.inject(`${SCOPE}/api/data/datasets/03000000`);
    expect(other.json()).toEqual({ datasets: [] });
    expect(other.headers['x-fetched-endpoint']).toBe('missing');
    expect((await app.inject(`${SCOPE}/api/data/datasets/..%2F..%2Fx`)).statusCode).toBe(400);
  });

  it('answers an empty payload of the right shape when nothing was recorded', async () => {
    const serve = await app.inject(`${SCOPE}/api/serve/applications/`);
    expect(serve.statusCode).toBe(200);
    expect(serve.json()).toMatchObject({ applications: {} });
    expect(serve.headers['x-fetched-endpoint']).toBe('missing');
  });

  it('answers the empty payload for a capture that is not JSON, and says so', async () => {
    const res = await app.inject(`${SCOPE}/timezone`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ offset: '+00:00', value: 'UTC' });
    expect(res.headers['x-fetched-endpoint']).toBe('unreadable');
  });

  it('answers empty state-API envelopes for missing placement groups', async () => {
    const other = await tempFolder({
      [`cluster-metadata/raycluster/default_raycluster-b/${SESSION}`]: '',
    });
    const otherApp = await testApp(other);
    try {
      const res = await otherApp.inject(
        `/api/c/default/raycluster/raycluster-b/latest/api/v0/placement_groups`,
      );
      expect(res.json()).toEqual({
        result: true,
        msg: '',
        data: {
          result: {
            total: 0,
            num_after_truncation: 0,
            num_filtered: 0,
            result: [],
            partial_failure_warning: '',
            warnings: null,
          },
        },
      });
    } finally {
      await otherApp.close();
      await other.remove();
    }
  });
});
