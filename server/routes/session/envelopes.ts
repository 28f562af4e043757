import type { ClassicEnvelope, StateApiEnvelope } from '../../../contract/ray.ts';

// The two wrappers Ray Dashboard endpoints answer in (contract, section 3).

export function classic<T>(data: T): ClassicEnvelope<T> {
  return { result: true, msg: '', data };
}

export function stateApi<T>(result: T): StateApiEnvelope<T> {
  return classic({ result });
}

/** The JSON text of stateApi's envelope before and after its result (same bytes as stateApi). */
export const STATE_API_JSON: readonly [string, string] = [
  '{"result":true,"msg":"","data":{"result":',
  '}}',
];
