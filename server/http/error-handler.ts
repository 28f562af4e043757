import type { FastifyError, FastifyInstance } from 'fastify';
import { UnsafeKeyError } from '../storage/fs-storage.ts';
import { StorageNotFoundError, StorageUnavailableError } from '../storage/storage.ts';
import { BusyError, errorBody, HttpError } from './errors.ts';

// The one place an error becomes a response: a status and an ApiErrorBody naming the problem.
// Unexpected errors answer a generic 500; their details go to the log only.

/** Fastify echoes the URL in some messages: keep an echo of a 10 KB URL short, and its ending. */
function shortened(message: string): string {
  return message.length <= 300 ? message : `${message.slice(0, 160)}…${message.slice(-120)}`;
}

export function statusAndMessage(error: unknown): { statusCode: number; message: string } {
  if (error instanceof HttpError) return { statusCode: error.statusCode, message: error.message };
  if (error instanceof StorageUnavailableError)
    return { statusCode: 503, message: 'History storage is unavailable; try again shortly' };
  if (error instanceof StorageNotFoundError)
    return { statusCode: 404, message: 'The requested history file does not exist' };
  if (error instanceof UnsafeKeyError)
    return { statusCode: 400, message: 'The request names a path outside the history storage' };
  const fastifyError = error as Partial<FastifyError> | undefined;
  if (fastifyError?.validation) return { statusCode: 400, message: fastifyError.message ?? '' };
  const status = fastifyError?.statusCode;
  // Fastify's own client errors (malformed URL, unsupported media type ...) carry safe messages.
  if (typeof status === 'number' && status >= 400 && status < 500)
    return { statusCode: status, message: shortened(fastifyError?.message ?? 'Bad request') };
  return { statusCode: 500, message: 'Internal server error' };
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const { statusCode, message } = statusAndMessage(error);
    if (statusCode >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ statusCode, message }, 'request refused');
    if (error instanceof BusyError) reply.header('retry-after', String(error.retryAfterSeconds));
    return reply.code(statusCode).type('application/json').send(errorBody(statusCode, message));
  });
}
