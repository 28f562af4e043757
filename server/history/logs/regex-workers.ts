import { Worker } from 'node:worker_threads';
import { BusyError } from '../../http/errors.ts';
import { startWorkerModule } from '../start-worker.ts';
import type { BlockMatcher, LineHits } from './block-matches.ts';
import type { SearchPattern } from './search-pattern.ts';

// A user's regex can take polynomial time on a long line (`x*x*x*y` on a 1 MiB line), which no
// up-front check rules out. So regex matching never runs on the thread that answers requests:
// each regex search leases a worker thread, and the worker is terminated (mid-match if need be)
// the moment the search's time budget is spent or its client goes away. The number of leases is
// capped per process and per user; past a cap the search is refused with 429 + Retry-After.

export const DEFAULT_REGEX_BUDGET_MS = 5_000;
/** The most a client may ask for: a search holds a worker (a core) this long at most. */
export const MAX_REGEX_BUDGET_MS = 10_000;
const RETRY_AFTER_SECONDS = 2;
const REWARM_DELAY_MS = 1000;

export type ToRegexWorker =
  | { type: 'pattern'; source: string; flags: string; blockFlags: string }
  | { type: 'block'; text: string };

export class RegexBudgetSpent extends Error {
  constructor(ms: number) {
    super(`the regex used up its ${ms} ms time budget`);
    this.name = 'RegexBudgetSpent';
  }
}

export interface RegexLimits {
  /** Regex searches running at once in this process. */
  perProcess: number;
  /** Regex searches running at once for one user (or one client address without login). */
  perUser: number;
}

/** What a worker says once it has loaded and takes blocks. */
export const READY = 'ready';

function startWorker(): Worker {
  const worker = startWorkerModule(import.meta.url, 'regex-worker');
  // An idle worker must not keep the process (or a test run) alive.
  worker.unref();
  const ready = new Promise((resolve, reject) => {
    worker
      .once('message', resolve)
      .once('error', reject)
      .once('exit', () => reject(new Error('the regex worker stopped while loading')));
  });
  // Awaited by whoever uses the worker; a worker closed while loading is no error by itself.
  ready.catch(() => undefined);
  readyWorkers.set(worker, ready);
  return worker;
}

/** Settles once a worker has loaded (or failed to): budgets count matching, not loading. */
const readyWorkers = new WeakMap<Worker, Promise<unknown>>();

/** The regex workers of one process: idle ones are kept for the next search. */
export class RegexWorkers {
  private readonly idle: Worker[] = [];
  private readonly perUser = new Map<string, number>();
  private running = 0;
  private closed = false;
  private warming: Promise<void> | null = null;
  readonly limits: RegexLimits;

  constructor(limits: RegexLimits) {
    this.limits = limits;
  }

  /** A worker for one search by `user`; throws 429 when a cap is reached. */
  lease(user: string, pattern: SearchPattern, budgetMs: number): RegexLease {
    const own = this.perUser.get(user) ?? 0;
    if (this.running >= this.limits.perProcess)
      throw new BusyError(
        429,
        `The server already runs ${this.running} regex searches (the most at once); try again shortly`,
        RETRY_AFTER_SECONDS,
      );
    if (own >= this.limits.perUser)
      throw new BusyError(
        429,
        `You already run ${own} regex searches (the most at once per user); try again when one ends`,
        RETRY_AFTER_SECONDS,
      );
    this.running++;
    this.perUser.set(user, own + 1);
    const worker = this.idle.pop() ?? startWorker();
    return new RegexLease(worker, pattern, budgetMs, (reusable) => {
      this.running--;
      const left = (this.perUser.get(user) ?? 1) - 1;
      if (left > 0) this.perUser.set(user, left);
      else this.perUser.delete(user);
      if (reusable && this.idle.length < this.limits.perProcess) this.idle.push(worker);
      else {
        void worker.terminate();
        // A worker killed at its budget is replaced in the background, a moment later: starting
        // one costs this thread some milliseconds, better not paid while its answer goes out.
        setTimeout(() => void this.warmUp(), REWARM_DELAY_MS).unref();
      }
    });
  }

  /**
   * Starts idle workers up to the per-process cap, one after another: starting a worker costs
   * this thread tens of milliseconds on a busy machine, so the first searches should not pay it
   * all at once while requests wait.
   */
  warmUp(): Promise<void> {
    this.warming ??= this.startIdle().finally(() => (this.warming = null));
    return this.warming;
  }

  private async startIdle(): Promise<void> {
    while (!this.closed && this.idle.length + this.running < this.limits.perProcess) {
      const worker = startWorker();
      this.idle.push(worker);
      // One at a time: loading a worker is heavy.
      await readyWorkers.get(worker)?.catch(() => undefined);
    }
  }

  /** Searches running now (for tests and the bench). */
  get active(): number {
    return this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.idle.splice(0).map((worker) => worker.terminate()));
  }
}

interface Pending {
  resolve: (hits: LineHits) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  started: number;
}

/** One search's use of a worker, under its time budget. */
export class RegexLease {
  private remainingMs: number;
  private pending: Pending | null = null;
  private released = false;
  private failed = false;
  private readonly worker: Worker;
  private readonly budgetMs: number;
  private readonly onRelease: (reusable: boolean) => void;

  constructor(
    worker: Worker,
    pattern: SearchPattern,
    budgetMs: number,
    onRelease: (reusable: boolean) => void,
  ) {
    this.worker = worker;
    this.budgetMs = budgetMs;
    this.onRelease = onRelease;
    this.remainingMs = budgetMs;
    worker.ref();
    worker.on('message', this.onAnswer);
    worker.on('error', this.onFailure);
    worker.on('exit', this.onExit);
    const setup: ToRegexWorker = {
      type: 'pattern',
      source: pattern.regex.source,
      flags: pattern.regex.flags,
      blockFlags: pattern.block.flags,
    };
    worker.postMessage(setup);
  }

  /** Matches one block in the worker; rejects with RegexBudgetSpent when time is up. */
  readonly match: BlockMatcher = async (text) => {
    // The budget starts once the worker has loaded: a cold start is not the pattern's fault.
    await readyWorkers.get(this.worker);
    return this.matchLoaded(text);
  };

  private matchLoaded(text: string): Promise<LineHits> {
    if (this.released) return Promise.reject(new Error('the regex search has ended'));
    if (this.remainingMs <= 0) return Promise.reject(new RegexBudgetSpent(this.budgetMs));
    return new Promise<LineHits>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settle();
        this.failed = true;
        // Terminating is the only way to stop a regex that is running.
        void this.worker.terminate();
        reject(new RegexBudgetSpent(this.budgetMs));
      }, this.remainingMs);
      this.pending = { resolve, reject, timer, started: performance.now() };
      const message: ToRegexWorker = { type: 'block', text };
      this.worker.postMessage(message);
    });
  }

  /** Ends the lease (idempotent): a worker still matching is terminated, an idle one kept. */
  release(): void {
    if (this.released) return;
    this.released = true;
    const busy = this.pending !== null;
    if (busy) {
      const pending = this.settle();
      pending?.reject(new Error('the regex search was stopped'));
    }
    this.worker.off('message', this.onAnswer);
    this.worker.off('error', this.onFailure);
    this.worker.off('exit', this.onExit);
    this.worker.unref();
    this.onRelease(!busy && !this.failed);
  }

  private settle(): Pending | null {
    const pending = this.pending;
    if (!pending) return null;
    this.pending = null;
    clearTimeout(pending.timer);
    this.remainingMs -= performance.now() - pending.started;
    return pending;
  }

  private readonly onAnswer = (hits: LineHits | typeof READY) => {
    if (hits !== READY) this.settle()?.resolve(hits);
  };

  private readonly onFailure = (error: Error) => {
    this.failed = true;
    this.settle()?.reject(error);
  };

  private readonly onExit = () => {
    this.failed = true;
    this.settle()?.reject(new Error('the regex worker stopped'));
  };
}
