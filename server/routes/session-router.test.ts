import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempFolder, testApp, type TempFolder } from '../test/history.ts';

const OLD = 'session_2026-01-10_08-00-00_000001_1';
const NEW = 'session_2026-01-11_19-38-40_146706_1';

let history: TempFolder;
let app: FastifyInstance;

beforeAll(async () => {
  history = await tempFolder({
    [`cluster-metadata/raycluster/default_raycluster-a/${OLD}`]: '',
    [`cluster-metadata/raycluster/default_raycluster-a/${NEW}`]: '',
    [`cluster-metadata/rayjob/ml_train_train-raycluster-x/${OLD}`]: '',
  });
  app = await testApp(history);
});
afterAll(async () => {
  await app.close();
  await history.remove();
});

/** `name=value` pairs from Set-Cookie headers, ready for a Cookie header. */
function cookieHeader(setCookie: string | string[] | undefined): string {
  return [setCookie ?? []]
    .flat()
    .map((c) => c.split(';')[0])
    .join('; ');
}

describe('URL-scoped session routes', () => {
  it('resolves latest to the real session name', async () => {
    const res = await app.inject('/api/c/default/raycluster/raycluster-a/latest/info');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ sessionName: NEW, clusterName: 'raycluster-a' });
  });

  it('answers 404 naming an unknown owner and 400 for an invalid kind or session', async () => {
    const missing = await app.inject('/api/c/default/raycluster/nope/latest/info');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe('No sessions of raycluster nope in namespace default');
    expect((await app.inject('/api/c/default/raypod/raycluster-a/latest/info')).statusCode).toBe(
      400,
    );
    expect(
      (await app.inject('/api/c/default/raycluster/raycluster-a/yesterday/info')).statusCode,
    ).toBe(400);
  });
});

describe('/enter_cluster and cookie-scoped routes', () => {
  it('refuses a cookie-scoped route before a session is selected', async () => {
    const res = await app.inject('/info');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/^No session selected: open \/enter_cluster\//);
  });

  it('sets the five upstream cookies and answers like upstream', async () => {
    const res = await app.inject('/enter_cluster/ml/rayjob/train');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ result: 'success', name: 'train', namespace: 'ml', session: OLD });
    const cookies = [res.headers['set-cookie'] ?? []].flat();
    expect(cookies.map((c) => c.split('=')[0]).sort()).toEqual([
      'cluster_name',
      'cluster_namespace',
      'owner_kind',
      'owner_name',
      'session_name',
    ]);
    for (const cookie of cookies) {
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).toMatch(/Path=\//);
    }
    expect(cookies).toContain(`session_name=${OLD}; Path=/; HttpOnly; SameSite=Lax`);
  });

  it('then answers root paths for that session, exactly like the URL-scoped route', async () => {
    const entered = await app.inject(`/enter_cluster/default/raycluster/raycluster-a/${OLD}`);
    expect(entered.json().session).toBe(OLD);
    const byCookie = await app.inject({
      url: '/info',
      headers: { cookie: cookieHeader(entered.headers['set-cookie']) },
    });
    const byUrl = await app.inject(`/api/c/default/raycluster/raycluster-a/${OLD}/info`);
    expect(byCookie.statusCode).toBe(200);
    expect(byCookie.json()).toEqual(byUrl.json());
    expect(byCookie.json().sessionName).toBe(OLD);
  });

  it('accepts upstream cookies that only name the cluster', async () => {
    const res = await app.inject({
      url: '/info',
      headers: { cookie: 'cluster_name=raycluster-a; cluster_namespace=default' },
    });
    expect(res.json().sessionName).toBe(NEW);
  });

  it('answers 404 when entering an unknown cluster', async () => {
    const res = await app.inject('/enter_cluster/default/raycluster/ghost');
    expect(res.statusCode).toBe(404);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});
