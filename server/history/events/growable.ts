// Typed arrays that grow by doubling while events are added, trimmed to size when frozen.

type NumericArray = Int32Array | Float64Array | Uint8Array;

export function grow<T extends NumericArray>(array: T, capacity: number, fill = 0): T {
  if (array.length >= capacity) return array;
  const Ctor = array.constructor as new (length: number) => T;
  const next = new Ctor(Math.max(capacity, array.length * 2, 16));
  next.set(array);
  if (fill !== 0) next.fill(fill, array.length);
  return next;
}

/** A copy of `array` with rows taken in `order` (order[newRow] = oldRow). */
export function gather<T extends NumericArray>(array: T, order: Int32Array): T {
  const Ctor = array.constructor as new (length: number) => T;
  const out = new Ctor(order.length);
  for (let i = 0; i < order.length; i++) out[i] = array[order[i]!]!;
  return out;
}
