import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { blockMatches } from './block-matches.ts';
import type { SearchPattern } from './search-pattern.ts';
import { READY, type ToRegexWorker } from './regex-workers.ts';

// A regex worker thread: matches blocks of log lines against one search's pattern at a time.
// The main thread kills it when the search's time budget runs out, mid-match if need be.

let pattern: SearchPattern | null = null;

parentPort?.on('message', (message: ToRegexWorker) => {
  if (message.type === 'pattern') {
    pattern = {
      regex: new RegExp(message.source, message.flags),
      block: new RegExp(message.source, message.blockFlags),
      isRegex: true,
      needle: null,
    };
    return;
  }
  if (!pattern) throw new Error('a block arrived before its pattern');
  parentPort?.postMessage(blockMatches(pattern, message.text));
});

/**
 * On Linux a thread has its own nice value: once loaded, a worker takes the lowest priority, so
 * with every core busy matching, the thread that answers requests still gets a core the moment it
 * needs one. (Loading runs at normal priority: at the lowest, on a busy machine, it could take
 * longer than any budget.) Elsewhere the worker keeps the process's priority.
 */
function yieldCpuToRequests(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
    if (Number.isInteger(tid)) setPriority(tid, 19);
  } catch {
    // No /proc, or not allowed: the per-process cap still bounds the load.
  }
}

yieldCpuToRequests();
parentPort?.postMessage(READY);
