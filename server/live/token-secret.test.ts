import { describe, expect, it } from 'vitest';
import { liveClusterOf, tokenSecretName } from './kube-discovery.ts';

describe('the Secret holding a token-auth cluster’s Ray token', () => {
  it('is named after the cluster, shortened the way KubeRay shortens names', () => {
    expect(tokenSecretName('chat-raycluster-x2k9p')).toBe('chat-raycluster-x2k9p');
    const long = `team-${'a'.repeat(50)}-x2k9p`;
    expect(tokenSecretName(long)).toBe(long.slice(long.length - 50));
    expect(tokenSecretName(long)).toHaveLength(50);
    expect(tokenSecretName('7-nightly')).toBe('r-nightly');
    expect(tokenSecretName('-nightly')).toBe('rnightly');
  });

  it('is the one authOptions.secretName names, when set', () => {
    const cluster = (authOptions: Record<string, string>) =>
      liveClusterOf({
        metadata: { name: 'chat-raycluster-x2k9p', namespace: 'ml' },
        spec: { authOptions },
      });
    expect(cluster({ mode: 'token' })?.auth).toEqual({
      mode: 'token',
      secretName: 'chat-raycluster-x2k9p',
    });
    expect(cluster({ mode: 'token', secretName: 'ray-token' })?.auth).toEqual({
      mode: 'token',
      secretName: 'ray-token',
    });
    expect(cluster({ mode: 'disabled' })?.auth).toEqual({ mode: 'none' });
  });
});
