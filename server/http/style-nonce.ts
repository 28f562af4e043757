import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';

// The log viewer's terminal (xterm.js) adds <style> elements at run time; the page's CSP admits
// them by a nonce that is new on every index.html response (docs/hardening.md, "Styles").

/** What index.html carries where the server writes the response's nonce. */
export const STYLE_NONCE_PLACEHOLDER = '__STYLE_NONCE__';

const nonces = new WeakMap<FastifyReply, string>();

/** A fresh nonce for this response's styles; the security headers include it in the CSP. */
export function issueStyleNonce(reply: FastifyReply): string {
  const nonce = randomBytes(18).toString('base64');
  nonces.set(reply, nonce);
  return nonce;
}

export function styleNonceOf(reply: FastifyReply): string | undefined {
  return nonces.get(reply);
}
