import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeLogsDir } from '../../server/history/layout.ts';
import type { SampleManifest } from './manifest.ts';
import { payloads, readEvents, smallSample } from './test/support.ts';

interface Lifecycle {
  taskId: string;
  taskAttempt: number;
  nodeId: string;
  taskLogInfo?: Record<string, string>;
}

let root: string;
let manifest: SampleManifest;
let lifecycles: Lifecycle[];

beforeAll(async () => {
  ({ root, manifest } = await smallSample());
  lifecycles = payloads<Lifecycle>(
    (await readEvents(root, manifest.sessions[0]!.dir)).events,
    'TASK_LIFECYCLE_EVENT',
    'taskLifecycleEvent',
  );
});

describe('task log offsets', () => {
  it('select exactly the lines each task attempt printed, even when start and end come apart', async () => {
    // Merge the pieces of taskLogInfo per attempt, and its node id (only the owner's event names
    // it; the executor's carry ""), as a reader has to.
    const merged = new Map<string, { nodeId: string; info: Record<string, string> }>();
    for (const l of lifecycles) {
      const key = `${l.taskId}|${l.taskAttempt}`;
      const entry = merged.get(key) ?? { nodeId: '', info: {} };
      entry.nodeId ||= l.nodeId;
      if (l.taskLogInfo) Object.assign(entry.info, l.taskLogInfo);
      merged.set(key, entry);
    }
    for (const [key, entry] of merged) if (!entry.info.stdoutFile) merged.delete(key);
    expect(merged.size).toBeGreaterThan(40);
    const split = lifecycles.filter((l) => l.taskLogInfo && !('stdoutEnd' in l.taskLogInfo));
    expect(split.length).toBeGreaterThan(0);
    const session = manifest.sessions[0]!;
    const info = {
      ...session,
      ownerName: session.ownerName ?? undefined,
      startTime: session.startTimeMs,
    };
    for (const [key, { nodeId, info: log }] of merged) {
      const nodeHex = Buffer.from(nodeId, 'base64').toString('hex');
      const stdout = await readFile(
        join(root, nodeLogsDir(info, nodeHex), basename(log.stdoutFile!)),
      );
      const text = stdout.subarray(Number(log.stdoutStart), Number(log.stdoutEnd)).toString('utf8');
      expect(text, key).toMatch(/^:task_name:\S+\n/);
      expect(text.endsWith('\n'), key).toBe(true);
      const taskHex = Buffer.from(key.split('|')[0]!, 'base64').toString('hex');
      if (text.includes('task_id='))
        expect(text, key).toContain(`task_id=${taskHex} attempt=${key.split('|')[1]}`);
      const stderr = await readFile(
        join(root, nodeLogsDir(info, nodeHex), basename(log.stderrFile!)),
      );
      expect(
        stderr.subarray(Number(log.stderrStart), Number(log.stderrEnd)).toString('utf8'),
        key,
      ).toMatch(/^:task_name:/);
    }
  });
});
