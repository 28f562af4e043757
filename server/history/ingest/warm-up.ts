import { taskListJson } from '../events/task-query.ts';
import { SessionReducer, type PartialReduction } from '../events/reducer.ts';
import { emptyTally, tallyBatch } from './file-tally.ts';
import { DEFAULT_RECORD_LIMITS, splitText, type EventRecord } from './records.ts';

// A fresh thread runs the reducer's code slowly until the JIT has compiled it: on a small
// session that costs as much as the parse itself. A parse worker therefore reduces a made-up
// session in Ray's own format once when it starts (a server starts its pool once), and the pool
// merges and freezes those partial reductions in its own thread and answers a tasks page from
// them, so the first real load runs compiled code everywhere. The lines imitate what Ray 2.58
// writes (task definitions, lifecycle and profile events); their content never reaches a load.

/** Tasks of the made-up session: enough calls for the JIT's hot paths, ~3 MB of lines. */
const WARM_UP_TASKS = 1200;
const LINES_PER_BATCH = 1000;

const SESSION = 'session_2000-01-01_00-00-00_000000_1';

function base64Id(n: number, bytes: number): string {
  const id = Buffer.alloc(bytes, 0xff);
  id.writeUInt32BE(n, 0);
  return id.toString('base64');
}

function at(ms: number): string {
  return new Date(946_684_800_000 + ms).toISOString().replace('Z', '123456Z');
}

function envelope(type: string, key: string, ms: number, payload: object): string {
  return JSON.stringify({
    eventId: base64Id(ms, 16),
    sourceType: 'CORE_WORKER',
    eventType: type,
    timestamp: at(ms),
    severity: 'INFO',
    message: '',
    sessionName: SESSION,
    [key]: payload,
  });
}

/** The four lines one task of the made-up session sends. */
function taskLines(n: number): string[] {
  const taskId = base64Id(n, 24);
  const jobId = base64Id(1 + (n % 3), 4);
  const ms = n * 10;
  const log = `/tmp/ray/${SESSION}/logs/worker-${(n % 7).toString(16).padStart(56, '0')}-01000000-${n % 7}`;
  return [
    envelope('TASK_DEFINITION_EVENT', 'taskDefinitionEvent', ms, {
      taskId,
      taskAttempt: 0,
      taskType: 'NORMAL_TASK',
      language: 'PYTHON',
      taskFunc: {
        pythonFunctionDescriptor: {
          moduleName: 'warm',
          className: '',
          functionName: `step_${n % 5}`,
          functionHash: 'abc',
        },
      },
      taskName: '',
      requiredResources: { CPU: 1 },
      serializedRuntimeEnv: '{}',
      jobId,
      parentTaskId: base64Id(0, 24),
      placementGroupId: base64Id(0, 18),
      refIds: {},
    }),
    ...['RUNNING', 'FINISHED'].map((state, k) =>
      envelope('TASK_LIFECYCLE_EVENT', 'taskLifecycleEvent', ms + k, {
        taskId,
        taskAttempt: 0,
        stateTransitions: [{ state, timestamp: at(ms + k) }],
        nodeId: '',
        workerId: '',
        workerPid: 100 + (n % 7),
        jobId,
        isDebuggerPaused: false,
        taskLogInfo: {
          stdoutFile: `${log}.out`,
          stderrFile: `${log}.err`,
          stdoutStart: '0',
          stdoutEnd: String(n),
          stderrStart: '0',
          stderrEnd: '0',
        },
      }),
    ),
    envelope('TASK_PROFILE_EVENT', 'taskProfileEvents', ms + 2, {
      taskId,
      attemptNumber: 0,
      jobId,
      profileEvents: {
        componentType: 'worker',
        componentId: base64Id(n % 7, 28),
        nodeIpAddress: '10.0.0.1',
        events: [
          {
            eventName: 'task:execute',
            startTime: `${(946_684_800_000 + ms) * 1e6}`,
            endTime: `${(946_684_800_001 + ms) * 1e6}`,
            extraData: '{}',
          },
        ],
      },
    }),
  ];
}

/**
 * Reduces a made-up session in this thread; its partial reduction (for warmUpMerge). Threads
 * give different `first` task numbers, so the merge sees new rows as well as shared ones.
 */
export function warmUpParse(first = 0): PartialReduction {
  const reducer = new SessionReducer();
  const tally = emptyTally();
  const source = { legacy: false, nodeId: '' };
  let lines: string[] = [];
  for (let n = first; n < first + WARM_UP_TASKS; n++) {
    lines.push(...taskLines(n));
    if (lines.length >= LINES_PER_BATCH || n === first + WARM_UP_TASKS - 1) {
      // The way parse-worker.ts takes a batch of lines.
      const records: EventRecord[] = [];
      splitText(`${lines.join('\n')}\n`, DEFAULT_RECORD_LIMITS.maxRecordBytes, records);
      tallyBatch(records, source, reducer, tally);
      lines = [];
    }
  }
  return reducer.partial();
}

/**
 * Merges the workers' warm-up reductions and freezes the result, as a load's end does, then
 * answers a tasks page from it, as the request that started a load does: the first real load
 * and its first page run compiled code, and what compiling costs is not counted against it.
 */
export function warmUpMerge(partials: PartialReduction[]): void {
  const reducer = new SessionReducer();
  for (const partial of partials) reducer.merge(partial);
  const snapshot = reducer.snapshot({ sessionLive: false });
  taskListJson(snapshot, { limit: 100 });
}
