// Resource lines in `ray status` style: "2.0/8.0 CPU", "1.50GiB/16.00GiB memory".

const BYTE_RESOURCES = new Set(['memory', 'object_store_memory']);
const FIRST = ['CPU', 'GPU', 'memory', 'object_store_memory'];

function bytes(n: number): string {
  if (n === 0) return '0B';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value}B` : `${value.toFixed(2)}${units[unit]}`;
}

function amount(name: string, n: number): string {
  return BYTE_RESOURCES.has(name) ? bytes(n) : n.toFixed(1);
}

/** Resource names to show, CPU/GPU/memory first; per-node marker resources are left out. */
export function shownResources(total: Record<string, number>): string[] {
  return Object.keys(total)
    .filter((name) => !name.startsWith('node:'))
    .sort((a, b) => {
      const ra = FIRST.indexOf(a) === -1 ? FIRST.length : FIRST.indexOf(a);
      const rb = FIRST.indexOf(b) === -1 ? FIRST.length : FIRST.indexOf(b);
      return ra - rb || (a < b ? -1 : a > b ? 1 : 0);
    });
}

/** One line per resource; without a usage record, totals only. */
export function resourceLines(
  total: Record<string, number>,
  available: Record<string, number> | null,
): string[] {
  return shownResources(total).map((name) => {
    const all = total[name]!;
    if (!available) return `${amount(name, all)} ${name} (usage not recorded)`;
    const used = Math.max(0, all - (available[name] ?? all));
    return `${amount(name, used)}/${amount(name, all)} ${name}`;
  });
}
