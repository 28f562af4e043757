import type { SessionInfo } from '../../contract/api.ts';
import type { NodeDeath, NodeIdentity } from './cluster-events.ts';
import type { FunctionName } from './task-events.ts';

// The shape of one generated session before anything is written: nodes, jobs, actors.

export interface NodePlan extends NodeIdentity {
  idHex: string;
  isHead: boolean;
  group: string;
  resources: Record<string, number>;
  /** Set for a node that died during the session. */
  death?: { us: number; info: NodeDeath };
  rayletPid: number;
  agentPid: number;
}

export type JobOutcome = 'SUCCEEDED' | 'FAILED' | 'STOPPED';

export interface ActorPlan {
  className: string;
  /** Empty for anonymous actors. */
  name: string;
  isDetached: boolean;
  rayNamespace: string;
  method: string;
  calls: number;
  /** alive: still running when the cluster ended; finished: released at job end;
   * crashes: dies twice (one restart allowed); preempted: its node dies, it restarts elsewhere. */
  fate: 'alive' | 'finished' | 'crashes' | 'preempted';
  requiredResources: Record<string, number>;
}

export interface JobPlan {
  counter: number;
  type: 'SUBMISSION' | 'DRIVER';
  submissionId: string;
  entrypoint: string;
  metadata: Record<string, string>;
  runtimeEnv: string;
  outcome: JobOutcome;
  /** Normal tasks (first attempts); retries come on top. */
  tasks: number;
  functions: FunctionName[];
  actors: ActorPlan[];
  /** Share of tasks whose first attempt raises and is retried. */
  retryRate: number;
  /** Share of tasks that raise with no retry left. */
  failRate: number;
  /** Pause before the job starts, after the previous one. */
  gapUs: number;
  /**
   * Where Ray records how the job ended. `logs` is Ray 2.58: driver-job events carry only
   * CREATED/FINISHED, the outcome is in the head's `event_JOBS.log` and supervisor log.
   * `lifecycle` is the older shape: exit code, error type and message in the FINISHED transition.
   */
  outcomeIn: 'logs' | 'lifecycle';
}

export interface SessionPlan {
  info: SessionInfo;
  startUs: number;
  nodes: NodePlan[];
  jobs: JobPlan[];
  gzipEvents: boolean;
  /** Workers per node that run normal tasks. */
  workersPerNode: number;
  /** Light sessions only get node events and the cluster metadata endpoint. */
  light: boolean;
  rayServe: boolean;
}

export function headOf(plan: { nodes: NodePlan[] }): NodePlan {
  const head = plan.nodes.find((n) => n.isHead);
  if (!head) throw new Error('a session needs a head node');
  return head;
}
