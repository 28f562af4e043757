import type { RayWorker } from '../../contract/ray.ts';
import { ourJson, type Comparison } from './ray-answers.ts';
import { equal, within } from './tally.ts';

// Workers: `/api/v0/workers` rows of worker processes (drivers send no worker events, see UNCOMPARED).

type Body = { data: { result: { result: RayWorker[] } } };

export async function compareWorkers(c: Comparison): Promise<void> {
  const answer = c.truth.latest((a) => a.pathname === '/api/v0/workers');
  if (!answer) return;
  const ray = c.truth
    .json<Body>(answer)
    .data.result.result.filter((w) => w.worker_type !== 'DRIVER');
  const ours = new Map(
    (await ourJson<Body>(c, answer)).data.result.result.map((w) => [w.worker_id, w]),
  );
  c.tally.sameKeys(
    'workers',
    'worker ids',
    ours.keys(),
    ray.map((w) => w.worker_id),
  );
  for (const worker of ray) {
    c.tally.fields(
      'workers',
      worker.worker_id,
      ours.get(worker.worker_id) as never,
      worker as never,
      {
        is_alive: equal,
        worker_type: equal,
        exit_type: equal,
        exit_detail: equal,
        node_id: equal,
        ip: equal,
        pid: equal,
        start_time_ms: within(1),
        end_time_ms: within(1),
      },
    );
  }
}
