import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

// @fastify/compress passes a body through unencoded when its first bytes look like a gzip or
// zlib stream ("already compressed"), yet still labels it with the encoding it negotiated. None
// of our answers is ever compressed before it is sent, and a log text can start with such bytes:
// "(r" (as in "(raylet) …", the first line of a real Ray 2.58 log once its colours are stripped)
// is a valid zlib header. A browser then fails to decode the answer. Those answers go out
// uncompressed instead, so the label and the bytes agree.

/** Largest answer the compression plugin compresses in one synchronous call (app.ts). */
export const COMPRESS_SYNC_MAX_BYTES = 256 * 1024;

/** The plugin's test for gzip (1f 8b 08) or a zlib header (deflate method, CMF·256+FLG ≡ 0 mod 31). */
export function looksCompressed(head: Uint8Array): boolean {
  if (head.length > 2 && head[0] === 0x1f && head[1] === 0x8b && head[2] === 0x08) return true;
  return (
    head.length > 1 &&
    (head[0]! & 0x0f) === 0x08 &&
    (head[0]! & 0x80) === 0 &&
    ((head[0]! << 8) + head[1]!) % 31 === 0
  );
}

/** Asks the compression plugin to leave this request's answer as it is. */
export function sendUncompressed(request: FastifyRequest): void {
  request.headers['x-no-compression'] = '1';
}

/**
 * Before the plugin's own hook: a buffered body (string or bytes) that would be taken for a
 * compressed one is sent uncompressed. Streamed bodies are checked where they are made.
 */
export function guardCompression(app: FastifyInstance): void {
  app.addHook('onSend', async (request, _reply, payload) => {
    const head =
      typeof payload === 'string'
        ? Buffer.from(payload.slice(0, 3), 'utf8')
        : Buffer.isBuffer(payload)
          ? payload
          : null;
    if (head && looksCompressed(head)) sendUncompressed(request);
    return payload;
  });
}

/**
 * Sends `bytes` through the compression plugin; whether they were used up within this call
 * (compressed synchronously into bytes of their own), so the caller may overwrite them at once.
 * When not (sent as they are, or streamed), they are read after this turn and must be kept.
 */
export function sendCompressed(reply: FastifyReply, bytes: Buffer): boolean {
  reply.compress(bytes);
  return (
    bytes.length <= COMPRESS_SYNC_MAX_BYTES &&
    !looksCompressed(bytes) &&
    reply.hasHeader('content-encoding')
  );
}
