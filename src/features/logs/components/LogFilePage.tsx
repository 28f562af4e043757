import { useParams } from 'react-router';
import { AppLink } from '../../../components/ui/AppLink';
import { paths } from '../../../../contract/paths';
import { useSessionScope } from '../../../lib/session/SessionScopeContext';
import { LazyLogViewer } from '../../../components/log-viewer/LazyLogViewer';
import './logs.css';

/** One file of one node: /c/.../logs/:nodeId/<path>#L120-L140. */
export default function LogFilePage() {
  const scope = useSessionScope();
  const { nodeId = '', '*': filename = '' } = useParams();
  return (
    <div className="logs-page">
      <nav aria-label="Log location" className="logs-page__crumbs">
        <AppLink to={paths.logs(scope)}>Logs</AppLink> /{' '}
        <AppLink to={paths.logs(scope, { node: nodeId })} className="mono">
          {nodeId.slice(0, 12)}
        </AppLink>{' '}
        /
      </nav>
      <h1 className="page-title mono logs-page__file">{filename}</h1>
      <LazyLogViewer
        key={`${nodeId}/${filename}`}
        source={{ kind: 'file', nodeId, filename }}
        titleContext={`node ${nodeId.slice(0, 8)}`}
      />
    </div>
  );
}
