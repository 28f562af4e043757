import { HttpResponse } from 'msw';
import type { ApiErrorBody } from '../src/types/api';

/** An error answer shaped like the HistoryServer's. Its own module: every handler file uses it. */
export function errorResponse(statusCode: number, error: string, message: string) {
  return HttpResponse.json<ApiErrorBody>({ statusCode, error, message }, { status: statusCode });
}
