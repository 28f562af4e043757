import { describe, expect, it } from 'vitest';
import type { ChromeTraceEvent } from '../../../contract/ray';
import {
  barsInWindow,
  buildTimeline,
  fullWindow,
  panWindow,
  ticks,
  timeToX,
  traceJobs,
  traceOfJob,
  visibleLaneRange,
  zoomWindow,
} from './timeline-model';

const trace: ChromeTraceEvent[] = [
  { name: 'process_name', ph: 'M', pid: 1, tid: 0, args: { name: 'Node 10.0.0.1' } },
  { name: 'thread_name', ph: 'M', pid: 1, tid: 1, args: { name: 'worker:aaaa' } },
  { name: 'thread_name', ph: 'M', pid: 1, tid: 2, args: { name: 'worker:bbbb' } },
  { name: 'process_name', ph: 'M', pid: 2, tid: 0, args: { name: 'Node 10.0.0.2' } },
  { name: 'thread_name', ph: 'M', pid: 2, tid: 1, args: { name: 'worker:cccc' } },
  {
    name: 'task:execute',
    ph: 'X',
    pid: 2,
    tid: 1,
    ts: 5_000_000,
    dur: 1_000_000,
    cname: 'terrible',
    args: {
      task_id: 't3',
      attempt_number: 1,
      job_id: '01000000',
      func_or_class_name: 'g',
      state: 'FAILED',
      failed: true,
    },
  },
  {
    name: 'task:execute',
    ph: 'X',
    pid: 1,
    tid: 2,
    ts: 1_000_000,
    dur: 500_000,
    args: {
      task_id: 't2',
      attempt_number: 0,
      job_id: '01000000',
      func_or_class_name: 'f',
      state: 'FINISHED',
    },
  },
  {
    name: 'task:execute',
    ph: 'X',
    pid: 1,
    tid: 1,
    ts: 2_000_000,
    dur: 2_000_000,
    args: {
      task_id: 't1',
      attempt_number: 0,
      job_id: '01000000',
      func_or_class_name: 'f',
      state: 'FINISHED',
    },
  },
];

describe('timeline model', () => {
  it('groups lanes by node, then worker, named from the trace metadata', () => {
    const model = buildTimeline(trace);
    expect(model.groups.map((g) => [g.label, g.lanes.map((l) => l.workerLabel)])).toEqual([
      ['Node 10.0.0.1', ['worker:aaaa', 'worker:bbbb']],
      ['Node 10.0.0.2', ['worker:cccc']],
    ]);
    expect(model.lanes).toHaveLength(3);
    expect(model.barCount).toBe(3);
  });

  it('spans the earliest start to the latest end and reads task facts from args', () => {
    const model = buildTimeline(trace);
    expect([model.startUs, model.endUs]).toEqual([1_000_000, 6_000_000]);
    const failed = model.lanes[2]!.bars[0]!;
    expect(failed).toMatchObject({ taskId: 't3', attempt: 1, state: 'FAILED', failed: true });
    expect(model.lanes[0]!.bars[0]!.funcName).toBe('f');
  });

  it('is empty for a trace without spans', () => {
    const model = buildTimeline(trace.filter((e) => e.ph === 'M'));
    expect(model.lanes).toEqual([]);
    expect(fullWindow(model).endUs - fullWindow(model).startUs).toBe(1000);
  });

  it('zooms around the anchor and never beyond the trace', () => {
    const bounds = { startUs: 0, endUs: 1000 };
    expect(zoomWindow(bounds, 2, 0.5, bounds)).toEqual({ startUs: 250, endUs: 750 });
    expect(zoomWindow(bounds, 2, 0, bounds)).toEqual({ startUs: 0, endUs: 500 });
    expect(zoomWindow({ startUs: 250, endUs: 750 }, 0.1, 0.5, bounds)).toEqual(bounds);
  });

  it('pans by a fraction of the window, stopping at the ends', () => {
    const bounds = { startUs: 0, endUs: 1000 };
    const window = { startUs: 200, endUs: 400 };
    expect(panWindow(window, 0.5, bounds)).toEqual({ startUs: 300, endUs: 500 });
    expect(panWindow(window, -5, bounds)).toEqual({ startUs: 0, endUs: 200 });
    expect(panWindow(window, 50, bounds)).toEqual({ startUs: 800, endUs: 1000 });
  });

  it('maps times to pixels and keeps only bars in the window', () => {
    const window = { startUs: 1_000_000, endUs: 3_000_000 };
    expect(timeToX(2_000_000, window, 800)).toBe(400);
    const bars = buildTimeline(trace).lanes.flatMap((l) => l.bars);
    expect(barsInWindow(bars, window).map((b) => b.taskId)).toEqual(['t1', 't2']);
  });

  it('puts round ticks inside the window', () => {
    const result = ticks({ startUs: 0, endUs: 10_000_000 }, 5);
    expect(result).toEqual([0, 2_000_000, 4_000_000, 6_000_000, 8_000_000, 10_000_000]);
  });

  it('renders only the lanes in the scrolled viewport, plus overscan', () => {
    expect(visibleLaneRange(1000, 20, 2000, 200, 2)).toEqual([98, 112]);
    expect(visibleLaneRange(5, 20, 0, 400, 2)).toEqual([0, 5]);
  });
});

describe('timeline job filter', () => {
  const twoJobs: ChromeTraceEvent[] = [
    ...trace,
    {
      name: 'x',
      ph: 'X',
      pid: 2,
      tid: 1,
      ts: 1,
      dur: 1,
      args: { task_id: 't9', job_id: '02000000' },
    },
  ];
  it('lists the jobs of the spans and keeps only one job with its lane names', () => {
    expect(traceJobs(twoJobs)).toEqual(['01000000', '02000000']);
    const model = buildTimeline(traceOfJob(twoJobs, '02000000'));
    expect(model.barCount).toBe(1);
    expect(model.lanes.map((l) => [l.nodeLabel, l.workerLabel])).toEqual([
      ['Node 10.0.0.2', 'worker:cccc'],
    ]);
    expect(traceOfJob(twoJobs, '')).toBe(twoJobs);
  });
});
