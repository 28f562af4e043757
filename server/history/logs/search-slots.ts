import { BusyError } from '../../http/errors.ts';

// Literal (plain/case) log searches run on the thread that answers every request. A search of a
// needle found nowhere sends nothing until it has read every file, so with no cap 32 such
// searches of a 300 MiB colour-coded log shared one thread, each took minutes and their clients
// timed out (the hostile-mix bench row). Past a cap a search is refused with 429 + Retry-After,
// an answer the client can act on. (Regex searches have their own caps: regex-workers.ts.)

const RETRY_AFTER_SECONDS = 2;

export interface SearchLimits {
  /** Literal searches running at once in this process. */
  perProcess: number;
  /** Literal searches running at once for one user (or one client address without login). */
  perUser: number;
}

export class SearchSlots {
  private readonly perUser = new Map<string, number>();
  private running = 0;
  readonly limits: SearchLimits;

  constructor(limits: SearchLimits) {
    this.limits = limits;
  }

  /** A slot for one search by `user`, given back by the returned function (once; later calls do nothing). */
  take(user: string): () => void {
    const own = this.perUser.get(user) ?? 0;
    if (this.running >= this.limits.perProcess)
      throw new BusyError(
        429,
        `The server already runs ${this.running} log searches (the most at once); try again shortly`,
        RETRY_AFTER_SECONDS,
      );
    if (own >= this.limits.perUser)
      throw new BusyError(
        429,
        `You already run ${own} log searches (the most at once per user); try again when one ends`,
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
