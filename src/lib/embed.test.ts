import { describe, expect, it } from 'vitest';
import { carryChromeParams, isEmbedded } from './embed';

describe('carryChromeParams', () => {
  const embedded = new URLSearchParams('embed=1&theme=dark&namespace=ml');

  it('adds embed and theme, and nothing else, from the current URL', () => {
    expect(carryChromeParams('/clusters', embedded)).toBe('/clusters?embed=1&theme=dark');
  });

  it('keeps the target query and hash', () => {
    expect(carryChromeParams('/c/a/raycluster/b/latest/logs/n/f.log?x=1#L3', embedded)).toBe(
      '/c/a/raycluster/b/latest/logs/n/f.log?x=1&embed=1&theme=dark#L3',
    );
  });

  it('does not override a param the target sets itself', () => {
    expect(carryChromeParams('/clusters?theme=light', embedded)).toBe(
      '/clusters?theme=light&embed=1',
    );
  });

  it('leaves links alone outside an embed', () => {
    expect(carryChromeParams('/clusters?page=2', new URLSearchParams('page=3'))).toBe(
      '/clusters?page=2',
    );
  });
});

describe('isEmbedded', () => {
  it('treats embed=1 and embed=true as embedded', () => {
    expect(isEmbedded(new URLSearchParams('embed=1'))).toBe(true);
    expect(isEmbedded(new URLSearchParams('embed=true'))).toBe(true);
    expect(isEmbedded(new URLSearchParams('embed=0'))).toBe(false);
  });
});
