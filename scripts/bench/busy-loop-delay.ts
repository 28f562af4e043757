import { readFileSync } from 'node:fs';
import { createHistogram } from 'node:perf_hooks';

// How long the event loop was held up by this thread's own work: a timer's lateness, counted
// only as far as the thread ran on a CPU meanwhile. On a machine shared with other test runs the
// plain lateness (monitorEventLoopDelay) also measures the time the OS gave to other processes;
// this measure leaves that out, so it reads about what an idle machine would show.

/** CPU time the calling thread has run, in ms (Linux: /proc/thread-self/schedstat, first field). */
export function threadCpuMs(): number {
  return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
}

export interface LoopDelaySummary {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface BusyLoopDelay {
  summary(): LoopDelaySummary;
  stop(): void;
}

/** Samples every `everyMs`: each sample is min(lateness, this thread's CPU time since the last). */
export function monitorBusyLoopDelay(everyMs = 10): BusyLoopDelay {
  const microseconds = createHistogram();
  let due = performance.now() + everyMs;
  let cpuBefore = threadCpuMs();
  const timer = setInterval(() => {
    const now = performance.now();
    const cpu = threadCpuMs();
    const busyMs = Math.min(Math.max(0, now - due), cpu - cpuBefore);
    microseconds.record(Math.max(1, Math.round(busyMs * 1000)));
    due = now + everyMs;
    cpuBefore = cpu;
  }, everyMs);
  timer.unref();
  return {
    summary: () => ({
      p50Ms: microseconds.percentile(50) / 1000,
      p99Ms: microseconds.percentile(99) / 1000,
      maxMs: microseconds.max / 1000,
    }),
    stop: () => clearInterval(timer),
  };
}
