import type { ClassicEnvelope, StateApiEnvelope } from '../../../src/types/ray.ts';

// The two wrappers Ray Dashboard endpoints answer in (contract, section 3).

export function classic<T>(data: T): ClassicEnvelope<T> {
  return { result: true, msg: '', data };
}

export function stateApi<T>(result: T): StateApiEnvelope<T> {
  return classic({ result });
}

/** stateApi's envelope around a result already written as JSON text (same bytes as stateApi). */
export function stateApiJson(resultJson: string): string {
  return `{"result":true,"msg":"","data":{"result":${resultJson}}}`;
}
