import type { Column } from '../../../components/ui/data-table/DataTable';
import { AppLink } from '../../../components/ui/AppLink';
import { EntityLink } from '../../../components/ui/EntityLink';
import { StatusChip } from '../../../components/ui/StatusChip';
import { DurationText, TimeText } from '../../../components/ui/TimeText';
import { paths } from '../../../../contract/paths';
import type { SessionScope } from '../../../../contract/api';
import { NOT_RECORDED } from '../node-rows';
import type { NodeRow } from '../node-rows';

const missing = <span className="muted">{NOT_RECORDED}</span>;

const metric = (value: string) => (value === NOT_RECORDED ? missing : value);

/** `hostMetrics`: the nodes report CPU and memory (a running cluster), so show those columns. */
export function nodeColumns(scope: SessionScope, hostMetrics = false): Column<NodeRow>[] {
  return [
    {
      id: 'node',
      header: 'Node',
      hideable: false,
      cell: (r) => <EntityLink scope={scope} kind="node" id={r.id} />,
      sortKey: 'node',
      sortValue: (r) => r.id,
    },
    { id: 'role', header: 'Role', cell: (r) => r.role, sortKey: 'role', sortValue: (r) => r.role },
    {
      id: 'state',
      header: 'State',
      cell: (r) => (
        <>
          <StatusChip state={r.state} />
          {r.deathReason && (
            <div className="node-death-reason text-clamp" title={r.deathReason}>
              {r.deathReason}
            </div>
          )}
        </>
      ),
      sortKey: 'state',
      sortValue: (r) => r.state,
    },
    {
      id: 'ip',
      header: 'IP',
      cell: (r) => <span className="mono">{r.ip}</span>,
      sortKey: 'ip',
      sortValue: (r) => r.ip,
    },
    {
      id: 'hostname',
      header: 'Hostname',
      cell: (r) => r.hostname,
      sortKey: 'hostname',
      sortValue: (r) => r.hostname,
    },
    {
      id: 'group',
      header: 'Node group',
      cell: (r) => r.group ?? missing,
      sortKey: 'group',
      sortValue: (r) => r.group,
    },
    {
      id: 'instance',
      header: 'Instance type',
      defaultHidden: true,
      cell: (r) => r.instanceType ?? missing,
    },
    {
      id: 'resources',
      header: 'Logical resources',
      defaultHidden: true,
      cell: (r) =>
        r.resources.length ? (
          <ul className="node-resources">
            {r.resources.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : (
          missing
        ),
    },
    {
      id: 'cpu',
      header: 'CPU usage',
      defaultHidden: !hostMetrics,
      cell: (r) => metric(r.cpuUsage),
    },
    {
      id: 'memory',
      header: 'Memory usage',
      defaultHidden: !hostMetrics,
      cell: (r) => metric(r.memoryUsage),
    },
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
      cell: (r) => <TimeText ms={r.endTime} />,
      sortKey: 'end',
      sortValue: (r) => r.endTime,
    },
    {
      id: 'duration',
      header: 'Lifetime',
      align: 'end',
      defaultHidden: true,
      cell: (r) => <DurationText ms={r.durationMs} />,
    },
    {
      id: 'labels',
      header: 'Labels',
      defaultHidden: true,
      cell: (r) =>
        Object.entries(r.labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(', '),
    },
    {
      id: 'logs',
      header: 'Logs',
      cell: (r) => <AppLink to={paths.logs(scope, { node: r.id })}>Logs</AppLink>,
    },
  ];
}
