import { dictionary } from './dictionary.ts';

// Reads resource totals and availability out of a raylet's `debug_state.txt`. The format is
// Ray's internal debug dump and changes between versions, so this is tolerant on purpose:
//   Local resources: {"total":{CPU: [80000], node:10.0.0.1: [10000]}}, "available": {...}}
//   InitialConfigResources: {CPU: 80000, node:10.0.0.1: 10000, ...}
//   ' 2.0/8.0 CPU' lines (ray status style)
// Ray prints resources in fixed point (x10000) in some versions; every node owns a
// `node:<ip>` resource of exactly 1, which tells the scale.

export interface NodeResources {
  total: Record<string, number>;
  /** null when the dump only had totals. */
  available: Record<string, number> | null;
}

const ENTRY = /([^\s{},"[\]]+):\s*(\[[^\]]*\]|-?[0-9][0-9.eE+-]*)/g;

/** The `{...}` text right after `marker` (braces balanced), or null. */
function braced(text: string, marker: string, from = 0): string | null {
  const at = text.indexOf(marker, from);
  if (at === -1) return null;
  const open = text.indexOf('{', at + marker.length);
  if (open === -1) return null;
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  return null;
}

function parseEntries(body: string): Record<string, number> {
  const out = dictionary<number>();
  for (const [, key, raw] of body.matchAll(ENTRY)) {
    const values = raw!.replace(/[[\]]/g, '').split(',').map(Number);
    if (values.some((v) => !Number.isFinite(v))) continue;
    out[key!] = values.reduce((a, b) => a + b, 0);
  }
  return out;
}

function scaleOf(total: Record<string, number>): number {
  const marker = Object.keys(total).find((key) => key.startsWith('node:'));
  const value = marker ? total[marker]! : 1;
  return value > 1 ? value : 1;
}

function scaled(values: Record<string, number>, scale: number): Record<string, number> {
  const out = dictionary<number>();
  for (const key of Object.keys(values).sort()) out[key] = values[key]! / scale;
  return out;
}

const UNIT: Record<string, number> = {
  B: 1,
  KiB: 2 ** 10,
  MiB: 2 ** 20,
  GiB: 2 ** 30,
  TiB: 2 ** 40,
};
const STATUS_LINE = /^\s*([\d.]+)(B|KiB|MiB|GiB|TiB)?\/([\d.]+)(B|KiB|MiB|GiB|TiB)?\s+(\S+)\s*$/gm;

function parseStatusLines(text: string): NodeResources | null {
  const total = dictionary<number>();
  const available = dictionary<number>();
  for (const [, used, usedUnit, all, allUnit, name] of text.matchAll(STATUS_LINE)) {
    const t = Number(all) * (UNIT[allUnit ?? 'B'] ?? 1);
    total[name!] = t;
    available[name!] = t - Number(used) * (UNIT[usedUnit ?? 'B'] ?? 1);
  }
  return Object.keys(total).length ? { total, available } : null;
}

export function parseDebugState(text: string): NodeResources | null {
  const local = text.indexOf('Local resources:');
  const from = local === -1 ? 0 : local;
  const totalBody = braced(text, '"total"', from);
  if (totalBody !== null) {
    const total = parseEntries(totalBody);
    const availableBody = braced(text, '"available"', from);
    const scale = scaleOf(total);
    return {
      total: scaled(total, scale),
      available: availableBody === null ? null : scaled(parseEntries(availableBody), scale),
    };
  }
  const initial = braced(text, 'InitialConfigResources:');
  if (initial !== null) {
    const total = parseEntries(initial);
    if (Object.keys(total).length) return { total: scaled(total, scaleOf(total)), available: null };
  }
  return parseStatusLines(text);
}
