import type { StateAt } from './decoded.ts';
import { compareStrings } from './string-pool.ts';

// Jobs, actors and nodes: few enough to keep as objects. Each gets one definition and a set of
// transitions de-duplicated on (state, time). When copies disagree, the same one wins in any
// arrival order (smallest JSON), so shuffled or repeated events give the same record.

export interface EntityRecord<D, T extends StateAt> {
  id: string;
  definition: D | null;
  /** Sorted by time, then by lifecycle rank. */
  transitions: T[];
}

/** [id, definition, transitions] per entity. */
export type EntityEntries<D, T> = [string, D | null, T[]][];

interface Entry<D, T> {
  definition: D | null;
  definitionJson: string;
  transitions: Map<string, { value: T; json: string }>;
}

export class EntityRecords<D, T extends StateAt> {
  private readonly entries = new Map<string, Entry<D, T>>();

  define(id: string, definition: D): void {
    const entry = this.entry(id);
    const json = JSON.stringify(definition);
    if (entry.definition === null || compareStrings(json, entry.definitionJson) < 0) {
      entry.definition = definition;
      entry.definitionJson = json;
    }
  }

  transition(id: string, transition: T): void {
    const entry = this.entry(id);
    const key = `${transition.state}@${transition.timeMs}`;
    const json = JSON.stringify(transition);
    const current = entry.transitions.get(key);
    if (!current || compareStrings(json, current.json) < 0) {
      entry.transitions.set(key, { value: transition, json });
    }
  }

  /** Every entry as plain data, to merge into another EntityRecords (e.g. from another thread). */
  entriesForMerge(): EntityEntries<D, T> {
    return [...this.entries].map(([id, e]) => [
      id,
      e.definition,
      [...e.transitions.values()].map((t) => t.value),
    ]);
  }

  merge(entries: EntityEntries<D, T>): void {
    for (const [id, definition, transitions] of entries) {
      this.entry(id);
      if (definition !== null) this.define(id, definition);
      for (const t of transitions) this.transition(id, t);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** Every record, by id, with transitions in order. */
  records(rank: (state: string) => number): EntityRecord<D, T>[] {
    return [...this.entries.keys()].sort(compareStrings).map((id) => {
      const entry = this.entries.get(id)!;
      const transitions = [...entry.transitions.values()]
        .map((t) => t.value)
        .sort(
          (a, b) =>
            a.timeMs - b.timeMs ||
            rank(a.state) - rank(b.state) ||
            compareStrings(a.state, b.state),
        );
      return { id, definition: entry.definition, transitions };
    });
  }

  approxBytes(): number {
    let bytes = 0;
    for (const entry of this.entries.values()) {
      bytes += 200 + entry.definitionJson.length * 2;
      for (const t of entry.transitions.values()) bytes += 100 + t.json.length * 2;
    }
    return bytes;
  }

  private entry(id: string): Entry<D, T> {
    let entry = this.entries.get(id);
    if (!entry) {
      entry = { definition: null, definitionJson: '', transitions: new Map() };
      this.entries.set(id, entry);
    }
    return entry;
  }
}
