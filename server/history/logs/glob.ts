// `glob` filters of the logs API: `*` matches any run of characters (across '/'), `?` one
// character; everything else is literal. Matched against the path relative to `logs/`.

export function globMatcher(glob: string | undefined): (path: string) => boolean {
  if (!glob) return () => true;
  const source = [...glob]
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const pattern = new RegExp(`^${source}$`, 's');
  const hasFolder = glob.includes('/');
  // A glob without '/' also matches a file in a subfolder by its name (`*.out` finds `old/raylet.1.out`).
  return (path) =>
    pattern.test(path) || (!hasFolder && pattern.test(path.slice(path.lastIndexOf('/') + 1)));
}
