import type { FactItem } from '../../components/ui/Facts';
import type { ClusterMetadata } from './api/get-cluster-metadata';

/** A metadata row; its value is null when the session did not record it. */
export interface Fact extends FactItem {
  value: string | null;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;

/** The metadata rows the overview shows, in reading order. */
export function clusterMetadataFacts(metadata: ClusterMetadata | undefined): Fact[] {
  return [
    { label: 'Ray version', value: text(metadata?.rayVersion) },
    { label: 'Python version', value: text(metadata?.pythonVersion) },
    { label: 'Ray commit', value: text(metadata?.gitCommit), mono: true },
    { label: 'Operating system', value: text(metadata?.os) },
    { label: 'Ray session id', value: text(metadata?.sessionId), mono: true },
  ];
}
