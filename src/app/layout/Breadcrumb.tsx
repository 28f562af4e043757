import { paths } from '../../../contract/paths';
import { AppLink } from '../../components/ui/AppLink';
import { KIND_LABELS } from '../../lib/session/kind-labels';
import type { SessionScope } from '../../../contract/api';

/** Sessions › namespace › kind › name › session; each step opens the sessions list filtered to it. */
export function Breadcrumb({ scope }: { scope: SessionScope }) {
  const { namespace, kind, name, session } = scope;
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <ol>
        <li>
          <AppLink to={paths.clusters()}>Sessions</AppLink>
        </li>
        <li>
          <AppLink to={paths.clusters({ namespace })}>{namespace}</AppLink>
        </li>
        <li>
          <AppLink to={paths.clusters({ namespace, kind })}>{KIND_LABELS[kind]}</AppLink>
        </li>
        <li>
          <AppLink to={paths.clusters({ namespace, kind, q: name })}>{name}</AppLink>
        </li>
        <li>
          <AppLink to={paths.session(scope)} aria-current="page">
            {session}
          </AppLink>
        </li>
      </ol>
    </nav>
  );
}
