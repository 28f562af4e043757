import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Token mode's browser session: after the token is checked once, the browser holds a cookie
// `v1.<id>.<issued at>.<signature>`, signed with a key derived from the token (so every replica
// accepts it, and changing the token ends every session). The server enforces a maximum age and
// forgets nothing it was told at logout: a logged-out id is refused until it would have expired
// anyway. Revocation is held in memory, per replica (docs/auth.md, "Token mode").

const VERSION = 'v1';
/** Revoked ids remembered at most; past it the oldest revocation is dropped. */
const MAX_REVOKED = 100_000;

export interface TokenSession {
  id: string;
  /** Unix seconds. */
  issuedAt: number;
}

export class TokenSessions {
  private readonly key: Buffer;
  private readonly maxAgeSeconds: number;
  private readonly now: () => number;
  /** id → when its cookie would have expired anyway (unix seconds), oldest first. */
  private readonly revoked = new Map<string, number>();

  constructor(token: string, maxAgeSeconds: number, now: () => number = Date.now) {
    this.key = createHmac('sha256', token).update('ray-history session key').digest();
    this.maxAgeSeconds = maxAgeSeconds;
    this.now = now;
  }

  get maxAge(): number {
    return this.maxAgeSeconds;
  }

  /** A new session's cookie value. */
  issue(): string {
    const id = randomBytes(16).toString('base64url');
    const payload = `${VERSION}.${id}.${this.nowSeconds()}`;
    return `${payload}.${this.sign(payload)}`;
  }

  /** The session a cookie value names, or null when it is forged, too old or logged out. */
  verify(value: string): TokenSession | null {
    const session = this.parse(value);
    if (!session) return null;
    const age = this.nowSeconds() - session.issuedAt;
    if (age < -60 || age > this.maxAgeSeconds) return null;
    return this.revoked.has(session.id) ? null : session;
  }

  /** Logout: the cookie's session is refused from now on (a bad or expired value is ignored). */
  revoke(value: string): void {
    const session = this.verify(value);
    if (!session) return;
    this.forgetExpired();
    if (this.revoked.size >= MAX_REVOKED) {
      const oldest = this.revoked.keys().next().value;
      if (oldest !== undefined) this.revoked.delete(oldest);
    }
    this.revoked.set(session.id, session.issuedAt + this.maxAgeSeconds);
  }

  private parse(value: string): TokenSession | null {
    const parts = value.split('.');
    if (parts.length !== 4 || parts[0] !== VERSION) return null;
    const [, id, issued, signature] = parts as [string, string, string, string];
    if (!/^[\w-]{22}$/.test(id) || !/^\d{1,12}$/.test(issued)) return null;
    const expected = Buffer.from(this.sign(`${VERSION}.${id}.${issued}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return { id, issuedAt: Number(issued) };
  }

  private forgetExpired(): void {
    const now = this.nowSeconds();
    // Expiry follows issue order closely enough: stop at the first one still in force.
    for (const [id, expires] of this.revoked) {
      if (expires > now) break;
      this.revoked.delete(id);
    }
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }

  private nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }
}
