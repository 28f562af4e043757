import { describe, expect, it } from 'vitest';
import { loggerOptions, redactUrl } from './logging.ts';

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

describe('loggerOptions', () => {
  it('redacts credentials in headers and token-request fields', async () => {
    const { Writable } = await import('node:stream');
    const { default: Fastify } = await import('fastify');
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const app = Fastify({ logger: { ...loggerOptions('info'), stream } });
    app.get('/x', async (request) => {
      request.log.info({ headers: request.headers }, 'headers');
      request.log.info(
        { form: { client_secret: 's3cr3t', code_verifier: 'v3r1f13r', refresh_token: 'r3fr3sh' } },
        'form',
      );
      return {};
    });
    await app.inject({
      url: '/x?code=c0d3',
      headers: { authorization: 'Bearer b34r3r', cookie: 'a=c00k13' },
    });
    await app.close();
    const logs = lines.join('');
    expect(logs).toContain('[redacted]');
    for (const secret of ['s3cr3t', 'v3r1f13r', 'r3fr3sh', 'c0d3', 'b34r3r', 'c00k13'])
      expect(logs).not.toContain(secret);
  });
});
