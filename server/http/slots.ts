import { BusyError } from './errors.ts';

// Caps on heavy requests running at once, per process and per user: literal log searches (they
// run on the thread that answers every request; with no cap 32 searches for a needle found
// nowhere in a 300 MiB log shared it for minutes and timed out, docs/hardening.md) and log
// downloads (whole files). Past a cap the request is refused with 429 + Retry-After, an answer
// the client can act on. (Regex searches have their own caps: regex-workers.ts.)

const RETRY_AFTER_SECONDS = 2;

export interface SlotLimits {
  /** Requests of the kind running at once in this process. */
  perProcess: number;
  /** Requests of the kind running at once for one user (or one client address without login). */
  perUser: number;
}

export class Slots {
  private readonly perUser = new Map<string, number>();
  private running = 0;
  readonly limits: SlotLimits;
  /** What the requests are, plural, for the refusal's message: `log searches`. */
  private readonly what: string;

  constructor(limits: SlotLimits, what: string) {
    this.limits = limits;
    this.what = what;
  }

  /** A slot for one request by `user`, given back by the returned function (once; later calls do nothing). */
  take(user: string): () => void {
    const own = this.perUser.get(user) ?? 0;
    if (this.running >= this.limits.perProcess)
      throw new BusyError(
        429,
        `The server already runs ${this.running} ${this.what} (the most at once); try again shortly`,
        RETRY_AFTER_SECONDS,
      );
    if (own >= this.limits.perUser)
      throw new BusyError(
        429,
        `You already run ${own} ${this.what} (the most at once per user); try again when one ends`,
        RETRY_AFTER_SECONDS,
      );
    this.running++;
    this.perUser.set(user, own + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      const left = (this.perUser.get(user) ?? 1) - 1;
      if (left > 0) this.perUser.set(user, left);
      else this.perUser.delete(user);
    };
  }
}
