import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../http/app-deps.ts';
import { badRequest } from '../../http/errors.ts';
import { oneOf, positiveInt, single, type RawQuery } from '../../http/query-params.ts';
import { globMatcher } from '../../history/logs/glob.ts';
import { nodeIdParam } from '../../history/logs/log-file-query.ts';
import { storedNodeIds } from '../../history/logs/log-files.ts';
import {
  DEFAULT_BYTE_BUDGET,
  DEFAULT_MAX_MATCHES,
  MAX_MAX_MATCHES,
  searchLogs,
  type SearchRecord,
} from '../../history/logs/search.ts';
import { compileSearch, SEARCH_MODES } from '../../history/logs/search-pattern.ts';
import { DEFAULT_REGEX_BUDGET_MS, MAX_REGEX_BUDGET_MS } from '../../history/logs/regex-workers.ts';
import { defineSessionRoutes } from '../session-router.ts';
import { whenClosed } from '../../http/when-closed.ts';

// GET /logs/search: finds text in a session's logs and streams matches as NDJSON as they are
// found; closing the request stops the scan.

const MAX_CONTEXT = 10;

export async function logSearchRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  defineSessionRoutes(app, deps, (get) => {
    get('/logs/search', async ({ session, request, reply }) => {
      const query = request.query as RawQuery;
      const q = single(query, 'q');
      if (q === undefined) throw badRequest('q is required');
      const pattern = compileSearch(q, oneOf(query, 'mode', SEARCH_MODES) ?? 'plain');
      const regexBudgetMs =
        positiveInt(query, 'time_budget_ms', { max: MAX_REGEX_BUDGET_MS }) ??
        DEFAULT_REGEX_BUDGET_MS;
      const nodeId = nodeIdParam(query);
      const glob = single(query, 'glob');
      globMatcher(glob); // refuses a bad glob with 400 before the answer starts streaming
      const search = {
        pattern,
        nodeIds: nodeId ? [nodeId] : await storedNodeIds(deps.storage, session),
        glob,
        context: positiveInt(query, 'context', { min: 0, max: MAX_CONTEXT }) ?? 2,
        maxMatches:
          positiveInt(query, 'max_matches', { max: MAX_MAX_MATCHES }) ?? DEFAULT_MAX_MATCHES,
        byteBudget: positiveInt(query, 'byte_budget') ?? DEFAULT_BYTE_BUDGET,
      };
      // Last, once the request is known good: a regex search holds a worker until it ends, a
      // literal one a slot on this thread.
      const user = request.access.user?.id ?? request.ip;
      const lease = pattern.isRegex ? deps.regexWorkers.lease(user, pattern, regexBudgetMs) : null;
      const releaseSlot = pattern.isRegex ? null : deps.literalSearches.take(user);
      const release = () => {
        lease?.release();
        releaseSlot?.();
      };

      const stop = new AbortController();
      whenClosed(reply.raw, () => {
        if (!reply.raw.writableFinished) stop.abort();
        release();
      });
      async function* lines(): AsyncGenerator<string> {
        const records: AsyncGenerator<SearchRecord> = searchLogs(deps.storage, session, {
          ...search,
          matcher: lease?.match,
          turns: deps.turns,
          signal: stop.signal,
        });
        try {
          for await (const record of records) yield `${JSON.stringify(record)}\n`;
        } catch (error) {
          if (stop.signal.aborted) return;
          request.log.error({ err: error }, 'log search failed');
          yield `${JSON.stringify({ type: 'error', message: 'The search stopped: history storage failed' })}\n`;
        } finally {
          stop.abort();
          release();
        }
      }
      reply.header('cache-control', 'no-store');
      reply.type('application/x-ndjson; charset=utf-8');
      return reply.send(Readable.from(lines()));
    });
  });
}
