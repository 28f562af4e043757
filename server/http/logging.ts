import type { FastifyServerOptions } from 'fastify';

// JSON logs (pino) that never carry credentials: no auth or cookie headers, no token-like query values.

const SECRET_PARAM =
  /(^|[_-])(token|code|secret|password|passwd|apikey|key|auth|authorization|credentials?|signature|sig|state)$/i;

/** The URL with the values of secret-looking query parameters replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const params = new URLSearchParams(url.slice(at + 1));
  for (const name of new Set(params.keys())) {
    if (SECRET_PARAM.test(name)) params.set(name, '[redacted]');
  }
  const query = params.toString().replaceAll('%5Bredacted%5D', '[redacted]');
  return `${url.slice(0, at)}?${query}`;
}

interface LoggedRequest {
  method: string;
  url: string;
  hostname?: string;
  ip?: string;
  headers?: Record<string, unknown>;
}

/** The options object (never `true`/`false`), so callers can add a destination stream. */
export type LoggerOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>;

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-ray-auth-token"]',
        'res.headers["set-cookie"]',
        'headers.authorization',
        'headers.cookie',
        // Request bodies are never logged; should one be, its credentials stay out (token proxy).
        'req.body',
        'body',
        '*.client_secret',
        '*.code',
        '*.code_verifier',
        '*.refresh_token',
        '*.access_token',
        '*.id_token',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (request: LoggedRequest) => ({
        method: request.method,
        url: redactUrl(request.url),
        hostname: request.hostname,
        remoteAddress: request.ip,
      }),
    },
  };
}
