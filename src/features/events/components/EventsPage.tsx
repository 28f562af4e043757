import { useMemo } from 'react';
import { useDocumentTitle } from '../../../lib/use-document-title';
import type { Column } from '../../../components/ui/data-table/DataTable';
import { DataTable } from '../../../components/ui/data-table/DataTable';
import { EmptyState } from '../../../components/ui/EmptyState';
import { EntityLink } from '../../../components/ui/EntityLink';
import { ErrorPanel } from '../../../components/ui/ErrorPanel';
import { FilterBar, SelectFilter } from '../../../components/ui/FilterBar';
import { StatusChip } from '../../../components/ui/StatusChip';
import { TimeText } from '../../../components/ui/TimeText';
import type { SessionScope } from '../../../../contract/api';
import { useUrlState } from '../../../lib/url-state';
import { SessionLoadProgress } from '../../../components/session/SessionLoadProgress';
import { useSessionScope } from '../../../lib/session/SessionScopeContext';
import { useEvents } from '../api/get-events';
import {
  NO_JOB,
  countBySeverity,
  eventFilterOptions,
  filterEventRows,
  flattenEvents,
} from '../event-rows';
import type { EventRow } from '../event-rows';
import './events.css';

const URL_SPEC = { severity: '', source: '', job: '' };
const asOptions = (values: string[]) => values.map((value) => ({ value, label: value }));

function eventColumns(scope: SessionScope): Column<EventRow>[] {
  return [
    { id: 'time', header: 'Time', hideable: false, cell: (r) => <TimeText ms={r.time} /> },
    { id: 'severity', header: 'Severity', cell: (r) => <StatusChip state={r.severity} /> },
    { id: 'source', header: 'Source', cell: (r) => r.source },
    { id: 'label', header: 'Label', cell: (r) => <span className="mono">{r.label}</span> },
    {
      id: 'message',
      header: 'Message',
      hideable: false,
      cell: (r) => <span className="event-message">{r.message}</span>,
    },
    {
      id: 'job',
      header: 'Job',
      cell: (r) =>
        r.jobId ? (
          <EntityLink scope={scope} kind="job" id={r.jobId} />
        ) : (
          <span className="muted">cluster</span>
        ),
    },
    {
      id: 'node',
      header: 'Node',
      defaultHidden: true,
      cell: (r) => <EntityLink scope={scope} kind="node" id={r.nodeId} />,
    },
    { id: 'host', header: 'Host', defaultHidden: true, cell: (r) => r.hostname },
  ];
}

/** /events: the session's cluster events, newest first, filtered by the URL. */
export function EventsPage() {
  const scope = useSessionScope();
  const events = useEvents(scope);
  const [state, update] = useUrlState(URL_SPEC);
  useDocumentTitle(`${scope.name} · Events`);

  const columns = useMemo(() => eventColumns(scope), [scope]);
  const all = useMemo(() => (events.data ? flattenEvents(events.data) : []), [events.data]);
  const options = useMemo(() => eventFilterOptions(all), [all]);
  const rows = useMemo(
    () => filterEventRows(all, { severity: state.severity, source: state.source, job: state.job }),
    [all, state.severity, state.source, state.job],
  );

  if (events.isPending) return <SessionLoadProgress label="Loading events" />;
  if (events.isError) {
    return (
      <ErrorPanel
        title="Could not load events"
        error={events.error}
        onRetry={() => void events.refetch()}
      />
    );
  }
  const filtered = Boolean(state.severity || state.source || state.job);

  return (
    <section aria-labelledby="events-title">
      <h1 id="events-title" className="page-title">
        Events{' '}
        <span className="muted">
          ({rows.length} of {all.length})
        </span>
      </h1>
      <ul className="event-counts" aria-label="Events by severity">
        {countBySeverity(rows).map(([severity, count]) => (
          <li key={severity}>
            <StatusChip state={severity} /> {count}
          </li>
        ))}
      </ul>
      <FilterBar
        label="Event filters"
        onClear={filtered ? () => update({ severity: '', source: '', job: '' }) : undefined}
      >
        <SelectFilter
          label="Severity"
          value={state.severity}
          options={asOptions(options.severities)}
          onChange={(v) => update({ severity: v })}
        />
        <SelectFilter
          label="Source"
          value={state.source}
          options={asOptions(options.sources)}
          onChange={(v) => update({ source: v })}
        />
        <SelectFilter
          label="Job"
          value={state.job}
          options={[
            { value: NO_JOB, label: 'Cluster events (no job)' },
            ...asOptions(options.jobs),
          ]}
          onChange={(v) => update({ job: v })}
        />
      </FilterBar>
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(r) => r.id}
        caption="Events of this session, newest first"
        tableId="events"
        virtualized={rows.length > 200}
        empty={
          <EmptyState
            title={filtered ? 'No event matches these filters' : 'No events in this session'}
          >
            <p>
              {filtered
                ? 'Clear or change the filters to see more events.'
                : 'The collector uploaded no cluster events for this session.'}
            </p>
          </EmptyState>
        }
      />
    </section>
  );
}

export default EventsPage;
