import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config/env.ts';
import { publicConfig } from './config/public-config.ts';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.server).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      basePath: '',
      frameAncestors: "'self'",
      snapshotCacheMb: 512,
      sessionIndexTtlSeconds: 10,
    });
    expect(config.auth.mode).toBe('none');
    expect(config.metrics.grafanaUrl).toBeNull();
    expect(config.metrics.grafanaOrgId).toBe(1);
    expect(config.storage.url).toBeNull();
    expect(config.storage.rootDir).toBe('');
  });

  it('accepts the Alibaba operator names as aliases', () => {
    const config = loadConfig({
      OSSBucket: 'ray-history',
      OSSEndPoint: 'oss-cn-hangzhou-internal.aliyuncs.com',
      OSSRegion: 'cn-hangzhou',
      OSSHistoryServerRootDir: '/clusters/prod/',
      CallbackServiceName: 'https://ray.example.com/',
    });
    expect(config.storage.oss).toEqual({
      bucket: 'ray-history',
      endpoint: 'oss-cn-hangzhou-internal.aliyuncs.com',
      region: 'cn-hangzhou',
    });
    expect(config.storage.url).toBe('oss://ray-history');
    expect(config.storage.rootDir).toBe('clusters/prod/');
    expect(config.server.publicUrl).toBe('https://ray.example.com');
  });

  it('prefers the documented name over its alias', () => {
    expect(loadConfig({ OSS_BUCKET: 'a', OSSBucket: 'b' }).storage.oss.bucket).toBe('a');
  });

  it.each([
    ['PORT', 'eighty', 'PORT must be an integer from 1 to 65535'],
    ['PORT', '70000', 'PORT must be an integer'],
    ['AUTH_MODE', 'ldap', 'AUTH_MODE must be one of none, token, oidc'],
    ['STORAGE_URL', 'ftp://x', 'STORAGE_URL must be'],
    ['GRAFANA_URL', 'not a url', 'GRAFANA_URL must be a URL'],
    ['S3_FORCE_PATH_STYLE', 'maybe', 'S3_FORCE_PATH_STYLE must be true or false'],
    ['SESSION_INDEX_TTL_SECONDS', '-1', 'SESSION_INDEX_TTL_SECONDS must be an integer'],
    ['BASE_PATH', 'no-slash', 'BASE_PATH must be a path'],
    ['FRAME_ANCESTORS', "'self'; script-src *", 'FRAME_ANCESTORS must be CSP sources'],
    ['GRAFANA_DASHBOARDS', '{"a": 1}', 'GRAFANA_DASHBOARDS must be a JSON object'],
    ['STORAGE_ROOT_DIR', '../up', 'STORAGE_ROOT_DIR must be a relative folder'],
  ])('names %s when its value %j is invalid', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(message);
    try {
      loadConfig({ [name]: value });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe(name);
    }
  });

  it('requires a token in token mode, from AUTH_TOKEN or AUTH_TOKEN_FILE', async () => {
    expect(() => loadConfig({ AUTH_MODE: 'token' })).toThrow(/AUTH_TOKEN must be set/);
    const file = join(await mkdtemp(join(tmpdir(), 'cfg-')), 'token');
    await writeFile(file, 's3cret\n');
    expect(loadConfig({ AUTH_MODE: 'token', AUTH_TOKEN_FILE: file }).auth.token).toBe('s3cret');
    expect(() => loadConfig({ AUTH_MODE: 'token', AUTH_TOKEN_FILE: `${file}.missing` })).toThrow(
      /AUTH_TOKEN_FILE/,
    );
  });

  it('requires issuer and client id in oidc mode', () => {
    expect(() => loadConfig({ AUTH_MODE: 'oidc' })).toThrow(/OIDC_ISSUER must be set/);
    expect(() => loadConfig({ AUTH_MODE: 'oidc', OIDC_ISSUER: 'https://id.example.com' })).toThrow(
      /OIDC_CLIENT_ID must be set/,
    );
  });

  it('reads dashboards and Prometheus headers as JSON or key=value pairs', () => {
    const config = loadConfig({
      GRAFANA_DASHBOARDS: 'default=rayDefault, data=rayData',
      PROMETHEUS_HEADERS: '{"Authorization": "Bearer x"}',
    });
    expect(config.metrics.grafanaDashboards).toEqual({ default: 'rayDefault', data: 'rayData' });
    expect(config.metrics.prometheusHeaders).toEqual({ Authorization: 'Bearer x' });
  });
});

describe('publicConfig', () => {
  const secrets = {
    AUTH_MODE: 'oidc',
    OIDC_ISSUER: 'https://signin.aliyun.com',
    OIDC_CLIENT_ID: 'app-1',
    OIDC_CLIENT_SECRET: 'very-secret-client',
    OIDC_SCOPE: 'openid aliuid profile',
    AWS_SECRET_ACCESS_KEY: 'aws-secret-key',
    AUTH_TOKEN: 'shared-token-value',
    PROMETHEUS_URL: 'https://arms.example.com/api/v1/prometheus',
    PROMETHEUS_HEADERS: 'Authorization=Bearer prom-secret',
    BASE_PATH: '/ray',
  };

  it('never contains a secret', () => {
    const text = JSON.stringify(publicConfig(loadConfig(secrets), 'http://localhost:8080'));
    for (const secret of [
      'very-secret-client',
      'aws-secret-key',
      'shared-token-value',
      'prom-secret',
    ])
      expect(text).not.toContain(secret);
  });

  it('derives the OIDC redirect from the request origin and offers the token proxy', () => {
    const config = publicConfig(loadConfig(secrets), 'http://localhost:8080');
    expect(config.basePath).toBe('/ray');
    expect(config.auth).toEqual({
      mode: 'oidc',
      oidc: {
        issuer: 'https://signin.aliyun.com',
        clientId: 'app-1',
        scope: 'openid aliuid profile',
        redirectUri: 'http://localhost:8080/ray/auth/callback',
        tokenProxy: '/ray/auth/token',
      },
    });
    expect(config.metrics.prometheusConfigured).toBe(true);
  });

  it('prefers PUBLIC_URL over the request origin for the redirect', () => {
    const config = publicConfig(
      loadConfig({ ...secrets, PUBLIC_URL: 'https://ray.example.com' }),
      'http://10.0.0.1:8080',
    );
    expect(config.auth.oidc?.redirectUri).toBe('https://ray.example.com/ray/auth/callback');
  });

  it('has no oidc block and no grafana URL by default', () => {
    expect(publicConfig(loadConfig({}), 'http://localhost:8080')).toEqual({
      basePath: '',
      auth: { mode: 'none' },
      embedding: { parentOrigins: [] },
      metrics: {
        grafanaUrl: null,
        grafanaOrgId: 1,
        grafanaDashboards: {},
        grafanaDatasource: null,
        prometheusConfigured: false,
      },
    });
  });
});
