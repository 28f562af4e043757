import { hash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

// Conditional GETs for answers computed from a reduced session. A snapshot never changes once
// built (a reload makes a new one), so "this snapshot + this question" names the answer exactly:
// a client that already holds it gets a 304 and no body, and nothing is computed.

/** Snapshot numbers restart with the process; the boot id keeps an old tag from ever matching. */
const BOOT = randomBytes(6).toString('base64url');
const snapshotNumbers = new WeakMap<object, number>();
let lastNumber = 0;

function snapshotNumber(snapshot: object): number {
  let n = snapshotNumbers.get(snapshot);
  if (n === undefined) snapshotNumbers.set(snapshot, (n = ++lastNumber));
  return n;
}

/** A strong entity tag for the answer to `question` (any text naming it) about `snapshot`. */
export function snapshotTag(snapshot: object, question: string): string {
  // One-shot: a Hash object per request cost more than the digest (a tasks page asks per page).
  const digest = hash('sha256', question, 'base64url').slice(0, 16);
  return `"${BOOT}.${snapshotNumber(snapshot)}.${digest}"`;
}

/** If-None-Match holds `tag` (weak comparison, as RFC 9110 §13.1.2 asks) or is `*`. */
export function clientHasTag(header: string | undefined, tag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === tag);
}

/**
 * Tags the answer and says whether the client already holds it; when it does, the reply is a
 * 304 without a body and the caller sends nothing else. Answers stay private (they follow the
 * caller's access) and are revalidated on every use.
 */
export function answeredNotModified(
  request: FastifyRequest,
  reply: FastifyReply,
  tag: string,
): boolean {
  reply.header('etag', tag).header('cache-control', 'private, no-cache');
  if (!clientHasTag(request.headers['if-none-match'], tag)) return false;
  reply.code(304);
  return true;
}
