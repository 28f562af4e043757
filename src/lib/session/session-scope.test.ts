import { describe, expect, it } from 'vitest';
import { scopeFromParams } from './session-scope';

const valid = {
  namespace: 'ml-team',
  kind: 'rayjob',
  name: 'train-resnet',
  session: 'session_2026-01-11_19-38-40_146706_1',
};

describe('scopeFromParams', () => {
  it('accepts a well-formed scope and the latest alias', () => {
    expect(scopeFromParams(valid)).toEqual(valid);
    expect(scopeFromParams({ ...valid, session: 'latest' })).toEqual({
      ...valid,
      session: 'latest',
    });
  });

  it.each([
    ['an unknown kind', { kind: 'raypod' }],
    ['a session name that does not parse', { session: 'session_yesterday' }],
    ['an upper-case namespace', { namespace: 'ML' }],
    ['a name with a separator', { name: 'a_b' }],
    ['a missing part', { session: undefined }],
  ])('rejects %s', (_, change) => {
    expect(scopeFromParams({ ...valid, ...change })).toBeNull();
  });
});
