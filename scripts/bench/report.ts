import type { ApiResult } from './api-bench.ts';
import type { ColdLoad } from './cold-load.ts';
import { warmRestartSection, type WarmRestart } from './warm-restart.ts';
import type { HostileResult } from './hostile-bench.ts';
import type { LogsResult } from './logs-bench.ts';
import { sizeLabel } from './options.ts';
import { ReportBuilder, type Budget } from './report-builder.ts';
import {
  apiSection,
  coldLoadSection,
  hostileSection,
  logsSection,
  soakSection,
  spaSection,
  firstPaintSection,
} from './report-sections.ts';
import type { SoakResult } from './soak.ts';
import type { SpaResult } from './spa-bench.ts';
import type { FirstPaintResult } from './first-paint-bench.ts';
import type { TableSection } from './table.ts';

// Turns the measurements into the table's sections, the ratios we track over time and the
// budget verdicts. Pure: everything here is tested without running a bench.

export type { Budget } from './report-builder.ts';

export interface BenchResults {
  coldLoads: ColdLoad[];
  /** The largest session answered by a new process from its persisted snapshot. */
  warmRestart: WarmRestart | null;
  logs: LogsResult | null;
  api: ApiResult | null;
  spa: SpaResult | null;
  firstPaint: FirstPaintResult | null;
  soak: SoakResult | null;
  hostile: HostileResult | null;
  /** Sections that threw instead of measuring. */
  errors: { section: string; message: string }[];
}

export interface Report {
  sections: TableSection[];
  /** Flat keys (`coldLoad.1M.eventsPerSecond`) → ours ÷ baseline, the figures compared over time. */
  ratios: Record<string, number | null>;
  budgets: Budget[];
}

export function buildReport(r: BenchResults, largestTasks: number | null): Report {
  const b = new ReportBuilder();
  const sessionLabel = largestTasks === null ? '' : sizeLabel(largestTasks);
  r.coldLoads.forEach((c, i) => coldLoadSection(b, c, i === r.coldLoads.length - 1));
  if (r.warmRestart) warmRestartSection(b, r.warmRestart);
  if (r.logs) logsSection(b, r.logs);
  if (r.api) apiSection(b, r.api, sessionLabel);
  if (r.spa) spaSection(b, r.spa, sessionLabel);
  if (r.firstPaint) firstPaintSection(b, r.firstPaint);
  if (r.soak) soakSection(b, r.soak);
  if (r.hostile) hostileSection(b, r.hostile);
  for (const c of r.coldLoads)
    if (!c.ours)
      b.budget({
        name: `Cold load ${sizeLabel(c.tasks)} completes`,
        hard: true,
        pass: false,
        detail: c.error ?? 'failed',
      });
  for (const e of r.errors) {
    b.section(`${e.section}: did not complete`);
    b.row({ label: 'error', value: e.message });
    b.budget({
      name: `${e.section} section completes`,
      hard: true,
      pass: false,
      detail: e.message,
    });
  }
  return { sections: b.sections, ratios: b.ratios, budgets: b.budgets };
}

/** The lines printed under the table: every budget missed, hard ones first. */
export function budgetSummary(budgets: Budget[]): string[] {
  const missed = budgets.filter((x) => !x.pass).sort((x, y) => Number(y.hard) - Number(x.hard));
  if (missed.length === 0) return [`All ${budgets.length} budgets hold.`];
  return [
    `BUDGETS MISSED (${missed.length} of ${budgets.length}):`,
    ...missed.map((x) => `  ${x.hard ? 'HARD' : 'soft'}  ${x.name}: ${x.detail}`),
  ];
}

export const hardBudgetMissed = (budgets: Budget[]) => budgets.some((x) => x.hard && !x.pass);
