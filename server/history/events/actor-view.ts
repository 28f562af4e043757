import type { Actor } from '../../../contract/ray.ts';
import type { ActorDefinition, ActorTransition } from './decoded.ts';
import type { EntityRecord } from './entity-records.ts';
import { isNilId } from './ids.ts';
import { wholeMs } from './time.ts';

// Turns an actor's definition and lifecycle into the dashboard's Actor shape.

export type ActorRecord = EntityRecord<ActorDefinition, ActorTransition>;

export function actorView(record: ActorRecord, nodeIp: (nodeId: string) => string): Actor {
  const def = record.definition;
  const transitions = record.transitions;
  const alive = transitions.findLast((t) => t.state === 'ALIVE');
  const firstAlive = transitions.find((t) => t.state === 'ALIVE');
  // DEAD can repeat (the node's death, then the owner's): the actor ended at the first one.
  const dead = transitions.find((t) => t.state === 'DEAD');
  const placed = alive ?? transitions.findLast((t) => t.nodeId !== '');
  const nodeId = placed?.nodeId ?? '';
  const className = def?.className ?? '';
  return {
    actorId: record.id,
    jobId: def?.jobId ?? '',
    state: transitions.at(-1)?.state ?? 'DEPENDENCIES_UNREADY',
    pid: alive?.pid ?? dead?.deathPid ?? null,
    address: {
      nodeId,
      ipAddress: (nodeId && nodeIp(nodeId)) || dead?.deathIp || '',
      port: alive?.port ?? 0,
      workerId: placed?.workerId ?? '',
    },
    name: def?.name ?? '',
    numRestarts: String(transitions.filter((t) => t.state === 'RESTARTING').length),
    actorClass: className,
    className,
    requiredResources: def?.requiredResources ?? {},
    // The death cause's own words; a restart reason is an enum Ray puts on every transition.
    exitDetail: transitions.find((t) => t.state === 'DEAD' && t.deathMessage)?.deathMessage || '-',
    reprName: transitions.findLast((t) => t.reprName !== '')?.reprName ?? '',
    placementGroupId: def && !isNilId(def.placementGroupId) ? def.placementGroupId : null,
    callSite: def?.callSite ?? '',
    labelSelector: def?.labelSelector ?? {},
    isDetached: def?.isDetached ?? false,
    rayNamespace: def?.rayNamespace ?? '',
    startTime: firstAlive ? wholeMs(firstAlive.timeMs) : null,
    endTime: dead ? wholeMs(dead.timeMs) : null,
  };
}
