import type { ApiErrorBody } from '../../contract/api.ts';

// Errors a route throws to answer with a status and a message naming the problem.

export class HttpError extends Error {
  readonly statusCode: number;

  constructor(statusCode: number, message: string) {
    super(message);
    this.name = 'HttpError';
    this.statusCode = statusCode;
  }
}

/** Too much at once (429 for one client, 503 for the whole server): try again after a while. */
export class BusyError extends HttpError {
  readonly retryAfterSeconds: number;

  constructor(statusCode: 429 | 503, message: string, retryAfterSeconds: number) {
    super(statusCode, message);
    this.name = 'BusyError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export const badRequest = (message: string) => new HttpError(400, message);
export const notFound = (message: string) => new HttpError(404, message);

const reasons: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export function errorBody(statusCode: number, message: string): ApiErrorBody {
  return { statusCode, error: reasons[statusCode] ?? 'Error', message };
}
