import { paths } from '../../../../contract/paths';
import { AppLink } from '../../../components/ui/AppLink';
import { useTimeFormat } from '../../../lib/time/TimeFormatProvider';
import { KIND_LABELS } from '../../../lib/session/kind-labels';
import { LiveBadge } from '../../../components/live/LiveBadge';
import type { SessionGroup } from '../group-sessions';
import { SessionDurationText, SessionOutcomeText } from './SessionOutcomeText';

/** One section per cluster, each a table of its sessions, newest first. */
export function SessionGroupList({ groups }: { groups: SessionGroup[] }) {
  const time = useTimeFormat();
  return (
    <div className="session-groups">
      {groups.map((group) => {
        const headingId = `group-${group.key}`;
        const owned = group.kind !== 'raycluster';
        return (
          <section key={group.key} className="session-group" aria-labelledby={headingId}>
            <h2 id={headingId} className="session-group__title">
              <span className="session-group__namespace">{group.namespace}</span> /{' '}
              {KIND_LABELS[group.kind]} / {group.name}
            </h2>
            <p className="session-group__meta">
              {owned && group.ownerName && (
                <>
                  Owner: {KIND_LABELS[group.kind]} <strong>{group.ownerName}</strong> ·{' '}
                </>
              )}
              {group.clusterNames.length === 1 ? 'Cluster' : 'Clusters'}:{' '}
              {group.clusterNames.join(', ')}
            </p>
            <table className="session-table">
              <caption className="visually-hidden">Sessions of {group.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Session</th>
                  {owned && (
                    <th scope="col" className="session-table__cluster">
                      Cluster
                    </th>
                  )}
                  <th scope="col" className="session-table__started">
                    Started
                  </th>
                  <th scope="col" className="session-table__age">
                    Age
                  </th>
                  <th scope="col">Jobs</th>
                  <th scope="col">Duration</th>
                </tr>
              </thead>
              <tbody>
                {group.sessions.map((session) => {
                  const scope = {
                    namespace: session.namespace,
                    kind: session.kind,
                    name: session.name,
                    session: session.sessionName,
                  };
                  return (
                    <tr key={session.sessionName}>
                      <th scope="row">
                        <AppLink className="mono" to={paths.session(scope)}>
                          {session.sessionName}
                        </AppLink>
                        {session.live === 'running' && <LiveBadge />}
                        {session.latest && <span className="badge">latest</span>}
                      </th>
                      {owned && <td className="session-table__cluster">{session.clusterName}</td>}
                      <td className="session-table__started">
                        <time dateTime={new Date(session.startTime).toISOString()}>
                          {time.formatTime(session.startTime)}
                        </time>
                      </td>
                      <td className="session-table__age">{time.formatAge(session.startTime)}</td>
                      <td>
                        <SessionOutcomeText scope={scope} outcome={session.outcome} />
                      </td>
                      <td>
                        <SessionDurationText outcome={session.outcome} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        );
      })}
    </div>
  );
}
