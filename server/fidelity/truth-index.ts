import { readFileSync } from 'node:fs';
import path from 'node:path';

// The ground truth of a real Ray recording: `truth/INDEX.md` lists every captured answer of the
// live Ray Dashboard with its URL, HTTP status and capture time. Tests pick answers by URL, so
// a recording with other jobs, ids or phases drives the same comparison.

export interface TruthAnswer {
  /** File under `truth/`. */
  file: string;
  /** Path and query the live dashboard answered, e.g. `/api/v0/tasks?detail=1&limit=10000`. */
  url: string;
  pathname: string;
  query: URLSearchParams;
  /** HTTP status, or null for answers that are not HTTP (the CLI's output). */
  status: number | null;
  capturedMs: number;
}

const ROW = /^\|\s*`([^`]+)`\s*\|\s*`([^`]+)`\s*\|\s*([^|]+?)\s*\|\s*([^|]+?)\s*\|/;

export class TruthIndex {
  readonly answers: TruthAnswer[];
  private readonly truthDir: string;

  constructor(truthDir: string) {
    this.truthDir = truthDir;
    const text = readFileSync(path.join(truthDir, 'INDEX.md'), 'utf8');
    this.answers = [];
    for (const line of text.split('\n')) {
      const m = ROW.exec(line);
      if (!m || !m[2]!.startsWith('/')) continue;
      const url = new URL(m[2]!, 'http://ray');
      const capturedMs = Date.parse(m[4]!);
      if (!Number.isFinite(capturedMs)) continue;
      this.answers.push({
        file: m[1]!,
        url: m[2]!,
        pathname: url.pathname,
        query: url.searchParams,
        status: /^\d{3}$/.test(m[3]!) ? Number(m[3]) : null,
        capturedMs,
      });
    }
    this.answers.sort((a, b) => a.capturedMs - b.capturedMs);
    if (this.answers.length === 0) throw new Error(`${truthDir}/INDEX.md lists no answers`);
  }

  /** Every HTTP 200 answer whose URL matches, oldest first. */
  all(match: (a: TruthAnswer) => boolean): TruthAnswer[] {
    return this.answers.filter((a) => a.status === 200 && match(a));
  }

  /** The last HTTP 200 answer for each distinct URL that matches: the final state of the cluster. */
  latestPerUrl(match: (a: TruthAnswer) => boolean): TruthAnswer[] {
    const byUrl = new Map<string, TruthAnswer>();
    for (const a of this.all(match)) byUrl.set(a.url, a);
    return [...byUrl.values()];
  }

  /** The final answer of one URL path (any query), or undefined when never captured. */
  latest(match: (a: TruthAnswer) => boolean): TruthAnswer | undefined {
    return this.all(match).at(-1);
  }

  text(answer: TruthAnswer): string {
    return readFileSync(path.join(this.truthDir, answer.file), 'utf8');
  }

  json<T>(answer: TruthAnswer): T {
    return JSON.parse(this.text(answer)) as T;
  }
}
