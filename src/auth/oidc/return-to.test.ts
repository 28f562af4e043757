import { describe, expect, it } from 'vitest';
import { returnToOf, safeReturnTo, stateOfCallback } from './return-to';

const ORIGIN = 'https://dash.example.com';
const deepLink = '/c/ml/rayjob/train/latest/jobs/02000000/logs?tab=driver&q=err#L120-L140';

describe('returnToOf', () => {
  it('keeps path, query and hash of the page being left', () => {
    expect(
      returnToOf(
        {
          pathname: '/c/ml/rayjob/train/latest/jobs/02000000/logs',
          search: '?tab=driver&q=err',
          hash: '#L120-L140',
        },
        '',
      ),
    ).toBe(deepLink);
  });

  it('never returns to the callback page itself', () => {
    expect(
      returnToOf({ pathname: '/hist/auth/callback', search: '?code=x', hash: '' }, '/hist'),
    ).toBe('/hist/');
  });
});

describe('safeReturnTo', () => {
  it('accepts a path of this app, query and hash included', () => {
    expect(safeReturnTo(deepLink, '', ORIGIN)).toBe(deepLink);
    expect(safeReturnTo(`/hist${deepLink}`, '/hist', ORIGIN)).toBe(`/hist${deepLink}`);
  });

  it.each([
    ['another site', 'https://evil.example/phish'],
    ['protocol-relative', '//evil.example/phish'],
    ['backslash trick', '/\\evil.example/phish'],
    ['javascript URL', 'javascript:alert(1)'],
    ['a relative path', 'clusters'],
    ['a control character', '/clusters\n'],
    ['outside the base path', '/other-app/clusters'],
    ['the callback page', '/hist/auth/callback?code=1'],
    ['not a string', { returnTo: '/x' }],
  ])('falls back to the app root for %s', (_what, value) => {
    expect(safeReturnTo(value, '/hist', ORIGIN)).toBe('/hist/');
  });
});

describe('stateOfCallback', () => {
  it('reads the state of a code or error response', () => {
    expect(stateOfCallback(`${ORIGIN}/auth/callback?code=c&state=abc`)).toBe('abc');
    expect(stateOfCallback(`${ORIGIN}/auth/callback?error=access_denied&state=s1`)).toBe('s1');
    expect(stateOfCallback(`${ORIGIN}/auth/callback`)).toBeNull();
  });
});
