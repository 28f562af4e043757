import { describe, expect, it } from 'vitest';
import type { NodeDetail } from '../../../contract/ray';
import { NOT_RECORDED, hostMetrics, toNodeRow, toNodeRows } from './node-rows';

function node(id: string, raylet: Partial<NodeDetail['raylet']> = {}): NodeDetail {
  return {
    hostname: `host-${id}`,
    ip: `10.0.0.${id.length}`,
    cpu: 0,
    cpus: [0, 0],
    mem: [0, 0, 0, 0],
    disk: {},
    networkSpeed: [0, 0],
    gpus: [],
    tpus: [],
    bootTime: 0,
    loadAvg: [
      [0, 0, 0],
      [0, 0, 0],
    ],
    raylet: {
      nodeId: id,
      nodeManagerAddress: '',
      nodeManagerHostname: '',
      state: 'ALIVE',
      stateMessage: '',
      isHeadNode: false,
      labels: {},
      resourcesTotal: {},
      startTimeMs: 1000,
      endTimeMs: 0,
      nodeTypeName: '',
      instanceTypeName: '',
      nodeName: '',
      instanceId: '',
      ...raylet,
    },
  };
}

describe('node rows', () => {
  it('gives a dead node its death reason in words and its lifetime', () => {
    const row = toNodeRow(
      node('n1', {
        state: 'DEAD',
        stateMessage: 'Preempted: spot instance reclaimed',
        endTimeMs: 4000,
      }),
    );
    expect(row.deathReason).toBe('Preempted: spot instance reclaimed');
    expect(row.durationMs).toBe(3000);
  });

  it('says so when a dead node recorded no reason, and has none while alive', () => {
    expect(toNodeRow(node('n1', { state: 'DEAD' })).deathReason).toMatch(/no reason was recorded/);
    const alive = toNodeRow(node('n2'));
    expect(alive.deathReason).toBeNull();
    expect(alive.endTime).toBeNull();
    expect(alive.durationMs).toBeNull();
  });

  it('takes the node group from the ray.io/node-group label, else the node type', () => {
    expect(toNodeRow(node('n1', { labels: { 'ray.io/node-group': 'gpu-group' } })).group).toBe(
      'gpu-group',
    );
    expect(toNodeRow(node('n1', { nodeTypeName: 'headgroup' })).group).toBe('headgroup');
  });

  it('splits the logical resources into lines and lists the head node first', () => {
    const rows = toNodeRows({
      summary: [node('w'), node('h', { isHeadNode: true })],
      nodeLogicalResources: { h: '0.0/8.0 CPU\n0B/32.00GiB memory\n' },
    });
    expect(rows.map((r) => [r.id, r.role])).toEqual([
      ['h', 'head'],
      ['w', 'worker'],
    ]);
    expect(rows[0]!.resources).toEqual(['0.0/8.0 CPU', '0B/32.00GiB memory']);
    expect(rows[1]!.resources).toEqual([]);
  });

  it('shows unrecorded host metrics as "not recorded", never as 0 %', () => {
    const metrics = hostMetrics(node('n1'));
    expect(metrics.length).toBeGreaterThan(4);
    for (const metric of metrics) expect(metric.value).toBe(NOT_RECORDED);
    expect(metrics.map((m) => m.value).join(' ')).not.toMatch(/0 %/);
  });

  it('shows metrics that were recorded', () => {
    const detail = { ...node('n1'), cpu: 12.5, cpus: [8, 4] as [number, number] };
    expect(hostMetrics(detail).find((m) => m.label === 'CPU usage')?.value).toBe('12.5 %');
  });

  it('puts CPU and memory on the row when the node reports them (a running cluster)', () => {
    const live = {
      ...node('n1'),
      cpu: 37.5,
      cpus: [4, 2] as [number, number],
      mem: [16e9, 8e9, 50, 8e9] as [number, number, number, number],
    };
    expect(toNodeRow(live)).toMatchObject({ cpuUsage: '37.5 %', memoryUsage: '50 %' });
    expect(toNodeRow(node('n2'))).toMatchObject({
      cpuUsage: NOT_RECORDED,
      memoryUsage: NOT_RECORDED,
    });
  });
});
