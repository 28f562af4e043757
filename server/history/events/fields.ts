import { dictionary } from './dictionary.ts';

// Hand-written guards for reading untrusted JSON at the edge. Each returns a safe default.

export type Json = Record<string, unknown>;

export function asObject(value: unknown): Json | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Json)
    : null;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

/**
 * The value of `-?\d{1,15}` read from its digits (exact below 2^53), or null for anything else
 * (read by hand: log offsets alone are four per task event).
 */
function smallIntegerText(value: string): number | null {
  const start = value.charCodeAt(0) === 45 ? 1 : 0;
  const n = value.length;
  if (n === start || n - start > 15) return null;
  let result = 0;
  for (let i = start; i < n; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return null;
    result = result * 10 + digit;
  }
  return start === 1 ? -result : result;
}

/** An int64 printed as a number or a quoted string; null when absent or not a number. */
export function asInt(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : null;
  if (typeof value !== 'string') return null;
  const small = smallIntegerText(value);
  if (small !== null) return small;
  if (/^-?\d+$/.test(value.trim())) return Number(value);
  return null;
}

export function asBool(value: unknown): boolean {
  return value === true || value === 'true';
}

/** `{name: number}` maps such as required resources; non-numbers are dropped. */
export function asNumberMap(value: unknown): Record<string, number> {
  const out = dictionary<number>();
  const obj = asObject(value);
  if (!obj) return out;
  for (const key of Object.keys(obj).sort()) {
    const n = typeof obj[key] === 'string' ? Number(obj[key]) : obj[key];
    if (typeof n === 'number' && Number.isFinite(n)) out[key] = n;
  }
  return out;
}

/** `{name: string}` maps such as labels and metadata. */
export function asStringMap(value: unknown): Record<string, string> {
  const out = dictionary<string>();
  const obj = asObject(value);
  if (!obj) return out;
  for (const key of Object.keys(obj).sort()) {
    const v = obj[key];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
      out[key] = String(v);
    }
  }
  return out;
}
