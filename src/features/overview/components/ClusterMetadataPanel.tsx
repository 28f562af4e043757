import { ErrorPanel } from '../../../components/ui/ErrorPanel';
import { Skeleton } from '../../../components/ui/Skeleton';
import { isApiError } from '../../../lib/api-client';
import type { SessionScope } from '../../../../contract/api';
import { useClusterMetadata } from '../api/get-cluster-metadata';
import { clusterMetadataFacts } from '../cluster-metadata-facts';
import { Facts } from '../../../components/ui/Facts';

/** Ray / Python versions and the rest of what the cluster's dashboard recorded. */
export function ClusterMetadataPanel({ scope }: { scope: SessionScope }) {
  const metadata = useClusterMetadata(scope);
  const facts = clusterMetadataFacts(metadata.data?.data);
  // Our server answers an empty `data` with a message; an upstream server may answer 404.
  const notRecorded =
    (isApiError(metadata.error) && metadata.error.status === 404) ||
    (metadata.isSuccess && facts.every((fact) => fact.value === null));
  return (
    <section className="panel" aria-labelledby="metadata-title">
      <h2 id="metadata-title" className="panel__title">
        Cluster metadata
      </h2>
      {metadata.isPending ? (
        <Skeleton label="Loading cluster metadata" lines={4} />
      ) : notRecorded ? (
        <>
          <p className="panel__note">
            {metadata.data?.msg ||
              'The collector did not capture the cluster metadata for this session.'}
          </p>
          <Facts items={facts} />
        </>
      ) : metadata.isError ? (
        <ErrorPanel
          title="Could not load cluster metadata"
          error={metadata.error}
          onRetry={() => void metadata.refetch()}
        />
      ) : (
        <Facts items={facts} />
      )}
    </section>
  );
}
