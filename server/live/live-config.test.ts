import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/env.ts';
import { loadConfig } from '../config.ts';

describe('live settings', () => {
  it('default: on, direct to the head Service, 10 s timeout, 64 MB answers, no static clusters', () => {
    expect(loadConfig({}).live).toEqual({
      enabled: true,
      clusters: [],
      staticToken: null,
      proxy: 'direct',
      namespaces: [],
      timeoutMs: 10_000,
      maxResponseBytes: 64 * 1024 * 1024,
      cacheMs: 10_000,
    });
  });

  it('reads LIVE_CLUSTERS entries as namespace/kind/name=dashboard URL', () => {
    const { clusters } = loadConfig({
      LIVE_CLUSTERS:
        'data-eng/rayjob/nightly-features=http://127.0.0.1:8265/, ml/raycluster/scratch=https://ray.example.com/ml',
    }).live;
    expect(clusters).toEqual([
      {
        namespace: 'data-eng',
        kind: 'rayjob',
        name: 'nightly-features',
        dashboardUrl: 'http://127.0.0.1:8265',
      },
      {
        namespace: 'ml',
        kind: 'raycluster',
        name: 'scratch',
        dashboardUrl: 'https://ray.example.com/ml',
      },
    ]);
  });

  it.each([
    'data-eng/rayjob/nightly-features',
    'data-eng/job/nightly-features=http://h:8265',
    'data-eng/rayjob=http://h:8265',
    'Data_Eng/rayjob/x=http://h:8265',
    'a/rayjob/x=ftp://h',
    'a/rayjob/x=http://user:secret@h:8265',
    'a/rayjob/x=http://h:1,a/rayjob/x=http://h:2',
  ])('refuses LIVE_CLUSTERS=%s with a message naming the variable', (value) => {
    expect(() => loadConfig({ LIVE_CLUSTERS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ LIVE_CLUSTERS: value })).toThrow(/^LIVE_CLUSTERS /);
  });

  it('refuses an unknown LIVE_PROXY and an unreadable LIVE_RAY_TOKEN_FILE', () => {
    expect(() => loadConfig({ LIVE_PROXY: 'ingress' })).toThrow(
      'LIVE_PROXY must be direct or kubernetes',
    );
    expect(() => loadConfig({ LIVE_RAY_TOKEN_FILE: '/nonexistent' })).toThrow(
      'LIVE_RAY_TOKEN_FILE names a file that cannot be read',
    );
  });
});
