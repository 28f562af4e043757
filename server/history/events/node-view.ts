import type { NodeDetail } from '../../../contract/ray.ts';
import type { NodeResources } from './debug-state.ts';
import type { NodeDefinition, NodeTransition } from './decoded.ts';
import type { EntityRecord } from './entity-records.ts';
import { wholeMs } from './time.ts';

// Turns a node's definition and lifecycle into the dashboard's NodeDetail. Host metrics are
// not part of history, so they stay zero/empty (the SPA says "not recorded").

export type NodeRecord = EntityRecord<NodeDefinition, NodeTransition>;

/** `UNEXPECTED_TERMINATION` -> `Unexpected termination`, as the dashboard words a reason. */
function reasonWords(reason: string): string {
  const words = reason.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A death reason as Ray's dashboard states it: `Unexpected termination: <Ray's message>`. */
export function deathReasonText(reason: string, message: string): string {
  const words = reason && reason !== 'UNSPECIFIED' ? reasonWords(reason) : 'Died';
  return message ? `${words}: ${message}` : words;
}

const QUIET_DEATHS = ['EXPECTED_TERMINATION', 'AUTOSCALER_DRAIN_IDLE'].map(reasonWords);

/** How loud a node death is: planned ones are INFO, preemption a WARNING, the rest ERROR. */
export function deathSeverity(stateMessage: string | null): 'INFO' | 'WARNING' | 'ERROR' {
  const text = stateMessage ?? '';
  if (QUIET_DEATHS.some((words) => text.startsWith(words))) return 'INFO';
  if (text.startsWith(reasonWords('AUTOSCALER_DRAIN_PREEMPTED'))) return 'WARNING';
  return 'ERROR';
}

/**
 * Resource names as the dashboard's `/nodes` answer spells them: its camelCase conversion
 * (Python's `str.title` on each `_`-separated part) also renames resources, so
 * `object_store_memory` is `objectStoreMemory` and `node:__internal_head__` `node:InternalHead`.
 */
export function dashboardResourceName(name: string): string {
  const [first = '', ...rest] = name.split('_');
  const title = (part: string) =>
    part.replace(/[A-Za-z]+/g, (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase());
  return first + rest.map(title).join('');
}

function dashboardResources(resources: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(resources).map(([name, value]) => [dashboardResourceName(name), value]),
  );
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
      stateMessage: dead ? deathReasonText(dead.deathReason, dead.deathMessage) : null,
      isHeadNode:
        HEAD_RESOURCE in resourcesTotal ||
        (resources !== undefined && HEAD_RESOURCE in resources.total) ||
        labels['ray.io/node-type'] === 'head',
      labels,
      resourcesTotal: dashboardResources(resourcesTotal),
      startTimeMs: startMs === null ? 0 : wholeMs(startMs),
      endTimeMs: dead ? wholeMs(dead.timeMs) : 0,
      nodeTypeName: labels['ray.io/node-group'] ?? '',
      instanceTypeName: def?.instanceTypeName ?? '',
      nodeName: def?.nodeName ?? '',
      instanceId: def?.instanceId ?? '',
    },
  };
}
