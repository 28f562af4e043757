import { emptyProgress, type IngestProgress } from './ingest/progress.ts';

// Reduced sessions kept in memory as structures, least recently used first out, within a
// byte budget. Concurrent first requests for a session share one load; a failed load is
// forgotten so the next request tries again.

export type LoadState = 'idle' | 'loading' | 'ready' | 'failed';

export interface LoadStatus extends IngestProgress {
  state: LoadState;
}

export interface Sized {
  /** Approximate bytes this value keeps alive. */
  approxBytes: number;
}

export type Loader<T> = (progress: IngestProgress) => Promise<T>;

interface Ready<T> {
  value: T;
  progress: IngestProgress;
}

interface InFlight<T> {
  promise: Promise<T>;
  progress: IngestProgress;
}

/** How many failed loads are remembered (only to report `failed` to pollers). */
const REMEMBERED_FAILURES = 256;

export class SnapshotCache<T extends Sized> {
  readonly maxBytes: number;
  private readonly ready = new Map<string, Ready<T>>();
  private readonly loading = new Map<string, InFlight<T>>();
  private readonly failed = new Map<string, IngestProgress>();
  private heldBytes = 0;

  private readonly room: () => number;

  /**
   * A value larger than `maxBytes` alone is still kept (as the only entry). `room`: bytes the
   * other holders of a shared memory total leave for the cache now (in-flight answers).
   */
  constructor(options: { maxBytes: number; room?: () => number }) {
    this.maxBytes = options.maxBytes;
    this.room = options.room ?? (() => Infinity);
  }

  /** Bytes held by cached values, by their own estimate. */
  get bytes(): number {
    return this.heldBytes;
  }

  get size(): number {
    return this.ready.size;
  }

  has(key: string): boolean {
    return this.ready.has(key);
  }

  /** The cached value for `key`, or the result of `load` (shared with concurrent callers). */
  get(key: string, load: Loader<T>): Promise<T> {
    const hit = this.ready.get(key);
    if (hit) {
      this.ready.delete(key);
      this.ready.set(key, hit);
      return Promise.resolve(hit.value);
    }
    const inFlight = this.loading.get(key);
    if (inFlight) return inFlight.promise;

    const progress = emptyProgress();
    const promise = (async () => load(progress))().then(
      (value) => {
        this.loading.delete(key);
        this.failed.delete(key);
        this.store(key, { value, progress });
        return value;
      },
      (error: unknown) => {
        this.loading.delete(key);
        this.rememberFailure(key, progress);
        throw error;
      },
    );
    this.loading.set(key, { promise, progress });
    return promise;
  }

  /** The cached value, if loaded; never starts a load nor counts as a use. */
  peek(key: string): T | undefined {
    return this.ready.get(key)?.value;
  }

  /** Where the load of `key` stands; never starts one. */
  status(key: string): LoadStatus {
    const ready = this.ready.get(key);
    if (ready) return { state: 'ready', ...ready.progress };
    const inFlight = this.loading.get(key);
    if (inFlight) return { state: 'loading', ...inFlight.progress };
    const failed = this.failed.get(key);
    if (failed) return { state: 'failed', ...failed };
    return { state: 'idle', ...emptyProgress() };
  }

  private store(key: string, entry: Ready<T>): void {
    this.ready.set(key, entry);
    this.heldBytes += entry.value.approxBytes;
    this.evictDownTo(Math.min(this.maxBytes, this.room()), 1);
  }

  /** Forgets least recently used sessions until at most `bytes` are held (memory total). */
  shrinkTo(bytes: number): void {
    this.evictDownTo(bytes, 0);
  }

  private evictDownTo(bytes: number, keep: number): void {
    for (const [oldKey, old] of this.ready) {
      if (this.heldBytes <= bytes || this.ready.size <= keep) break;
      this.ready.delete(oldKey);
      this.heldBytes -= old.value.approxBytes;
    }
  }

  private rememberFailure(key: string, progress: IngestProgress): void {
    this.failed.delete(key);
    this.failed.set(key, progress);
    if (this.failed.size > REMEMBERED_FAILURES) {
      const oldest = this.failed.keys().next().value;
      if (oldest !== undefined) this.failed.delete(oldest);
    }
  }
}
