import { HttpResponse } from 'msw';
import type { ApiErrorBody } from '../contract/api';

/** An error answer shaped like the server's (docs/api.md), for every mock handler file. */
export function errorResponse(statusCode: number, error: string, message: string) {
  return HttpResponse.json<ApiErrorBody>({ statusCode, error, message }, { status: statusCode });
}
