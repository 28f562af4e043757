import { useParams } from 'react-router';
import { AppLink } from '../../../components/ui/AppLink';
import { paths } from '../../../../contract/paths';
import { useSessionScope } from '../../session/SessionScopeContext';
import { ActorLogTabs } from './EntityLogTabs';
import './logs.css';

/** /actors/:actorId/logs: the stdout and stderr of the worker the actor lived in. */
export default function ActorLogsPage() {
  const scope = useSessionScope();
  const { actorId = '' } = useParams();
  return (
    <div className="logs-page">
      <nav aria-label="Log location" className="logs-page__crumbs">
        <AppLink to={paths.actor(scope, actorId)}>Actor {actorId.slice(0, 12)}</AppLink> /
      </nav>
      <h1 className="page-title">
        Logs of actor <span className="mono">{actorId.slice(0, 12)}</span>
      </h1>
      <ActorLogTabs actorId={actorId} titleContext={`Actor ${actorId.slice(0, 8)}`} />
    </div>
  );
}
