import { describe, expect, it } from 'vitest';
import { monitorBusyLoopDelay, threadCpuMs } from './busy-loop-delay.ts';

const turn = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Holds this thread for `ms` without using a CPU (as when the OS runs other processes). */
function starve(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Holds this thread for `ms` of its own work. */
function work(ms: number): void {
  const until = threadCpuMs() + ms;
  while (threadCpuMs() < until);
}

describe('the busy event-loop delay', () => {
  it('counts a stall the thread spent working', async () => {
    const monitor = monitorBusyLoopDelay(5);
    await turn(20);
    work(150);
    await turn(20);
    monitor.stop();
    expect(monitor.summary().maxMs).toBeGreaterThan(100);
  });

  it('leaves out a stall the thread spent waiting for a CPU', async () => {
    const monitor = monitorBusyLoopDelay(5);
    await turn(20);
    starve(300);
    await turn(20);
    monitor.stop();
    expect(monitor.summary().maxMs).toBeLessThan(100);
  });
});
