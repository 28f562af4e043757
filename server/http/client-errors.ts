import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ServerConfig } from '../config.ts';
import { errorBody } from './errors.ts';
import { contentSecurityPolicy } from './security-headers.ts';

// Requests Node refuses before Fastify sees them (a URL or headers past the 16 KiB limit, a
// malformed request line) get the same JSON error shape and strict headers as any other error.

function describe(code: string | undefined): { status: number; message: string } {
  if (code === 'HPE_HEADER_OVERFLOW')
    return { status: 431, message: 'The request URL and headers are too large (limit 16 KiB)' };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, message: 'Request timed out' };
  return { status: 400, message: 'Malformed HTTP request' };
}

export function clientErrorHandler(config: ServerConfig) {
  return (error: Error & { code?: string }, socket: Socket): void => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const { status, message } = describe(error.code);
    const body = JSON.stringify({ ...errorBody(status, message), error: STATUS_CODES[status] });
    if (socket.writable)
      socket.write(
        [
          `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
          'Content-Type: application/json; charset=utf-8',
          `Content-Length: ${Buffer.byteLength(body)}`,
          `Content-Security-Policy: ${contentSecurityPolicy(config, '')}`,
          'X-Content-Type-Options: nosniff',
          'Referrer-Policy: no-referrer',
          'Connection: close',
          '',
          body,
        ].join('\r\n'),
      );
    socket.destroy(error);
  };
}
