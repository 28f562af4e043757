import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

// Token mode (like Ray's token authentication): one shared token. The browser trades it once for
// an HttpOnly cookie that holds an HMAC of the token (not the token); comparisons are constant-time
// on fixed-length digests. Repeated failures from one client address are slowed down.

export const TOKEN_COOKIE = 'ray_history_auth';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export class SharedToken {
  private readonly tokenDigest: Buffer;
  /** The cookie value: stable across restarts and replicas, useless as a bearer token. */
  readonly cookieValue: string;

  constructor(token: string) {
    this.tokenDigest = digest(token);
    this.cookieValue = createHmac('sha256', token)
      .update('ray-history session')
      .digest('base64url');
  }

  matches(candidate: string): boolean {
    return timingSafeEqual(digest(candidate), this.tokenDigest);
  }

  matchesCookie(candidate: string): boolean {
    return timingSafeEqual(digest(candidate), digest(this.cookieValue));
  }
}

export interface ThrottleOptions {
  /** Failures answered without delay. */
  freeFailures?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A client's failures are forgotten after this long without a new one. */
  forgetAfterMs?: number;
  maxClients?: number;
  now?: () => number;
}

interface Failures {
  count: number;
  last: number;
}

/** Per client address: after a few failures each further attempt waits longer (doubling, capped). */
export class FailureThrottle {
  private readonly clients = new Map<string, Failures>();
  private readonly options: Required<ThrottleOptions>;

  constructor(options: ThrottleOptions = {}) {
    this.options = {
      freeFailures: 3,
      baseDelayMs: 250,
      maxDelayMs: 5000,
      forgetAfterMs: 15 * 60 * 1000,
      maxClients: 10_000,
      now: () => Date.now(),
      ...options,
    };
  }

  /** How long this client's next attempt waits before it is checked. */
  delayFor(client: string): number {
    const { freeFailures, baseDelayMs, maxDelayMs, forgetAfterMs, now } = this.options;
    const entry = this.clients.get(client);
    if (!entry) return 0;
    if (now() - entry.last > forgetAfterMs) {
      this.clients.delete(client);
      return 0;
    }
    if (entry.count < freeFailures) return 0;
    return Math.min(baseDelayMs * 2 ** (entry.count - freeFailures), maxDelayMs);
  }

  recordFailure(client: string): void {
    const entry = this.clients.get(client);
    this.clients.delete(client);
    if (this.clients.size >= this.options.maxClients) {
      const oldest = this.clients.keys().next().value;
      if (oldest !== undefined) this.clients.delete(oldest);
    }
    this.clients.set(client, { count: (entry?.count ?? 0) + 1, last: this.options.now() });
  }

  recordSuccess(client: string): void {
    this.clients.delete(client);
  }
}

export const sleep = (ms: number) =>
  ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
