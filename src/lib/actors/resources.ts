import { formatBytes } from '../format';

// Ray resource maps ({CPU: 1, memory: 2147483648}) as short text for tables and facts.

// The dashboard's /nodes answer spells the object store `objectStoreMemory` (its camelCase pass).
const BYTE_RESOURCES = new Set(['memory', 'object_store_memory', 'objectStoreMemory']);
/** "CPU 1, GPU 1, memory 2 GiB"; "none" for an empty map. Keys keep Ray's names and order. */
export function formatResourceMap(resources: Record<string, number>): string {
  const parts = Object.entries(resources).map(([key, value]) =>
    BYTE_RESOURCES.has(key) ? `${key} ${formatBytes(value, 'exact')}` : `${key} ${value}`,
  );
  return parts.length ? parts.join(', ') : 'none';
}
