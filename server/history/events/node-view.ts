import type { NodeDetail } from '../../../src/types/ray.ts';
import type { NodeResources } from './debug-state.ts';
import type { NodeDefinition, NodeTransition } from './decoded.ts';
import type { EntityRecord } from './entity-records.ts';
import { wholeMs } from './time.ts';

// Turns a node's definition and lifecycle into the dashboard's NodeDetail. Host metrics are
// not part of history, so they stay zero/empty (the SPA says "not recorded").

export type NodeRecord = EntityRecord<NodeDefinition, NodeTransition>;

const DEATH_REASONS: Record<string, string> = {
  EXPECTED_TERMINATION: 'Expected termination: the node was shut down on purpose',
  UNEXPECTED_TERMINATION: 'Unexpected termination: the node crashed or stopped responding',
  AUTOSCALER_DRAIN_PREEMPTED: 'Preempted: the machine was reclaimed (e.g. a spot instance)',
  AUTOSCALER_DRAIN_IDLE: 'Idle: the autoscaler removed the node because it had no work',
};

/** A death reason in words, with Ray's own message appended when there is one. */
export function deathReasonText(reason: string, message: string): string {
  const words = DEATH_REASONS[reason] ?? (reason && reason !== 'UNSPECIFIED' ? reason : 'Died');
  return message ? `${words}. ${message}` : words;
}

const QUIET_DEATHS = [DEATH_REASONS.EXPECTED_TERMINATION!, DEATH_REASONS.AUTOSCALER_DRAIN_IDLE!];

/** How loud a node death is: planned ones are INFO, preemption a WARNING, the rest ERROR. */
export function deathSeverity(stateMessage: string): 'INFO' | 'WARNING' | 'ERROR' {
  if (QUIET_DEATHS.some((words) => stateMessage.startsWith(words))) return 'INFO';
  if (stateMessage.startsWith(DEATH_REASONS.AUTOSCALER_DRAIN_PREEMPTED!)) return 'WARNING';
  return 'ERROR';
}

const HEAD_RESOURCE = 'node:__internal_head__';

export function nodeView(record: NodeRecord, resources: NodeResources | undefined): NodeDetail {
  const def = record.definition;
  const last = record.transitions.at(-1);
  const dead = last?.state === 'DEAD' ? last : undefined;
  const withResources = record.transitions.findLast((t) => Object.keys(t.resources).length > 0);
  const resourcesTotal = withResources?.resources ?? resources?.total ?? {};
  const firstAlive = record.transitions.find((t) => t.state !== 'DEAD');
  const labels = def?.labels ?? {};
  const ip = def?.nodeIpAddress ?? '';
  const hostname = def?.hostname || def?.nodeName || ip;
  const startMs = def?.startMs ?? firstAlive?.timeMs ?? null;
  return {
    hostname,
    ip,
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
      nodeId: record.id,
      nodeManagerAddress: ip,
      nodeManagerHostname: hostname,
      state: dead ? 'DEAD' : 'ALIVE',
      stateMessage: dead ? deathReasonText(dead.deathReason, dead.deathMessage) : '',
      isHeadNode:
        HEAD_RESOURCE in resourcesTotal ||
        (resources !== undefined && HEAD_RESOURCE in resources.total) ||
        labels['ray.io/node-type'] === 'head',
      labels,
      resourcesTotal,
      startTimeMs: startMs === null ? 0 : wholeMs(startMs),
      endTimeMs: dead ? wholeMs(dead.timeMs) : 0,
      nodeTypeName: labels['ray.io/node-group'] ?? '',
      instanceTypeName: def?.instanceTypeName ?? '',
      nodeName: def?.nodeName ?? '',
      instanceId: def?.instanceId ?? '',
    },
  };
}
