import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

// JavaScript each route of the built SPA loads, in gzip bytes, from Vite's build manifest.

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type ViteManifest = Record<string, ManifestChunk>;

export interface RouteBundle {
  /** `initial` for what index.html loads before first render, else the lazy module's source. */
  name: string;
  files: string[];
  gzipBytes: number;
  /** Source files of third-party packages inside these chunks (from the source maps). */
  packages: string[];
}

function staticClosure(manifest: ViteManifest, key: string, into = new Set<string>()): Set<string> {
  if (into.has(key)) return into;
  into.add(key);
  for (const imported of manifest[key]?.imports ?? []) staticClosure(manifest, imported, into);
  return into;
}

function packagesIn(distDir: string, file: string): string[] {
  try {
    const map = JSON.parse(readFileSync(path.join(distDir, `${file}.map`), 'utf8')) as {
      sources: string[];
    };
    const names = map.sources
      .map((source) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1])
      .filter((name): name is string => Boolean(name));
    return [...new Set(names)];
  } catch {
    return [];
  }
}

export function routeBundles(distDir = 'dist'): RouteBundle[] {
  const manifest = JSON.parse(
    readFileSync(path.join(distDir, '.vite/manifest.json'), 'utf8'),
  ) as ViteManifest;
  const entryKey = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  if (!entryKey) throw new Error('No entry chunk in the Vite manifest');
  const gzipOf = (files: string[]) =>
    files.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(distDir, file))).length, 0);
  const bundle = (name: string, keys: Set<string>): RouteBundle => {
    const files = [...keys].map((key) => manifest[key]!.file).filter((f) => f.endsWith('.js'));
    return {
      name,
      files,
      gzipBytes: gzipOf(files),
      packages: [...new Set(files.flatMap((file) => packagesIn(distDir, file)))].sort(),
    };
  };
  const initial = staticClosure(manifest, entryKey);
  const lazy = Object.keys(manifest).filter((key) => manifest[key]!.isDynamicEntry);
  return [
    bundle('initial', initial),
    ...lazy.map((key) =>
      bundle(manifest[key]!.src ?? key, staticClosure(manifest, key, new Set(initial))),
    ),
  ];
}

export const BUDGETS = { initialGzipBytes: 200 * 1024, routeGzipBytes: 350 * 1024 };
/** Heavy code that must never be in what the first page loads. */
export const NOT_IN_INITIAL = ['@xterm/xterm', 'recharts', 'msw'];

export interface BundleCheck {
  route: RouteBundle;
  budgetBytes: number;
  /** Empty when the route keeps its budgets. */
  problems: string[];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Each route against its gzip budget (and, for the first page, the heavy packages it must not hold). */
export function checkBundleBudgets(routes: RouteBundle[]): BundleCheck[] {
  return routes.map((route) => {
    const initial = route.name === 'initial';
    const budgetBytes = initial ? BUDGETS.initialGzipBytes : BUDGETS.routeGzipBytes;
    const problems: string[] = [];
    if (route.gzipBytes > budgetBytes)
      problems.push(`${route.name}: ${kb(route.gzipBytes)} gzip exceeds ${kb(budgetBytes)}`);
    if (initial)
      for (const heavy of NOT_IN_INITIAL.filter((name) => route.packages.includes(name)))
        problems.push(`initial JavaScript contains ${heavy}; load it lazily`);
    return { route, budgetBytes, problems };
  });
}
