import { useParams } from 'react-router';
import { AppLink } from '../../../components/ui/AppLink';
import { paths } from '../../../../contract/paths';
import { useSessionScope } from '../../../lib/session/SessionScopeContext';
import { useActor } from '../../../lib/actors/get-actors';
import { toActorRow } from '../../../lib/actors/actor-rows';
import { actorLogTabs, type ActorWorker } from '../log-tabs';
import { LogTabs } from './LogTabs';
import './logs.css';

/**
 * /actors/:actorId/logs: the stdout and stderr of the worker the actor lived in, and that
 * worker's core-worker log once the actor's record says which worker it was.
 */
export default function ActorLogsPage() {
  const scope = useSessionScope();
  const { actorId = '' } = useParams();
  const actor = useActor(scope, actorId).data;
  const row = actor ? toActorRow(actor) : null;
  const worker: ActorWorker | null =
    row?.nodeId && row.workerId && row.pid !== null
      ? { nodeId: row.nodeId, workerId: row.workerId, pid: row.pid }
      : null;
  return (
    <div className="logs-page">
      <nav aria-label="Log location" className="logs-page__crumbs">
        <AppLink to={paths.actor(scope, actorId)}>Actor {actorId.slice(0, 12)}</AppLink> /
      </nav>
      <h1 className="page-title">
        Logs of actor <span className="mono">{actorId.slice(0, 12)}</span>
      </h1>
      <LogTabs
        label="Actor logs"
        tabs={actorLogTabs(actorId, worker)}
        titleContext={`Actor ${actorId.slice(0, 8)}`}
      />
    </div>
  );
}
