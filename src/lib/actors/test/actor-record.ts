import type { Actor } from '../../../../contract/ray';

/** A dead actor of class Trainer on node n1, worker w1, pid 42, with `over` applied. */
export const actorRecord = (over: Partial<Actor> = {}): Actor => ({
  actorId: 'a1',
  jobId: '01000000',
  state: 'DEAD',
  pid: 42,
  address: { nodeId: 'n1', ipAddress: '10.0.0.1', port: 1, workerId: 'w1' },
  name: '',
  numRestarts: '0',
  actorClass: 'Trainer',
  className: 'Trainer',
  requiredResources: { CPU: 1 },
  exitDetail: '-',
  reprName: '',
  placementGroupId: null,
  callSite: '',
  labelSelector: {},
  isDetached: false,
  rayNamespace: '',
  startTime: 1000,
  endTime: 4000,
  ...over,
});
