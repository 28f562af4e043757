import { describe, expect, it } from 'vitest';
import { BusyError } from './errors.ts';
import { ResponseBudget } from './response-budget.ts';

describe('ResponseBudget', () => {
  it('lets answers wait their turn, first come first served', async () => {
    const budget = new ResponseBudget(100, 1000);
    const first = await budget.reserve(60);
    const order: string[] = [];
    const second = budget.reserve(60).then((release) => (order.push('second'), release));
    const third = budget.reserve(10).then((release) => (order.push('third'), release));
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The small one does not jump the queue.
    expect(order).toEqual([]);
    first();
    (await second)();
    (await third)();
    expect(order).toEqual(['second', 'third']);
    expect(budget.inFlight).toBe(0);
  });

  it('refuses with 503 and Retry-After after waiting too long; one answer may take it all', async () => {
    const budget = new ResponseBudget(100, 50);
    const all = await budget.reserve(1000);
    expect(budget.inFlight).toBe(100);
    const refused = await budget.reserve(1).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BusyError);
    expect(refused).toMatchObject({ statusCode: 503, retryAfterSeconds: 2 });
    all();
    all();
    expect(budget.inFlight).toBe(0);
  });
});
