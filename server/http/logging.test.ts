import { describe, expect, it } from 'vitest';
import { redactUrl } from './logging.ts';

describe('redactUrl', () => {
  it('hides values of parameters that can carry credentials', () => {
    expect(redactUrl('/auth/callback?code=abc&state=xyz&session_state=s')).toBe(
      '/auth/callback?code=[redacted]&state=[redacted]&session_state=[redacted]',
    );
    expect(redactUrl('/x?access_token=t&api_key=k&token=z')).toBe(
      '/x?access_token=[redacted]&api_key=[redacted]&token=[redacted]',
    );
  });

  it('keeps ordinary parameters readable', () => {
    expect(redactUrl('/api/v0/tasks?filter_keys=state&limit=10')).toBe(
      '/api/v0/tasks?filter_keys=state&limit=10',
    );
    expect(redactUrl('/livez')).toBe('/livez');
  });
});
