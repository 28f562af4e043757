import { ourJson, type Comparison } from './ray-answers.ts';

// Logs: each node's file list grouped in Ray's categories, a driver log's tail, and a task's
// stdout/stderr found by task id.

type Listing = { data: { result: Record<string, string[]> } };

export async function compareLogLists(c: Comparison): Promise<void> {
  // The last listing each node answered with 200 (a dead node's listing fails once it is gone).
  for (const answer of c.truth.latestPerUrl((a) => a.pathname === '/api/v0/logs')) {
    const nodeId = answer.query.get('node_id') ?? '';
    const ray = c.truth.json<Listing>(answer).data.result;
    const ours = (await ourJson<Listing>(c, answer)).data.result;
    for (const [category, names] of Object.entries(ray)) {
      // The collector copies regular files only: a folder with nothing in it never reaches storage.
      const kept = names.filter(
        (n) => !n.endsWith('/') || c.historyHasLogFolder(nodeId, n.slice(0, -1)),
      );
      c.tally.sameKeys(
        'log lists',
        `${nodeId.slice(0, 8)} ${category}`,
        ours[category] ?? [],
        kept,
      );
    }
    for (const [category, names] of Object.entries(ours)) {
      if (!(category in ray) && names.length > 0)
        c.tally.sameKeys('log lists', `${nodeId.slice(0, 8)} ${category}`, names, []);
    }
  }
}

async function compareTexts(c: Comparison, category: string, param: string): Promise<void> {
  for (const answer of c.truth.latestPerUrl(
    (a) => a.pathname === '/api/v0/logs/file' && a.query.has(param),
  )) {
    const ours = await c.get(answer.url);
    c.tally.check(category, answer.url, 'status', ours.status, 200);
    c.tally.check(category, answer.url, 'text', ours.body, c.truth.text(answer));
  }
}

export const compareDriverLogTails = (c: Comparison) =>
  compareTexts(c, 'driver log tails', 'filename');
export const compareTaskLogs = (c: Comparison) => compareTexts(c, 'task logs', 'task_id');
