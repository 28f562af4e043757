import { ratio } from './stats.ts';
import type { Better, TableRow, TableSection } from './table.ts';

// Collects the table's sections, the ratios kept in results.json and the budget verdicts.

export interface Budget {
  name: string;
  /** A hard budget missed makes `npm run bench` exit non-zero. */
  hard: boolean;
  pass: boolean;
  detail: string;
}

const verdict = (b: Budget) => (b.pass ? 'pass' : b.hard ? 'MISSED (hard)' : 'MISSED');

export class ReportBuilder {
  readonly sections: TableSection[] = [];
  readonly ratios: Record<string, number | null> = {};
  readonly budgets: Budget[] = [];
  private rows: TableRow[] = [];

  section(title: string): void {
    this.rows = [];
    this.sections.push({ title, rows: this.rows });
  }

  row(row: TableRow): void {
    this.rows.push(row);
  }

  /** A row comparing ours with the baseline; its ratio is kept under `key`. */
  compare(
    key: string,
    label: string,
    ours: { value: number | null; text: string },
    base: { value: number | null; text: string },
    better: Better,
    /** The verdict of a budget on this row (what budget() returned). */
    budget?: string,
  ): void {
    const r = ratio(ours.value, base.value);
    this.ratios[key] = r;
    this.row({ label, value: ours.text, baseline: base.text, ratio: r, better, budget });
  }

  budget(b: Budget): string {
    this.budgets.push(b);
    return verdict(b);
  }
}
