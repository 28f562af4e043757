import { AppLink } from '../../../components/ui/AppLink';
import { StatusChip } from '../../../components/ui/StatusChip';
import { DurationText } from '../../../components/ui/TimeText';
import { paths } from '../../../../contract/paths';
import { countLabel } from '../../../lib/format';
import type { SessionOutcomeState, SessionScope } from '../../../../contract/api';
import { outcomeList } from '../../../lib/session/session-health';

/**
 * How a session ended: its jobs by final state (failures first, linking to the failed jobs),
 * and dead nodes. Or, while the server has not read the session yet, says so.
 */
export function SessionOutcomeText({
  scope,
  outcome,
}: {
  scope: SessionScope;
  outcome: SessionOutcomeState;
}) {
  if (outcome.state === 'pending') return <span className="muted">not computed yet…</span>;
  if (outcome.state === 'failed') return <span className="muted">could not be read</span>;
  if (outcome.state === 'running') return <span className="muted">running</span>;
  const { jobs, nodes } = outcome.outcome;
  const failed = jobs.byStatus.FAILED ?? 0;
  return (
    <span className="session-outcome">
      {jobs.total === 0 ? (
        <span className="muted">no jobs</span>
      ) : (
        outcomeList(jobs.byStatus).map((o) =>
          o.status === 'FAILED' ? (
            <AppLink
              key={o.status}
              className="session-outcome__failed"
              to={paths.jobs(scope, { status: 'FAILED' })}
              aria-label={`${countLabel(failed, 'failed job')}: open`}
            >
              <StatusChip state="FAILED" /> {o.count}
            </AppLink>
          ) : (
            <span key={o.status} className="session-outcome__item">
              <StatusChip state={o.status} /> {o.count}
            </span>
          ),
        )
      )}
      {nodes.dead > 0 && (
        <span className="session-outcome__item muted">· {countLabel(nodes.dead, 'dead node')}</span>
      )}
    </span>
  );
}

/** The session's span, first to last event. */
export function SessionDurationText({ outcome }: { outcome: SessionOutcomeState }) {
  return outcome.state === 'known' ? <DurationText ms={outcome.outcome.durationMs} /> : null;
}
