// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { pageStyleNonce, withStyleNonce } from './style-nonce';

afterEach(() => document.head.replaceChildren());

describe('style nonce', () => {
  it('reads the nonce the server wrote on the page', () => {
    expect(pageStyleNonce()).toBe('');
    const meta = document.createElement('meta');
    meta.setAttribute('property', 'csp-nonce');
    meta.nonce = 'abc123';
    document.head.append(meta);
    expect(pageStyleNonce()).toBe('abc123');
  });

  it('puts the nonce on style elements created meanwhile, and only then', () => {
    const [style, div] = withStyleNonce(document, 'n0nce', () => [
      document.createElement('style'),
      document.createElement('div'),
    ]);
    expect(style!.nonce).toBe('n0nce');
    expect(div!.nonce).toBe('');
    expect(document.createElement('style').nonce).toBe('');
    expect(Object.hasOwn(document, 'createElement')).toBe(false);
  });

  it('restores document.createElement when creating throws', () => {
    expect(() =>
      withStyleNonce(document, 'n', () => {
        throw new Error('open failed');
      }),
    ).toThrow('open failed');
    expect(Object.hasOwn(document, 'createElement')).toBe(false);
  });
});
