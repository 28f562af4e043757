import { badRequest } from '../../http/errors.ts';

// `glob` filters of the logs API: `*` matches any run of characters (across '/'), `?` one
// character; everything else is literal. Matched against the path relative to `logs/`.
// Matched by a two-pointer scan, not a regex, so `*a*a*a...` costs O(path × glob), never more.

export const MAX_GLOB_LENGTH = 1000;

function wildcardMatch(glob: string, text: string): boolean {
  let g = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (g < glob.length && (glob[g] === '?' || glob[g] === text[t])) {
      g++;
      t++;
    } else if (g < glob.length && glob[g] === '*') {
      star = g++;
      resume = t;
    } else if (star >= 0) {
      // Let the last `*` take one more character and retry from there.
      g = star + 1;
      t = ++resume;
    } else return false;
  }
  while (g < glob.length && glob[g] === '*') g++;
  return g === glob.length;
}

export function globMatcher(glob: string | undefined): (path: string) => boolean {
  if (!glob) return () => true;
  if (glob.length > MAX_GLOB_LENGTH)
    throw badRequest(`glob must be at most ${MAX_GLOB_LENGTH} characters`);
  const hasFolder = glob.includes('/');
  // A glob without '/' also matches a file in a subfolder by its name (`*.out` finds `old/raylet.1.out`).
  return (path) =>
    wildcardMatch(glob, path) ||
    (!hasFolder && wildcardMatch(glob, path.slice(path.lastIndexOf('/') + 1)));
}
