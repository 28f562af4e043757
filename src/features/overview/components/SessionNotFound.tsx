import { paths } from '../../../../contract/paths';
import { AppLink } from '../../../components/ui/AppLink';
import { useDocumentTitle } from '../../../lib/use-document-title';
import type { SessionScope } from '../../../../contract/api';

/** The URL is well-formed but storage has no such session. */
export function SessionNotFound({ scope, message }: { scope: SessionScope; message: string }) {
  useDocumentTitle('Session not found');
  return (
    <section aria-labelledby="session-not-found-title">
      <h1 id="session-not-found-title" className="page-title">
        Session not found
      </h1>
      <p>{message}</p>
      <p>
        <AppLink
          to={paths.clusters({ namespace: scope.namespace, kind: scope.kind, q: scope.name })}
        >
          Sessions of {scope.name}
        </AppLink>{' '}
        · <AppLink to={paths.clusters()}>All sessions</AppLink>
      </p>
    </section>
  );
}
