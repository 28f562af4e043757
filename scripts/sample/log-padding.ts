import type { SessionContext } from './context.ts';
import { logTime } from './time.ts';
import type { WorkerSlot } from './workers.ts';

// `--log-mb N`: grows one worker's stdout to N MB of training progress lines, written in
// chunks through the stream so a gigabyte never sits in memory.

const MB = 1024 * 1024;
const CHUNK_LINES = 8192;

export async function padWorkerLog(
  ctx: SessionContext,
  w: WorkerSlot,
  untilUs: number,
): Promise<void> {
  const target = ctx.logPaddingMb * MB;
  if (target <= 0) return;
  let step = 0;
  const startBytes = w.out.bytes;
  const rate = ctx.random.int(900, 1400);
  while (w.out.bytes - startBytes < target) {
    const lines: string[] = [];
    for (let i = 0; i < CHUNK_LINES; i++, step++) {
      const loss = (2.5 / Math.sqrt(step + 1) + (step % 17) / 1000).toFixed(5);
      lines.push(
        `${logTime(untilUs + step * 1000)} [train] step=${step} epoch=${Math.floor(step / 5000)} loss=${loss} throughput=${rate + (step % 97)} samples/s\n`,
      );
    }
    await w.out.write(lines.join(''));
  }
  ctx.found.largeLog = { key: w.stdoutKey, bytes: w.out.bytes };
}
