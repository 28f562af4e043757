import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './errors.ts';

// The product is read-only: data routes answer GET and HEAD only. A request with any other
// method that matched no route (routes registered for POST, such as login, still match) is
// refused with 405, never treated as a missing page. No CORS headers are ever sent, so
// preflights (OPTIONS) end here too and browsers keep other origins out.

export const READ_METHODS = 'GET, HEAD';

export function isReadMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD';
}

export function methodNotAllowed(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply
    .code(405)
    .header('allow', READ_METHODS)
    .send(
      errorBody(
        405,
        `Method ${request.method} is not allowed: this server is read-only (allowed: ${READ_METHODS})`,
      ),
    );
}
