import vm from 'node:vm';

// A regex search is refused up front when its pattern is a known runaway shape, but a
// polynomial pattern (`x+y`, `\d*\d*\d*x`) on a long line can still run for minutes inside one
// `exec`. Matching in regex mode therefore runs under a wall-clock budget enforced by V8 itself
// (a `vm` timeout interrupts a running regex); when it is spent the search stops, truncated.

export const DEFAULT_REGEX_BUDGET_MS = 10_000;
export const MAX_REGEX_BUDGET_MS = 60_000;

export class RegexBudgetSpent extends Error {
  constructor(ms: number) {
    super(`the regex used up its ${ms} ms time budget`);
    this.name = 'RegexBudgetSpent';
  }
}

/** Runs synchronous matching work; throws RegexBudgetSpent once the budget is used up. */
export type MatchGuard = <T>(work: () => T) => T;

export function regexBudget(ms: number): MatchGuard {
  const context = vm.createContext({ work: (): unknown => undefined, result: undefined });
  const script = new vm.Script('result = work()');
  let remaining = ms;
  return <T>(work: () => T): T => {
    if (remaining <= 0) throw new RegexBudgetSpent(ms);
    const started = performance.now();
    context.work = work;
    try {
      script.runInContext(context, { timeout: Math.max(1, Math.ceil(remaining)) });
      return context.result as T;
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT')
        throw new RegexBudgetSpent(ms);
      throw error;
    } finally {
      context.result = undefined;
      remaining -= performance.now() - started;
    }
  };
}

/** No budget: plain and case modes search literally, in time linear in the text. */
export const unguarded: MatchGuard = (work) => work();
