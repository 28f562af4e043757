import { useParams } from 'react-router';
import { AppLink } from '../../../components/ui/AppLink';
import { paths } from '../../../../contract/paths';
import { useSessionScope } from '../../../lib/session/SessionScopeContext';
import { actorLogTabs } from '../log-tabs';
import { LogTabs } from './LogTabs';
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
      <LogTabs
        label="Actor logs"
        tabs={actorLogTabs(actorId)}
        titleContext={`Actor ${actorId.slice(0, 8)}`}
      />
    </div>
  );
}
