import { useTimeFormat } from '../../../lib/time/TimeFormatProvider';
import { KIND_LABELS } from '../../../lib/session/kind-labels';
import type { SessionInfo } from '../../../../contract/api';
import { Facts } from '../../../components/ui/Facts';

/** Which cluster and session this is. */
export function SessionIdentity({ info }: { info: SessionInfo }) {
  const time = useTimeFormat();
  const facts = [
    { label: 'Namespace', value: info.namespace },
    { label: 'Kind', value: KIND_LABELS[info.kind] },
    { label: 'Name', value: info.name },
    { label: 'Cluster', value: info.clusterName },
    ...(info.kind === 'raycluster'
      ? []
      : [{ label: `Owner (${KIND_LABELS[info.kind]})`, value: info.ownerName ?? null }]),
    { label: 'Session', value: info.sessionName, mono: true },
    {
      label: 'Started',
      value: `${time.formatTime(info.startTime)} (${time.formatAge(info.startTime)})`,
    },
  ];
  return (
    <section className="panel" aria-labelledby="identity-title">
      <h2 id="identity-title" className="panel__title">
        Session
      </h2>
      <Facts items={facts} />
    </section>
  );
}
