import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { looksCompressed, sendUncompressed } from '../../http/compression-guard.ts';
import { AnswerBuffers } from '../../http/answer-buffers.ts';
import type { AppDeps } from '../../http/app-deps.ts';
import { badRequest } from '../../http/errors.ts';
import { pacedChunks, pacedPieces, piecesOf } from '../../http/paced-answers.ts';
import type { TurnBudget } from '../../http/turn-budget.ts';
import { single, type RawQuery } from '../../http/query-params.ts';
import { strippedPieces } from '../../history/logs/ansi.ts';
import { globMatcher } from '../../history/logs/glob.ts';
import { groupByCategory } from '../../history/logs/log-categories.ts';
import {
  attachmentName,
  nodeIdParam,
  parseLogFileQuery,
  type LogContent,
} from '../../history/logs/log-file-query.ts';
import { listLogFolder } from '../../history/logs/log-files.ts';
import { logNodes } from '../../history/logs/log-nodes.ts';
import { safeLogFolder } from '../../history/logs/log-path.ts';
import { MAX_SLICE_BYTES, type LogSlice } from '../../history/logs/log-slice.ts';
import { resolveLog, type ResolvedLog } from '../../history/logs/log-source.ts';
import { lineRange, linesBefore, MAX_LINE_BYTES } from '../../history/logs/line-range.ts';
import { TAIL_CHUNK_BYTES, tailLines } from '../../history/logs/tail.ts';
import type { Storage } from '../../storage/storage.ts';
import { defineSessionRoutes } from '../session-router.ts';
import { loadedSession } from './loaded-session.ts';
import { whenClosed } from '../../http/when-closed.ts';

// The logs a session's nodes left (docs/logs.md): Ray's /api/v0/logs listing and file API,
// plus /logs/nodes and /logs/files for browsing folder by folder.

/** The largest log slice answered compressed (@fastify/compress honours x-no-compression). */
const COMPRESS_MAX_BYTES = 1024 * 1024;
/**
 * A download is read in chunks this big. A file stream reads its next chunk once the last one is
 * passed on, a chunk per event-loop turn or two: at the default 64 KiB a busy server sent
 * 300 MiB in more than a minute (the hostile mix's timeouts). A chunk costs the request thread
 * a copy into the socket (or the compressor), not a pass over its bytes, in a step of the turn
 * budget; at most LOG_DOWNLOADS_MAX run at once.
 */
const DOWNLOAD_CHUNK_BYTES = 4 * 1024 * 1024;
/**
 * A large slice goes to the socket this much per step of the turn budget (a view, no copy):
 * handed over whole, 16 MiB were copied into the kernel as fast as it took them, in the same
 * turns as every other answer's work.
 */
const SLICE_PIECE_BYTES = 1024 * 1024;

function requiredNodeId(query: RawQuery): string {
  const nodeId = nodeIdParam(query);
  if (!nodeId) throw badRequest('node_id is required');
  return nodeId;
}

/**
 * What a pooled buffer must hold: a slice, the lines its edges are widened to (a range moves
 * its start back and its end on by up to a line each), and the byte before a "load earlier".
 */
const ANSWER_BUFFER_BYTES = MAX_SLICE_BYTES + 2 * MAX_LINE_BYTES + 1;
/**
 * Buffers kept between answers, beyond those in use (which the response budget covers): enough
 * for the slices a busy server answers back to back, 76 MiB at most.
 */
const IDLE_ANSWER_BUFFERS = 4;

function readContent(
  storage: Storage,
  log: ResolvedLog,
  content: LogContent,
  into: Buffer | undefined,
): Promise<LogSlice> {
  switch (content.kind) {
    case 'tail':
      return tailLines(
        storage,
        log.key,
        log.window,
        content.lines,
        TAIL_CHUNK_BYTES,
        MAX_SLICE_BYTES,
        into,
      );
    case 'range':
      return lineRange(storage, log.key, log.window, content.start, content.end, into);
    case 'before':
      return linesBefore(storage, log.key, log.window, content.before, content.bytes, into);
  }
}

/** A path as a header value: percent-encoded (header values cannot carry non-ASCII), '/' kept. */
export const headerPath = (path: string) => encodeURIComponent(path).replaceAll('%2F', '/');

function describe(reply: FastifyReply, log: ResolvedLog): void {
  reply.header('x-log-node-id', log.nodeId);
  reply.header('x-log-filename', headerPath(log.path));
  reply.header('cache-control', 'private, max-age=300');
}

/** Bytes the compression plugin's test reads at the start of an answer (gzip: 3). */
const COMPRESSED_HEAD_BYTES = 3;

/**
 * The slice without its colour codes, a piece at a time within the turn budget. Its first
 * pieces are stripped before the answer starts, until they hold the bytes the compression plugin
 * looks at, so that text which begins like a compressed stream once its codes are gone is sent
 * uncompressed (server/http/compression-guard.ts). A piece can strip to almost nothing.
 */
async function strippedAnswer(
  request: FastifyRequest,
  turns: TurnBudget,
  bytes: Buffer,
): Promise<Readable> {
  const pieces = strippedPieces(bytes);
  const head: Buffer[] = [];
  let headBytes = 0;
  while (headBytes < COMPRESSED_HEAD_BYTES) {
    const next = await turns.run(() => pieces.next());
    if (next.done) break;
    head.push(next.value);
    headBytes += next.value.length;
  }
  if (looksCompressed(Buffer.concat(head, Math.min(headBytes, COMPRESSED_HEAD_BYTES))))
    sendUncompressed(request);
  return pacedPieces(
    turns,
    (function* () {
      yield* head;
      yield* pieces;
    })(),
  );
}

export async function logRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const answerBuffers = new AnswerBuffers(ANSWER_BUFFER_BYTES, IDLE_ANSWER_BUFFERS);
  defineSessionRoutes(app, deps, (get) => {
    get('/api/v0/logs', async ({ session, request }) => {
      const query = request.query as RawQuery;
      const nodeId = requiredNodeId(query);
      const wanted = globMatcher(single(query, 'glob'));
      const entries = await listLogFolder(deps.storage, session, nodeId, '');
      const paths = entries.map((e) => e.path).filter(wanted);
      return { result: true, msg: '', data: { result: groupByCategory(paths) } };
    });

    get('/logs/nodes', async ({ session, request }) => {
      const { snapshot } = await loadedSession(deps, session, request.log);
      return { nodes: await logNodes(deps.storage, session, snapshot.nodes) };
    });

    get('/logs/files', async ({ session, request }) => {
      const query = request.query as RawQuery;
      const nodeId = requiredNodeId(query);
      const prefix = safeLogFolder(single(query, 'prefix'));
      const files = await listLogFolder(deps.storage, session, nodeId, prefix);
      return { nodeId, prefix, files };
    });

    get('/api/v0/logs/file', async ({ session, request, reply }) => {
      const ask = parseLogFileQuery(request.query as RawQuery);
      const log = await resolveLog(
        deps.storage,
        session,
        ask.selection,
        async () => (await loadedSession(deps, session, request.log)).snapshot,
      );
      describe(reply, log);
      if (ask.download !== null) {
        // A whole file, however big: a few at a time (per process and user), 429 beyond.
        const release = deps.downloads.take(request.access.user?.id ?? request.ip);
        whenClosed(reply.raw, release);
        if (reply.raw.closed) return reply.hijack();
        const name = attachmentName(ask.download || log.path);
        reply.header('content-disposition', `attachment; filename="${name}"`);
        reply.type('application/octet-stream');
        const file = await deps.storage.stream(log.key, {
          ...log.window,
          chunkBytes: DOWNLOAD_CHUNK_BYTES,
        });
        return reply.send(pacedChunks(deps.turns, file));
      }
      // Held until the answer is sent: the slice read, and what compressing makes of it.
      const bound = Math.min(log.window.end - log.window.start, MAX_SLICE_BYTES);
      const release = await deps.responses.reserve(bound * 2);
      whenClosed(reply.raw, release);
      // The client left while this waited for room: its room is back, and reading the slice now
      // would only hold memory the budget no longer counts.
      if (reply.raw.closed) return reply.hijack();
      // Large slices (sent uncompressed) are read into a pooled buffer; small ones cost little.
      const into = bound > COMPRESS_MAX_BYTES ? answerBuffers.lendTo(reply.raw) : undefined;
      const slice = await readContent(deps.storage, log, ask.content, into);
      reply.header('x-log-file-size', log.size);
      reply.header('x-log-start-offset', slice.start);
      reply.header('x-log-end-offset', slice.end);
      if (slice.firstLine !== null) reply.header('x-log-first-line', slice.firstLine);
      reply.type('text/plain; charset=utf-8');
      // Compressing 16 MiB takes a core for about a second: 64 such requests would starve the
      // request thread. Small slices (the usual tail) are compressed; large ones go as they are.
      if (slice.bytes.length > COMPRESS_MAX_BYTES) sendUncompressed(request);
      if (ask.filterAnsi) return reply.send(await strippedAnswer(request, deps.turns, slice.bytes));
      // The bytes as stored, never a decoded copy of the whole slice; a large one a piece per step.
      if (slice.bytes.length <= SLICE_PIECE_BYTES) return slice.bytes;
      reply.header('content-length', slice.bytes.length);
      return reply.send(pacedPieces(deps.turns, piecesOf(slice.bytes, SLICE_PIECE_BYTES)));
    });
  });
}
