import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../contract/api.ts';
import type { SessionSummary } from '../../contract/ray.ts';
import { SessionOutcomes, type SessionOutcomesOptions } from './session-outcomes.ts';

const log = { warn: () => undefined } as unknown as FastifyBaseLogger;

const session = (i: number): SessionInfo => ({
  namespace: 'ns',
  kind: 'raycluster',
  name: 'c',
  clusterName: 'c',
  sessionName: `session_2026-01-11_19-38-40_${String(i).padStart(6, '0')}_1`,
  startTime: i,
});

const summary = (failed: number): SessionSummary => ({
  startTime: 0,
  endTime: 5_000,
  durationMs: 5_000,
  jobs: { total: failed + 1, byStatus: { FAILED: failed, SUCCEEDED: 1 } },
  tasks: { attempts: 0, byState: {} },
  actors: { total: 0, byState: {} },
  nodes: { total: 3, alive: 2, dead: 1 },
  events: { accepted: 0, unknown: 0, invalid: 0, legacy: 0 },
  warnings: [],
});

/** Loads that resolve when the test says so, recording how many ran at once. */
function harness(options: Partial<SessionOutcomesOptions> = {}) {
  const loads: string[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const outcomes = new SessionOutcomes({
    keyOf: (s) => s.sessionName,
    summaryInMemory: () => undefined,
    load: async (s) => {
      loads.push(s.sessionName);
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running--;
      return summary(1);
    },
    ...options,
  });
  return { outcomes, loads, mostAtOnce: () => mostAtOnce };
}

describe('SessionOutcomes', () => {
  it('knows a session in memory at once, without loading it', () => {
    const { outcomes, loads } = harness({ summaryInMemory: () => summary(2) });
    expect(outcomes.listed([session(1)], log)[0]?.outcome).toEqual({
      state: 'known',
      outcome: {
        jobs: { total: 3, byStatus: { FAILED: 2, SUCCEEDED: 1 } },
        durationMs: 5_000,
        nodes: { total: 3, dead: 1 },
      },
    });
    expect(loads).toEqual([]);
  });

  it('answers pending at once and computes in the background, one session at a time', async () => {
    const { outcomes, loads, mostAtOnce } = harness();
    const first = outcomes.listed([session(1), session(2), session(3)], log);
    expect(first.map((s) => s.outcome.state)).toEqual(['pending', 'pending', 'pending']);
    outcomes.listed([session(1), session(2)], log); // asked again while queued: no second load
    await outcomes.idle();
    expect(loads).toHaveLength(3);
    expect(mostAtOnce()).toBe(1);
    const again = outcomes.listed([session(1), session(2), session(3)], log);
    expect(again.map((s) => s.outcome.state)).toEqual(['known', 'known', 'known']);
    expect(loads).toHaveLength(3);
  });

  it('queues only a bounded number of sessions, however long the page', async () => {
    const { outcomes, loads } = harness({ maxQueued: 4 });
    const page = Array.from({ length: 50 }, (_, i) => session(i));
    outcomes.listed(page, log);
    await outcomes.idle();
    // The first is taken off the queue at once, then four wait: five loads, not fifty.
    expect(loads).toHaveLength(5);
    expect(outcomes.listed(page, log).filter((s) => s.outcome.state === 'known')).toHaveLength(5);
  });

  it('says failed when a session cannot be read, and tries again later', async () => {
    let now = 0;
    let broken = true;
    const outcomes = new SessionOutcomes({
      keyOf: (s) => s.sessionName,
      summaryInMemory: () => undefined,
      load: () =>
        broken ? Promise.reject(new Error('storage down')) : Promise.resolve(summary(0)),
      retryAfterMs: 1_000,
      now: () => now,
    });
    outcomes.listed([session(1)], log);
    await outcomes.idle();
    expect(outcomes.lookup(session(1))).toEqual({ state: 'failed' });
    broken = false;
    now = 2_000;
    expect(outcomes.listed([session(1)], log)[0]?.outcome).toEqual({ state: 'pending' });
    await outcomes.idle();
    expect(outcomes.lookup(session(1)).state).toBe('known');
  });
});
