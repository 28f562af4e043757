import { BusyError } from './errors.ts';

// One budget for the bytes of large answers being built and sent at once (log slices of up to
// 16 MiB each): 64 clients asking for whole files must not hold 64 answers in memory. A request
// reserves what its answer can cost before reading anything; past the budget it waits its turn
// (first come, first served), and after a while gets 503 + Retry-After instead.

const DEFAULT_WAIT_MS = 5000;
const RETRY_AFTER_SECONDS = 2;

interface Waiter {
  bytes: number;
  grant: () => void;
}

export type ReleaseBytes = () => void;

export class ResponseBudget {
  private used = 0;
  private readonly queue: Waiter[] = [];
  readonly totalBytes: number;
  private readonly waitMs: number;

  constructor(totalBytes: number, waitMs = DEFAULT_WAIT_MS) {
    this.totalBytes = totalBytes;
    this.waitMs = waitMs;
  }

  /** Bytes reserved now (for tests and the bench). */
  get inFlight(): number {
    return this.used;
  }

  /** Waits until `bytes` fit, then holds them until the returned release is called (once). */
  reserve(bytes: number): Promise<ReleaseBytes> {
    // An answer larger than the whole budget still goes out, alone.
    const wanted = Math.min(Math.max(0, bytes), this.totalBytes);
    if (this.queue.length === 0 && this.used + wanted <= this.totalBytes)
      return Promise.resolve(this.take(wanted));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        bytes: wanted,
        grant: () => {
          clearTimeout(timer);
          resolve(this.take(wanted));
        },
      };
      const timer = setTimeout(() => {
        this.queue.splice(this.queue.indexOf(waiter), 1);
        reject(
          new BusyError(
            503,
            'The server is sending as many large answers as it may at once; try again shortly',
            RETRY_AFTER_SECONDS,
          ),
        );
        this.grantWaiting();
      }, this.waitMs);
      this.queue.push(waiter);
    });
  }

  private take(bytes: number): ReleaseBytes {
    this.used += bytes;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used -= bytes;
      this.grantWaiting();
    };
  }

  private grantWaiting(): void {
    while (this.queue.length > 0 && this.used + this.queue[0]!.bytes <= this.totalBytes)
      this.queue.shift()!.grant();
  }
}
