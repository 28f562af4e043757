import type { Tally } from './tally.ts';
import type { TruthAnswer, TruthIndex } from './truth-index.ts';

// What every category comparison gets: the live dashboard's answers, the tally, and our server
// answering the same Ray path (under whichever session scheme the test is checking).

export interface OurAnswer {
  status: number;
  body: string;
}

export interface Comparison {
  truth: TruthIndex;
  tally: Tally;
  /** Our answer to a Ray Dashboard path with query, e.g. `/api/jobs/`. */
  get(rayUrl: string): Promise<OurAnswer>;
  /** Whether a node's `logs/<folder>/` holds files in the history (folders are not copied empty). */
  historyHasLogFolder(nodeId: string, folder: string): boolean;
}

export async function ourJson<T>(c: Comparison, answer: TruthAnswer | string): Promise<T> {
  const url = typeof answer === 'string' ? answer : answer.url;
  const res = await c.get(url);
  if (res.status !== 200)
    throw new Error(`${url} answered ${res.status}: ${res.body.slice(0, 300)}`);
  return JSON.parse(res.body) as T;
}
