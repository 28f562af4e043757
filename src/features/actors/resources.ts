// Ray resource maps ({CPU: 1, memory: 2147483648}) as short text for tables and facts.

// The dashboard's /nodes answer spells the object store `objectStoreMemory` (its camelCase pass).
const BYTE_RESOURCES = new Set(['memory', 'object_store_memory', 'objectStoreMemory']);
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${Number(value.toFixed(2))} ${UNITS[unit]}`;
}

/** "CPU 1, GPU 1, memory 2 GiB"; "none" for an empty map. Keys keep Ray's names and order. */
export function formatResourceMap(resources: Record<string, number>): string {
  const parts = Object.entries(resources).map(([key, value]) =>
    BYTE_RESOURCES.has(key) ? `${key} ${formatBytes(value)}` : `${key} ${value}`,
  );
  return parts.length ? parts.join(', ') : 'none';
}
