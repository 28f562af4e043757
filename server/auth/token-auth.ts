import { createHash, timingSafeEqual } from 'node:crypto';

// Token mode (like Ray's token authentication): one shared token. The browser trades it once for
// an HttpOnly session cookie (token-session.ts); comparisons are constant-time on fixed-length
// digests. Guesses from one client address are checked one at a time, and repeated failures are
// answered ever more slowly; a right token is never made to wait for them.

export const TOKEN_COOKIE = 'ray_history_auth';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export class SharedToken {
  private readonly tokenDigest: Buffer;

  constructor(token: string) {
    this.tokenDigest = digest(token);
  }

  matches(candidate: string): boolean {
    return timingSafeEqual(digest(candidate), this.tokenDigest);
  }
}

export interface ThrottleOptions {
  /** Failures answered without the growing delay (each still takes minFailureMs). */
  freeFailures?: number;
  /** The least time a failure holds its address: parallel guesses meet a check in flight. */
  minFailureMs?: number;
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

/**
 * Per client address: a failed check is answered only after a delay (doubling after a few
 * failures, capped), and while one is being answered the address has a check in flight: further
 * attempts from it are refused unchecked (429) until it ends. A right token is never delayed.
 */
export class FailureThrottle {
  private readonly clients = new Map<string, Failures>();
  /** Address → when its failure in flight is answered (ms). */
  private readonly inFlight = new Map<string, number>();
  private readonly options: Required<ThrottleOptions>;

  constructor(options: ThrottleOptions = {}) {
    this.options = {
      freeFailures: 3,
      minFailureMs: 100,
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

  /** Milliseconds until this address's check in flight ends; 0 when it has none. */
  busyFor(client: string): number {
    const until = this.inFlight.get(client);
    return until === undefined ? 0 : Math.max(1, until - this.options.now());
  }

  /** Records a failure and holds the address until its (delayed) answer goes out. */
  async failSlowly(client: string): Promise<void> {
    const delay = Math.max(this.options.minFailureMs, this.delayFor(client));
    this.recordFailure(client);
    this.inFlight.set(client, this.options.now() + delay);
    try {
      await sleep(delay);
    } finally {
      this.inFlight.delete(client);
    }
  }
}

export const sleep = (ms: number) =>
  ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
