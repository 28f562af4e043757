import type { Column } from '../ui/data-table/DataTable';
import { AppLink } from '../ui/AppLink';
import { EntityLink } from '../ui/EntityLink';
import { IdText } from '../ui/IdText';
import { StatusChip } from '../ui/StatusChip';
import { DurationText, TimeText } from '../ui/TimeText';
import { paths } from '../../../contract/paths';
import type { SessionScope } from '../../../contract/api';
import type { ActorRow } from '../../lib/actors/actor-rows';

/** The actors table's columns; every id links to its page. */
export function actorColumns(scope: SessionScope): Column<ActorRow>[] {
  return [
    {
      id: 'id',
      header: 'Actor',
      hideable: false,
      cell: (r) => <EntityLink scope={scope} kind="actor" id={r.id} />,
      sortKey: 'id',
      sortValue: (r) => r.id,
    },
    {
      id: 'state',
      header: 'State',
      cell: (r) => <StatusChip state={r.state} />,
      sortKey: 'state',
      sortValue: (r) => r.state,
    },
    {
      id: 'class',
      header: 'Class',
      cell: (r) => <span className="breakable">{r.className}</span>,
      sortKey: 'class',
      sortValue: (r) => r.className,
    },
    {
      id: 'name',
      header: 'Name',
      cell: (r) => <span className="breakable">{r.name}</span>,
      sortKey: 'name',
      sortValue: (r) => r.name,
    },
    { id: 'repr', header: 'Repr', cell: (r) => r.repr, defaultHidden: true },
    {
      id: 'restarts',
      header: 'Restarts',
      align: 'end',
      cell: (r) => r.restarts,
      sortKey: 'restarts',
      sortValue: (r) => r.restarts,
    },
    {
      id: 'exit',
      header: 'Exit detail',
      // Ray's exit details run to a paragraph: three lines here, all of it in the tooltip.
      cell: (r) =>
        r.exitDetail ? (
          <span className="text-clamp text-clamp--narrow" title={r.exitDetail}>
            {r.exitDetail}
          </span>
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      id: 'node',
      header: 'Node',
      cell: (r) => (
        <EntityLink scope={scope} kind="node" id={r.nodeId} label={r.nodeIp ?? undefined} />
      ),
    },
    {
      id: 'worker',
      header: 'Worker',
      defaultHidden: true,
      cell: (r) => (r.workerId ? <IdText id={r.workerId} what="worker ID" /> : '—'),
    },
    { id: 'pid', header: 'PID', align: 'end', defaultHidden: true, cell: (r) => r.pid ?? '—' },
    {
      id: 'start',
      header: 'Started',
      cell: (r) => <TimeText ms={r.startTime} />,
      sortKey: 'start',
      sortValue: (r) => r.startTime,
    },
    {
      id: 'end',
      header: 'Ended',
      defaultHidden: true,
      cell: (r) => <TimeText ms={r.endTime} />,
      sortKey: 'end',
      sortValue: (r) => r.endTime,
    },
    {
      id: 'duration',
      header: 'Duration',
      align: 'end',
      cell: (r) => <DurationText ms={r.durationMs} />,
      sortKey: 'duration',
      sortValue: (r) => r.durationMs,
    },
    {
      id: 'resources',
      header: 'Required resources',
      defaultHidden: true,
      cell: (r) => r.resources,
    },
    {
      id: 'pg',
      header: 'Placement group',
      defaultHidden: true,
      cell: (r) =>
        r.placementGroupId ? <IdText id={r.placementGroupId} what="placement group ID" /> : '—',
    },
    {
      id: 'job',
      header: 'Job',
      cell: (r) => <EntityLink scope={scope} kind="job" id={r.jobId} />,
      sortKey: 'job',
      sortValue: (r) => r.jobId,
    },
    {
      id: 'tasks',
      header: 'Tasks',
      cell: (r) => <AppLink to={paths.tasks(scope, { actor_id: r.id })}>Tasks</AppLink>,
    },
  ];
}
