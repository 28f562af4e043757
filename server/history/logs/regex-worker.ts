import { parentPort } from 'node:worker_threads';
import { blockMatches } from './block-matches.ts';
import type { SearchPattern } from './search-pattern.ts';
import type { ToRegexWorker } from './regex-workers.ts';

// A regex worker thread: matches blocks of log lines against one search's pattern at a time.
// The main thread kills it when the search's time budget runs out, mid-match if need be.

let pattern: SearchPattern | null = null;

parentPort?.on('message', (message: ToRegexWorker) => {
  if (message.type === 'pattern') {
    pattern = {
      regex: new RegExp(message.source, message.flags),
      block: new RegExp(message.source, message.blockFlags),
      isRegex: true,
    };
    return;
  }
  if (!pattern) throw new Error('a block arrived before its pattern');
  parentPort?.postMessage(blockMatches(pattern, message.text));
});
