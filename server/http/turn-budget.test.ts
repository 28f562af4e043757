import { describe, expect, it } from 'vitest';
import { TurnBudget } from './turn-budget.ts';

// Heavy answers' pieces share the request thread's time per event-loop turn: a turn runs pieces,
// first come first served, only until it has spent its budget.

/** Holds the thread for `ms`, as a piece of real work would. */
function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/** Counts event-loop turns (check phases) until stopped. */
function turnCounter() {
  let turns = 0;
  let counting = true;
  const tick = () => {
    turns++;
    if (counting) setImmediate(tick);
  };
  setImmediate(tick);
  return {
    get turns() {
      return turns;
    },
    stop: () => void (counting = false),
  };
}

describe('TurnBudget', () => {
  it('runs pieces in the order they were queued, however many callers queue them', async () => {
    const budget = new TurnBudget(5);
    const order: string[] = [];
    const caller = async (name: string) => {
      for (let i = 0; i < 3; i++) await budget.run(() => order.push(`${name}${i}`));
    };
    await Promise.all([caller('a'), caller('b'), caller('c')]);
    expect(order).toEqual(['a0', 'b0', 'c0', 'a1', 'b1', 'c1', 'a2', 'b2', 'c2']);
  });

  it('stops a turn once it has spent its time, and lets the event loop turn', async () => {
    const budget = new TurnBudget(5);
    const counter = turnCounter();
    const turnOfPiece: number[] = [];
    // Twelve pieces of 2 ms queued at once: a turn runs pieces while it has spent under 5 ms.
    await Promise.all(
      Array.from({ length: 12 }, () =>
        budget.run(() => {
          turnOfPiece.push(counter.turns);
          busyFor(2);
        }),
      ),
    );
    counter.stop();
    const piecesPerTurn = [...new Set(turnOfPiece)].map(
      (turn) => turnOfPiece.filter((t) => t === turn).length,
    );
    expect(piecesPerTurn.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...piecesPerTurn)).toBeLessThanOrEqual(3);
  });

  it('runs at least one piece a turn, however long it takes', async () => {
    const budget = new TurnBudget(1);
    const ran: number[] = [];
    await Promise.all([1, 2, 3].map((i) => budget.run(() => (busyFor(3), ran.push(i)))));
    expect(ran).toEqual([1, 2, 3]);
    expect(budget.waiting).toBe(0);
  });

  it('gives a piece its result or its error, and the pieces after it still run', async () => {
    const budget = new TurnBudget(5);
    const failing = budget.run(() => {
      throw new Error('broken piece');
    });
    const after = budget.run(() => 42);
    await expect(failing).rejects.toThrow('broken piece');
    expect(await after).toBe(42);
  });

  it('lets a request that arrives meanwhile in between the pieces', async () => {
    const budget = new TurnBudget(4);
    const events: string[] = [];
    const pieces = Array.from({ length: 8 }, (_, i) =>
      budget.run(() => {
        events.push(`piece ${i}`);
        // Something due while the first turn runs (a timer here, a request in the server).
        if (i === 0) setTimeout(() => events.push('request'), 1);
        busyFor(2);
      }),
    );
    await Promise.all(pieces);
    expect(events.indexOf('request')).toBeGreaterThan(0);
    expect(events.indexOf('request')).toBeLessThan(events.length - 1);
  });
});
