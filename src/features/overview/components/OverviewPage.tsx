import { paths } from '../../../../contract/paths';
import { AppLink } from '../../../components/ui/AppLink';
import { ErrorPanel } from '../../../components/ui/ErrorPanel';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { isApiError } from '../../../lib/api-client';
import { useSessionScope } from '../../../lib/session/SessionScopeContext';
import { useSessionInfo } from '../../../lib/session/api/get-session-info';
import { ClusterMetadataPanel } from './ClusterMetadataPanel';
import { SessionHealth } from './SessionHealth';
import { SessionIdentity } from './SessionIdentity';
import { SessionNotFound } from './SessionNotFound';
import './overview.css';

/** /c/:namespace/:kind/:name/:session: who the session is and what the cluster ran. */
export function OverviewPage() {
  const scope = useSessionScope();
  const info = useSessionInfo(scope);
  useDocumentTitle(`${scope.name} · Overview`);

  if (info.isPending) return <Skeleton label="Loading session" lines={6} />;
  if (isApiError(info.error) && info.error.status === 404) {
    return <SessionNotFound scope={scope} message={info.error.message} />;
  }
  if (info.isError) {
    return (
      <ErrorPanel
        title="Could not load this session"
        error={info.error}
        onRetry={() => void info.refetch()}
      />
    );
  }

  const resolved = { ...scope, session: info.data.sessionName };
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title" className="page-title">
        {info.data.name} <span className="overview__session mono">{info.data.sessionName}</span>
      </h1>
      {scope.session === 'latest' && (
        <p className="overview__permalink">
          This is the newest session of {info.data.name}.{' '}
          <AppLink to={paths.session(resolved)}>Link to this session itself</AppLink>
        </p>
      )}
      <div className="overview__panels">
        <SessionIdentity info={info.data} />
        <ClusterMetadataPanel scope={resolved} />
      </div>
      {/* Health is read from recorded events; a running cluster has none yet. */}
      {info.data.live !== 'running' && (
        <div className="overview__health">
          <SessionHealth scope={resolved} />
        </div>
      )}
    </section>
  );
}

export default OverviewPage;
