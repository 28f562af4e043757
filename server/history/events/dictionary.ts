// Objects keyed by names and ids from the data (states, function names, labels, actor ids).
// Without a prototype, `__proto__`, `constructor` or `toString` are ordinary keys: counted,
// stored and serialised like any other instead of hitting Object.prototype.

export function dictionary<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
