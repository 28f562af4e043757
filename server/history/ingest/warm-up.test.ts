import { describe, expect, it } from 'vitest';
import { SessionReducer } from '../events/reducer.ts';
import { sessionSummary } from '../events/session-summary.ts';
import { warmUpMerge, warmUpParse } from './warm-up.ts';

// The warm-up only helps if its lines take the same path real events take: every line must be
// accepted as the task event it imitates, or the JIT would warm the error path instead.

describe('parse pool warm-up', () => {
  it('reduces a made-up session whose every line is a valid task event', () => {
    const partial = warmUpParse(0);
    expect(partial.counts).toEqual({ accepted: 4800, unknown: 0, invalid: 0 });
    expect(partial.tasks.count).toBe(1200);
    expect(partial.tasks.transitionState.length).toBe(2400);
    expect(partial.tasks.spanName.length).toBe(1200);
  });

  it('merges the reductions of several threads, new rows and shared ones', () => {
    const reducer = new SessionReducer();
    for (const partial of [warmUpParse(0), warmUpParse(600)]) reducer.merge(partial);
    const summary = sessionSummary(reducer.snapshot({ sessionLive: false }));
    expect(summary.tasks.attempts).toBe(1800);
    expect(() => warmUpMerge([warmUpParse(0), warmUpParse(1200)])).not.toThrow();
  });
});
