import { paths } from '../../../contract/paths';
import type { SessionScope } from '../../../contract/api';
import { AppLink } from './AppLink';
import { shortenId } from './IdText';
import './ui.css';

// Links from an id to its page; the full id is the title, the visible text is shortened.

type Kind = 'job' | 'task' | 'actor' | 'node';

function hrefFor(scope: SessionScope, kind: Kind, id: string, attempt?: number): string {
  switch (kind) {
    case 'job':
      return paths.job(scope, id);
    case 'task':
      return paths.task(scope, id, attempt);
    case 'actor':
      return paths.actor(scope, id);
    case 'node':
      return paths.node(scope, id);
  }
}

export function EntityLink({
  scope,
  kind,
  id,
  attempt,
  label,
  keep = 10,
}: {
  scope: SessionScope;
  kind: Kind;
  id: string | null | undefined;
  attempt?: number;
  /** Visible text; the shortened id when absent. */
  label?: string;
  keep?: number;
}) {
  if (!id) return <span className="muted">—</span>;
  return (
    <AppLink to={hrefFor(scope, kind, id, attempt)} title={id} className="mono entity-link">
      {label ?? shortenId(id, keep)}
    </AppLink>
  );
}
