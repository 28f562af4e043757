import type { SessionKind } from '../../../contract/api';

/** The Kubernetes resource name users know for each kind. */
export const KIND_LABELS: Record<SessionKind, string> = {
  raycluster: 'RayCluster',
  rayjob: 'RayJob',
  rayservice: 'RayService',
};
