import { BusyError } from './errors.ts';

// One budget for the bytes of large answers being built and sent at once (log slices of up to
// 16 MiB each): 64 clients asking for whole files must not hold 64 answers in memory. A request
// reserves what its answer can cost before reading anything; past the budget it waits its turn
// (first come, first served), and after a while gets 503 + Retry-After instead.
//
// The answers share one memory total (MEMORY_BUDGET_MB) with the snapshot cache: a request's
// bytes fit only when in-flight answers plus what the cache holds stay within it, and the cache
// gives back its least recently used sessions to make room (it, in turn, stores new sessions only
// within what in-flight answers leave: app.ts wires both ways).

const DEFAULT_WAIT_MS = 5000;
const RETRY_AFTER_SECONDS = 2;

interface Waiter {
  bytes: number;
  grant: () => void;
}

export type ReleaseBytes = () => void;

/** The other holder within the memory total: the snapshot cache, which can give memory back. */
export interface SharedMemory {
  totalBytes: number;
  /** Bytes it holds now. */
  heldBytes: () => number;
  /** Drops what it can (least recently used first) to hold at most `bytes`. */
  shrinkTo: (bytes: number) => void;
}

export interface ResponseBudgetOptions {
  /** How long a request waits for room before its 503. */
  waitMs?: number;
  memory?: SharedMemory;
}

export class ResponseBudget {
  private used = 0;
  private readonly queue: Waiter[] = [];
  readonly totalBytes: number;
  private readonly waitMs: number;
  private readonly memory: SharedMemory | null;

  constructor(totalBytes: number, options: ResponseBudgetOptions = {}) {
    this.totalBytes = totalBytes;
    this.waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
    this.memory = options.memory ?? null;
  }

  /** Bytes reserved now (for tests and the bench). */
  get inFlight(): number {
    return this.used;
  }

  /** Waits until `bytes` fit, then holds them until the returned release is called (once). */
  reserve(bytes: number): Promise<ReleaseBytes> {
    // An answer larger than the whole budget still goes out, alone.
    const wanted = Math.min(Math.max(0, bytes), this.totalBytes);
    if (this.queue.length === 0 && this.fits(wanted)) return Promise.resolve(this.take(wanted));
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

  /** Whether `bytes` more fit now, within this budget and the memory total shared with the cache. */
  private fits(bytes: number): boolean {
    if (this.used + bytes > this.totalBytes) return false;
    if (!this.memory) return true;
    const room = this.memory.totalBytes - this.used - bytes;
    if (this.memory.heldBytes() > room) this.memory.shrinkTo(Math.max(0, room));
    // Alone, an answer goes out even past the total: nothing else would ever free memory for it.
    return this.memory.heldBytes() <= room || this.used === 0;
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
    while (this.queue.length > 0 && this.fits(this.queue[0]!.bytes)) this.queue.shift()!.grant();
  }
}
