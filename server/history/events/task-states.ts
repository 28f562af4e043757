// Task states in lifecycle order: breaks ties between transitions recorded at the same instant.

export const TASK_STATES = [
  'NIL',
  'PENDING_ARGS_AVAIL',
  'PENDING_NODE_ASSIGNMENT',
  'PENDING_OBJ_STORE_MEM_AVAIL',
  'PENDING_ARGS_FETCH',
  'SUBMITTED_TO_WORKER',
  'PENDING_ACTOR_TASK_ARGS_FETCH',
  'PENDING_ACTOR_TASK_ORDERING_OR_CONCURRENCY',
  'GETTING_AND_PINNING_ARGS',
  'RUNNING',
  'RUNNING_IN_RAY_GET',
  'RUNNING_IN_RAY_WAIT',
  'FINISHED',
  'FAILED',
] as const;

const RANK = new Map<string, number>(TASK_STATES.map((state, i) => [state, i]));

/** Position in the lifecycle; unknown states sort between known ones and the end states. */
export function taskStateRank(state: string): number {
  return RANK.get(state) ?? RANK.get('RUNNING_IN_RAY_WAIT')! + 0.5;
}

export function isEndState(state: string): boolean {
  return state === 'FINISHED' || state === 'FAILED';
}

export const ACTOR_STATES = [
  'DEPENDENCIES_UNREADY',
  'PENDING_CREATION',
  'ALIVE',
  'RESTARTING',
  'DEAD',
] as const;

const ACTOR_RANK = new Map<string, number>(ACTOR_STATES.map((state, i) => [state, i]));

export function actorStateRank(state: string): number {
  return ACTOR_RANK.get(state) ?? ACTOR_STATES.length;
}
