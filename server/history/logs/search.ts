import type { SessionInfo } from '../../../contract/api.ts';
import type { TurnBudget } from '../../http/turn-budget.ts';
import { StorageNotFoundError, type Storage } from '../../storage/storage.ts';
import { nodeLogKey } from '../layout.ts';
import { globMatcher } from './glob.ts';
import { allLogFiles } from './log-files.ts';
import { inThisThread, type BlockMatcher } from './block-matches.ts';
import { RegexBudgetSpent } from './regex-workers.ts';
import { scanLines, type LineMatch } from './search-scan.ts';
import { openSearchSource } from './search-source.ts';
import type { SearchPattern } from './search-pattern.ts';

// Searches the log files of a session's nodes one after another, streaming what it finds,
// bounded by a number of matches and a number of bytes read.

export const DEFAULT_MAX_MATCHES = 200;
export const MAX_MAX_MATCHES = 5000;
export const DEFAULT_BYTE_BUDGET = 2 * 1024 ** 3;

export interface LogSearch {
  pattern: SearchPattern;
  nodeIds: string[];
  glob?: string;
  context: number;
  maxMatches: number;
  byteBudget: number;
  /** Where matching runs: a regex worker's lease (regex mode); default: this thread. */
  matcher?: BlockMatcher;
  /** The request thread's budget the scan's work shares with other heavy answers. */
  turns: TurnBudget;
  signal?: AbortSignal;
}

export type StopReason = 'max_matches' | 'byte_budget' | 'time_budget';

export type SearchRecord =
  | ({ type: 'match'; nodeId: string; file: string } & LineMatch)
  | { type: 'file'; nodeId: string; file: string; matches: number }
  | {
      type: 'done';
      filesScanned: number;
      filesTotal: number;
      bytesScanned: number;
      matches: number;
      truncated: boolean;
      reason?: StopReason;
    };

export async function* searchLogs(
  storage: Storage,
  session: SessionInfo,
  search: LogSearch,
): AsyncGenerator<SearchRecord> {
  const wanted = globMatcher(search.glob);
  const files: { nodeId: string; path: string; size: number }[] = [];
  for (const nodeId of search.nodeIds) {
    for await (const file of allLogFiles(storage, session, nodeId))
      if (wanted(file.path)) files.push({ nodeId, ...file });
  }
  const progress = { bytes: 0 };
  let matches = 0;
  let filesScanned = 0;
  let reason: StopReason | undefined;
  for (const { nodeId, path, size } of files) {
    if (search.signal?.aborted) return;
    if (progress.bytes >= search.byteBudget) {
      reason = 'byte_budget';
      break;
    }
    // Reading stops at the budget: the rest of a file past it is not read at all.
    const allowed = search.byteBudget - progress.bytes;
    const source = await openSearchSource(storage, nodeLogKey(session, nodeId, path), {
      end: allowed,
      signal: search.signal,
    }).catch((error: unknown) => {
      // Deleted between listing and reading: nothing to search in it.
      if (error instanceof StorageNotFoundError) return null;
      throw error;
    });
    if (!source) continue;
    let inFile = 0;
    const matcher = search.matcher ?? inThisThread(search.pattern);
    try {
      // A regex (in a worker) is matched on text only; a literal is looked for in bytes first.
      const needle = search.matcher ? null : search.pattern.needle;
      const found = scanLines(
        source.chunks,
        matcher,
        search.context,
        progress,
        needle,
        source.reused,
        search.turns,
      );
      for await (const match of found) {
        yield { type: 'match', nodeId, file: path, ...match };
        inFile++;
        if (++matches >= search.maxMatches) {
          reason = 'max_matches';
          break;
        }
      }
    } catch (error) {
      if (!(error instanceof RegexBudgetSpent)) throw error;
      reason = 'time_budget';
    } finally {
      await source.close();
    }
    filesScanned++;
    yield { type: 'file', nodeId, file: path, matches: inFile };
    if (!reason && size > allowed) reason = 'byte_budget';
    if (reason) break;
  }
  yield {
    type: 'done',
    filesScanned,
    filesTotal: files.length,
    bytesScanned: progress.bytes,
    matches,
    truncated: reason !== undefined,
    ...(reason ? { reason } : {}),
  };
}
