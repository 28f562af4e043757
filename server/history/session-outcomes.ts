import type { FastifyBaseLogger } from 'fastify';
import type { SessionInfo, SessionOutcome, SessionOutcomeState } from '../../contract/api.ts';
import type { SessionSummary } from '../../contract/ray.ts';

// The sessions list shows how each session ended (jobs by final state, duration, dead nodes).
// That needs the session reduced, which can take minutes for a big one, so the list never waits:
// an outcome is known when the session's snapshot is already in memory or was computed before;
// otherwise it is "pending" and computed in the background, one session at a time, for at most
// a few sessions queued — never a cold load of every session in storage.

export interface SessionOutcomesOptions {
  /** The session's summary when its snapshot is already in memory; never loads. */
  summaryInMemory: (session: SessionInfo) => SessionSummary | undefined;
  /** Loads the session (through the shared snapshot cache) and summarizes it. */
  load: (session: SessionInfo, log: FastifyBaseLogger) => Promise<SessionSummary>;
  /** A stable key per session (its storage folder). */
  keyOf: (session: SessionInfo) => string;
  /** Sessions computed in the background at once. */
  concurrency?: number;
  /** Sessions waiting for the background; requests beyond are dropped (asked again later). */
  maxQueued?: number;
  /** Outcomes remembered (small objects; least recently used forgotten first). */
  maxRemembered?: number;
  /** How long a failed computation is not tried again, ms. */
  retryAfterMs?: number;
  now?: () => number;
}

interface Queued {
  session: SessionInfo;
  log: FastifyBaseLogger;
}

export function outcomeOf(summary: SessionSummary): SessionOutcome {
  return {
    jobs: { total: summary.jobs.total, byStatus: { ...summary.jobs.byStatus } },
    durationMs: summary.durationMs,
    nodes: { total: summary.nodes.total, dead: summary.nodes.dead },
  };
}

export class SessionOutcomes {
  private readonly options: Required<SessionOutcomesOptions>;
  private readonly known = new Map<string, SessionOutcome>();
  /** When each failed computation failed. */
  private readonly failed = new Map<string, number>();
  private readonly queue = new Map<string, Queued>();
  private running = 0;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(options: SessionOutcomesOptions) {
    this.options = {
      concurrency: 1,
      maxQueued: 16,
      maxRemembered: 10_000,
      retryAfterMs: 60_000,
      now: Date.now,
      ...options,
    };
  }

  /** What the list shows for `session` now; never loads. */
  lookup(session: SessionInfo): SessionOutcomeState {
    const key = this.options.keyOf(session);
    const remembered = this.known.get(key);
    if (remembered) {
      this.remember(key, remembered);
      return { state: 'known', outcome: remembered };
    }
    const summary = this.options.summaryInMemory(session);
    if (summary) {
      const outcome = outcomeOf(summary);
      this.remember(key, outcome);
      return { state: 'known', outcome };
    }
    const failedAt = this.failed.get(key);
    if (failedAt !== undefined && this.options.now() - failedAt < this.options.retryAfterMs)
      return { state: 'failed' };
    return { state: 'pending' };
  }

  /** The list of a page: each session with its outcome; pending ones are queued. */
  listed<S extends SessionInfo>(
    sessions: readonly S[],
    log: FastifyBaseLogger,
  ): (S & { outcome: SessionOutcomeState })[] {
    return sessions.map((session) => {
      const outcome = this.lookup(session);
      if (outcome.state === 'pending') this.enqueue({ session, log });
      return { ...session, outcome };
    });
  }

  /** Resolves when nothing is queued or running (for tests and shutdown). */
  idle(): Promise<void> {
    if (this.running === 0 && this.queue.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private enqueue(item: Queued): void {
    const key = this.options.keyOf(item.session);
    if (this.queue.has(key) || this.queue.size >= this.options.maxQueued) return;
    this.queue.set(key, item);
    this.pump();
  }

  private pump(): void {
    while (this.running < this.options.concurrency && this.queue.size > 0) {
      const [key, item] = this.queue.entries().next().value as [string, Queued];
      this.queue.delete(key);
      this.running++;
      void this.compute(key, item).finally(() => {
        this.running--;
        this.pump();
        if (this.running === 0 && this.queue.size === 0) {
          for (const resolve of this.idleWaiters.splice(0)) resolve();
        }
      });
    }
  }

  private async compute(key: string, { session, log }: Queued): Promise<void> {
    if (this.known.has(key)) return;
    try {
      this.remember(key, outcomeOf(await this.options.load(session, log)));
      this.failed.delete(key);
    } catch (error) {
      // The session's own pages report why; the list only says the outcome is unavailable.
      log.warn({ err: error, session: session.sessionName }, 'session outcome not computed');
      this.failed.set(key, this.options.now());
      if (this.failed.size > this.options.maxRemembered) {
        const oldest = this.failed.keys().next().value;
        if (oldest !== undefined) this.failed.delete(oldest);
      }
    }
  }

  private remember(key: string, outcome: SessionOutcome): void {
    this.known.delete(key);
    this.known.set(key, outcome);
    if (this.known.size > this.options.maxRemembered) {
      const oldest = this.known.keys().next().value;
      if (oldest !== undefined) this.known.delete(oldest);
    }
  }
}
