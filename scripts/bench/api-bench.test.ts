import { describe, expect, it } from 'vitest';
import { medianRounds, type ApiRoute } from './api-bench.ts';
import type { LoadResult } from './load-test.ts';

const run = (key: ApiRoute['key'], requestsPerSecond: number): ApiRoute => {
  const result: LoadResult = {
    requests: requestsPerSecond,
    requestsPerSecond,
    p50Ms: 1,
    p99Ms: 2,
    maxMs: 3,
    errors: 0,
    timeouts: 0,
    non2xx: 0,
    statusCodes: {},
  };
  return { key, label: key, result, drainMs: 0 };
};

describe('medianRounds', () => {
  it('takes each route at its median ratio to the static file of the same round', () => {
    // The machine is twice as fast in round 2; the tasks page keeps pace with the static file.
    const rounds = [
      [run('static', 4000), run('tasks', 1600)], // 0.40
      [run('static', 8000), run('tasks', 4400)], // 0.55
      [run('static', 5000), run('tasks', 2500)], // 0.50
    ];
    const [staticRoute, tasks] = medianRounds(rounds);
    expect(staticRoute!.result.requestsPerSecond).toBe(5000);
    expect(staticRoute!.roundRatios).toEqual([4000, 8000, 5000]);
    // Not the median req/s (2,500 vs the median static 5,000 would also say 0.50 here, but
    // 4,400 vs 5,000 would say 0.88): the round's own pair.
    expect(tasks!.result.requestsPerSecond).toBe(2500);
    expect(tasks!.pairedStaticRps).toBe(5000);
    expect(tasks!.roundRatios).toEqual([0.4, 0.55, 0.5]);
  });

  it('pairs a route with its own round even when that round was the slowest', () => {
    const rounds = [
      [run('static', 3000), run('tasks', 1500)], // 0.50
      [run('static', 6000), run('tasks', 1800)], // 0.30
      [run('static', 5000), run('tasks', 3500)], // 0.70
    ];
    const tasks = medianRounds(rounds)[1]!;
    expect(tasks.result.requestsPerSecond).toBe(1500);
    expect(tasks.pairedStaticRps).toBe(3000);
  });
});
