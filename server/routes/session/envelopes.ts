import type { ClassicEnvelope, StateApiEnvelope } from '../../../contract/ray.ts';

// The two wrappers Ray Dashboard endpoints answer in (contract, section 3).

export function classic<T>(data: T): ClassicEnvelope<T> {
  return { result: true, msg: '', data };
}

export function stateApi<T>(result: T): StateApiEnvelope<T> {
  return classic({ result });
}
