import { jobFolder, writeAttempt, type TaskAttempt } from './attempt.ts';
import {
  actorDefinitionEvent,
  actorLifecycleEvent,
  type ActorTransition,
} from './cluster-events.ts';
import { countInto, type SessionContext } from './context.ts';
import { actorCreationTaskId, actorId as newActorId, hex, taskId as newTaskId } from './ids.ts';
import type { ActorPlan, JobPlan, NodePlan } from './plan.ts';
import { MS, SECOND } from './time.ts';
import { startWorker, stopWorker, type WorkerSlot } from './workers.ts';

// One actor from creation to its end: creation task, method calls (actor tasks), restarts after a
// crash or a preempted node, and its death cause. The GCS exports its events on the head node.

export interface ActorRun {
  job: JobPlan;
  jobId: Buffer;
  driverTaskId: Buffer;
  head: NodePlan;
  nodes: NodePlan[];
  startUs: number;
  /** Calls are spread until this time. */
  windowEndUs: number;
}

const RESTART_US = 6 * SECOND;

export async function runActor(
  ctx: SessionContext,
  run: ActorRun,
  actor: ActorPlan,
  index: number,
): Promise<number> {
  const { jobId } = run;
  const jobHex = hex(jobId);
  const id = newActorId(ctx.random, jobId);
  const folder = jobFolder(ctx, run.head, jobHex);
  const steady = run.nodes.filter((n) => !n.death);
  const dying = run.nodes.find((n) => n.death && n.death.us > run.startUs + 30 * SECOND);
  const home = actor.fate === 'preempted' && dying ? dying : steady[index % steady.length]!;
  const t0 = run.startUs + SECOND + index * 300 * MS;
  const reprName = actor.name
    ? `${actor.className}(name=${actor.name})`
    : `${actor.className}(${index})`;

  const common = {
    jobId,
    parentTaskId: run.driverTaskId,
    requiredResources: actor.requiredResources,
    actorId: id,
    actorReprName: reprName,
    owner: run.head,
  };
  const transition = async (t: ActorTransition): Promise<void> => {
    await ctx.events.write(folder, run.head.idHex, t.us, actorLifecycleEvent(ctx.source, id, [t]));
  };
  let restarts = 0;
  // Each (re)start runs the creation task again, as the next attempt.
  const goAlive = async (node: NodePlan, us: number): Promise<WorkerSlot> => {
    const worker = await startWorker(ctx, node, jobHex, us - 1500 * MS);
    writeAttempt(ctx, {
      ...common,
      kind: 'ACTOR_CREATION_TASK',
      taskId: actorCreationTaskId(id),
      attempt: restarts++,
      // Ray names a named actor's creation task `<actor name>:Class.__init__`.
      name: `${actor.name ? `${actor.name}:` : ''}${actor.className}.__init__`,
      func: { moduleName: '__main__', className: actor.className, functionName: '__init__' },
      worker,
      createdUs: us - 1800 * MS,
      runningUs: us - 1200 * MS,
      endUs: us - 20 * MS,
      stdout: `${actor.className} ready on ${node.ip}\n`,
    });
    if (ctx.out.mustFlush) await ctx.out.flushFull();
    const placement = {
      nodeId: node.nodeId,
      workerId: worker.workerId,
      pid: worker.pid,
      port: 10000 + (worker.pid % 1000),
      reprName,
    };
    await transition({ state: 'ALIVE', us, placement });
    return worker;
  };

  await ctx.events.write(
    folder,
    run.head.idHex,
    t0,
    actorDefinitionEvent(ctx.source, t0, {
      ...actor,
      actorId: id,
      jobId,
      callSite: `${actor.className}.remote() at /app/pipeline.py:${88 + index}`,
    }),
  );
  await transition({ state: 'DEPENDENCIES_UNREADY', us: t0 });
  await transition({ state: 'PENDING_CREATION', us: t0 + 150 * MS });
  const aliveUs = t0 + 2 * SECOND;
  let worker = await goAlive(home, aliveUs);

  const span = Math.max(actor.calls * 2 * SECOND, run.windowEndUs - aliveUs);
  const spacing = Math.floor(span / Math.max(1, actor.calls));
  const events = plannedEvents(actor, home, aliveUs, span);
  let lastUs = aliveUs;
  let cursor = aliveUs + 100 * MS;
  let dead = false;
  for (let i = 0; i < actor.calls && !dead; i++) {
    const startUs = Math.max(cursor, aliveUs + i * spacing + 100 * MS);
    let endUs = startUs + Math.floor(spacing * ctx.random.between(0.3, 0.7));
    const hit = events[0] && events[0].us < endUs ? events.shift() : undefined;
    let failure: TaskAttempt['failure'];
    if (hit) {
      endUs = Math.max(startUs + MS, hit.us);
      failure = actorDiedFailure(actor, hex(id), worker, hit);
    }
    writeAttempt(ctx, {
      ...common,
      kind: 'ACTOR_TASK',
      taskId: newTaskId(ctx.random, jobId, id),
      attempt: 0,
      name: `${actor.className}.${actor.method}`,
      func: { moduleName: '__main__', className: actor.className, functionName: actor.method },
      worker,
      createdUs: startUs - 30 * MS,
      runningUs: startUs,
      endUs,
      stdout: `${actor.method} step=${i} loss=${(2 / (i + 2)).toFixed(4)}\n`,
      failure,
    });
    if (ctx.out.mustFlush) await ctx.out.flushFull();
    cursor = endUs + 10 * MS;
    lastUs = endUs;
    if (!hit) continue;
    await stopWorker(
      worker,
      endUs,
      `Worker exits with an exit code ${hit.kind === 'preempted' ? 'None (raylet died)' : '1 (SYSTEM_ERROR)'}.`,
    );
    if (hit.kind === 'last-crash') {
      await transition({
        state: 'DEAD',
        us: endUs + 5 * MS,
        death: {
          pid: worker.pid,
          nodeIpAddress: worker.node.ip,
          reason: 'WORKER_DIED',
          errorMessage: `The actor died unexpectedly before finishing this task. The actor has exceeded its max_restarts (1). Worker exit type: SYSTEM_ERROR Worker exit detail: Worker unexpectedly exits with a connection error code 2. End of file. The worker process (pid=${worker.pid}) was killed by signal SIGSEGV.`,
        },
      });
      countInto(ctx.stats.actorsByState, 'DEAD');
      dead = true;
      lastUs = endUs + 5 * MS;
      break;
    }
    const reason = hit.kind === 'preempted' ? 'NODE_PREEMPTION' : 'ACTOR_FAILURE';
    await transition({ state: 'RESTARTING', us: endUs + 5 * MS, restartReason: reason });
    const node = hit.kind === 'preempted' ? run.head : worker.node;
    worker = await goAlive(node, endUs + RESTART_US);
    cursor = endUs + RESTART_US + 100 * MS;
  }
  if (dead) return lastUs;
  const endUs = Math.max(lastUs, run.windowEndUs) + SECOND;
  if (actor.fate === 'alive' || actor.isDetached) {
    await stopWorker(worker, lastUs + SECOND, 'Worker still running when its logs were uploaded.');
    countInto(ctx.stats.actorsByState, 'ALIVE');
    return lastUs;
  }
  await stopWorker(
    worker,
    endUs,
    'Exit signal received, this process will exit after all outstanding tasks have finished, exit_type=INTENDED_USER_EXIT',
  );
  await transition({
    state: 'DEAD',
    us: endUs,
    death: {
      pid: worker.pid,
      nodeIpAddress: worker.node.ip,
      reason: 'OUT_OF_SCOPE',
      errorMessage:
        'The actor is dead because all references to the actor were removed including lineage ref count.',
    },
  });
  countInto(ctx.stats.actorsByState, 'DEAD');
  return endUs;
}

interface ActorIncident {
  us: number;
  kind: 'preempted' | 'crash' | 'last-crash';
}

function plannedEvents(
  actor: ActorPlan,
  home: NodePlan,
  aliveUs: number,
  span: number,
): ActorIncident[] {
  if (actor.fate === 'preempted' && home.death) return [{ us: home.death.us, kind: 'preempted' }];
  if (actor.fate === 'crashes')
    return [
      { us: aliveUs + Math.floor(span * 0.4), kind: 'crash' },
      { us: aliveUs + Math.floor(span * 0.75), kind: 'last-crash' },
    ];
  return [];
}

function actorDiedFailure(
  actor: ActorPlan,
  actorHex: string,
  worker: WorkerSlot,
  incident: ActorIncident,
): NonNullable<TaskAttempt['failure']> {
  const cause =
    incident.kind === 'preempted'
      ? `The actor died because its node has died. Node Id: ${worker.node.idHex}\n\tthe actor's node was preempted: ${worker.node.death?.info.reasonMessage ?? ''}`
      : `The actor died unexpectedly before finishing this task.\n\tclass_name: ${actor.className}\n\tactor_id: ${actorHex}\n\tpid: ${worker.pid}\n\tip: ${worker.node.ip}\nWorker exit type: SYSTEM_ERROR Worker exit detail: Worker unexpectedly exits with a connection error code 2. End of file.`;
  const crash = `*** SIGSEGV received at time=${Math.floor(incident.us / SECOND)} on cpu 3 ***\nPC: @ 0x7f3a2c1d9e4b (unknown) arrow::compute::Execute()\n`;
  return {
    errorType: 'ACTOR_DIED',
    errorMessage: cause,
    stderr: incident.kind === 'preempted' ? '' : crash,
  };
}
