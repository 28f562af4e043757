import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { publicConfig } from '../config/public-config.ts';
import { namespaceFilter } from './namespace-access.ts';

// The login settings: parsing, their errors, and the namespace rules they produce.

const OIDC = { AUTH_MODE: 'oidc', OIDC_ISSUER: 'https://id.example.com', OIDC_CLIENT_ID: 'dash' };

describe('auth settings', () => {
  it('reads the client secret from a file and never publishes it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'secret-'));
    try {
      await writeFile(join(dir, 'webapp-secret'), 's3cr3t-from-file\n');
      const config = loadConfig({ ...OIDC, OIDC_CLIENT_SECRET_FILE: join(dir, 'webapp-secret') });
      expect(config.auth.oidc?.clientSecret).toBe('s3cr3t-from-file');
      const published = JSON.stringify(publicConfig(config, 'http://localhost:8080'));
      expect(published).not.toContain('s3cr3t');
      expect(published).toContain('"tokenProxy":"/auth/token"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(() => loadConfig({ ...OIDC, OIDC_CLIENT_SECRET_FILE: '/nonexistent/x' })).toThrow(
      'OIDC_CLIENT_SECRET_FILE names a file that cannot be read',
    );
  });

  it('defaults the audience to the client id and checks the token auth method', () => {
    const config = loadConfig(OIDC);
    expect(config.auth.oidc).toMatchObject({
      audience: 'dash',
      clockToleranceSeconds: 30,
      tokenAuthMethod: null,
    });
    expect(loadConfig({ ...OIDC, OIDC_AUDIENCE: 'api://ray' }).auth.oidc?.audience).toBe(
      'api://ray',
    );
    expect(() => loadConfig({ ...OIDC, OIDC_TOKEN_AUTH_METHOD: 'private_key_jwt' })).toThrow(
      'OIDC_TOKEN_AUTH_METHOD must be client_secret_basic or client_secret_post',
    );
  });

  it('derives the embedding origins from FRAME_ANCESTORS unless EMBED_ALLOWED_ORIGINS is set', () => {
    const framed = loadConfig({
      FRAME_ANCESTORS:
        "'self' https://console.example.com/ https://*.example.org http://a.test:8080",
    });
    expect(framed.server.embedOrigins).toEqual([
      'https://console.example.com',
      'http://a.test:8080',
    ]);
    const explicit = loadConfig({
      FRAME_ANCESTORS: 'https://console.example.com',
      EMBED_ALLOWED_ORIGINS: 'https://other.example.com',
    });
    expect(explicit.server.embedOrigins).toEqual(['https://other.example.com']);
    expect(() => loadConfig({ EMBED_ALLOWED_ORIGINS: 'https://*.example.com' })).toThrow(
      'EMBED_ALLOWED_ORIGINS must list exact origins (got https://*.example.com)',
    );
  });

  it('turns ALLOWED_NAMESPACES and NAMESPACE_RULES into per-user filters', () => {
    const { auth } = loadConfig({
      ALLOWED_NAMESPACES: 'team-a,team-b',
      NAMESPACE_RULES: 'alice=ml|research,root=*',
    });
    expect(auth.namespaceRules).toEqual(
      new Map([
        ['alice', ['ml', 'research']],
        ['root', ['*']],
      ]),
    );
    const everyone = namespaceFilter(auth, null);
    expect(['team-a', 'ml'].map(everyone)).toEqual([true, false]);
    const alice = namespaceFilter(auth, 'alice');
    expect(['team-a', 'ml', 'research'].map(alice)).toEqual([false, true, true]);
    expect(namespaceFilter(auth, 'root')('anything')).toBe(true);
    expect(namespaceFilter(loadConfig({}).auth, null)('anything')).toBe(true);
  });
});
