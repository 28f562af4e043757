import { isDeepStrictEqual } from 'node:util';

// Counts compared facts per category and keeps every mismatch with where it was found, so a
// fidelity test can print `matched X of Y` per category and fail listing each difference.

export interface Mismatch {
  category: string;
  subject: string;
  field: string;
  ours: unknown;
  ray: unknown;
}

/** How two values are compared; `equal` (deep, strict) unless a field says otherwise. */
export type Same = (ours: unknown, ray: unknown) => boolean;

export const equal: Same = (ours, ray) => isDeepStrictEqual(ours, ray);

/** Times in unix ms (numbers or numeric strings) no further apart than `ms`. */
export const within =
  (ms: number): Same =>
  (ours, ray) => {
    if (ours === null || ray === null || ours === undefined || ray === undefined)
      return ours === ray || (ours == null && ray == null);
    return Math.abs(Number(ours) - Number(ray)) <= ms;
  };

/** The same members in any order. */
export const sameSet: Same = (ours, ray) =>
  Array.isArray(ours) &&
  Array.isArray(ray) &&
  isDeepStrictEqual([...ours].map(String).sort(), [...ray].map(String).sort());

export class Tally {
  private readonly counts = new Map<string, { matched: number; total: number }>();
  readonly mismatches: Mismatch[] = [];

  check(
    category: string,
    subject: string,
    field: string,
    ours: unknown,
    ray: unknown,
    same: Same = equal,
  ): void {
    const count = this.counts.get(category) ?? { matched: 0, total: 0 };
    this.counts.set(category, count);
    count.total++;
    if (same(ours, ray)) count.matched++;
    else this.mismatches.push({ category, subject, field, ours, ray });
  }

  /** Compares `fields` of two objects, by `same` where given. */
  fields(
    category: string,
    subject: string,
    ours: Record<string, unknown> | undefined,
    ray: Record<string, unknown>,
    fields: Record<string, Same>,
  ): void {
    for (const [field, same] of Object.entries(fields)) {
      this.check(category, subject, field, ours?.[field], ray[field], same);
    }
  }

  /** Both sides list the same keys: every key Ray has is ours, and we add none. */
  sameKeys(category: string, subject: string, ours: Iterable<string>, ray: Iterable<string>) {
    const mine = new Set(ours);
    const theirs = new Set(ray);
    for (const key of theirs) this.check(category, subject, `has ${key}`, mine.has(key), true);
    for (const key of mine)
      if (!theirs.has(key)) this.check(category, subject, `extra ${key}`, true, false);
  }

  categories(): string[] {
    return [...this.counts.keys()];
  }

  lines(): string[] {
    return [...this.counts].map(
      ([category, c]) => `${category}: matched ${c.matched} of ${c.total}`,
    );
  }

  /** The mismatches, readable, at most `limit` of them. */
  report(limit = 40): string {
    const shown = this.mismatches
      .slice(0, limit)
      .map(
        (m) => `${m.category} ${m.subject} ${m.field}: ours ${clip(m.ours)}, Ray ${clip(m.ray)}`,
      );
    const more = this.mismatches.length - shown.length;
    return [...shown, ...(more > 0 ? [`... and ${more} more`] : [])].join('\n');
  }
}

function clip(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
