import { badRequest } from '../../http/errors.ts';

// What a log search looks for. `plain` ignores case, `case` does not, `regex` is a JavaScript
// regex (case-sensitive). Regexes that can backtrack without bound are refused up front:
// backreferences, lookarounds, and a quantified group that holds a quantifier or an alternation.

export const SEARCH_MODES = ['plain', 'case', 'regex'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

export const MAX_PATTERN_LENGTH = 1000;

export interface SearchPattern {
  /** Global regex finding every match in one line (ANSI codes already stripped). */
  regex: RegExp;
  /** Same pattern with the `m` flag, to rule out a whole block of lines at once. */
  block: RegExp;
  /** A user's regex (may be slow: matched under a time budget), not an escaped literal. */
  isRegex: boolean;
  /** The literal as bytes, when raw bytes can rule lines out (search-bytes.ts); else null. */
  needle: ByteNeedle | null;
}

export interface ByteNeedle {
  /** UTF-8, lower-cased when `foldCase`. */
  bytes: Buffer;
  /** Found in bytes with A–Z folded to a–z (plain mode: its needle is then all ASCII). */
  foldCase: boolean;
}

/**
 * A literal's bytes, when "this line's bytes hold them" is implied by "this line's text matches"
 * (ANSI codes aside, which the scan checks per block). Case-insensitively that holds for ASCII
 * needles only: without the `u` flag a JavaScript regex never folds a non-ASCII character to an
 * ASCII one (so `ſ` is no `s` and the Kelvin sign no `k`), and UTF-8 keeps ASCII bytes for ASCII
 * only. A needle that does not survive UTF-8 (a lone surrogate) or holds U+FFFD (which invalid
 * bytes decode to) is matched on text.
 */
function byteNeedle(query: string, mode: 'plain' | 'case'): ByteNeedle | null {
  // A line holds no newline, so a needle with one matches nothing: the text path says so.
  if (query.length === 0 || query.includes('\ufffd') || query.includes('\n')) return null;
  const foldCase = mode === 'plain';
  // eslint-disable-next-line no-control-regex -- ASCII is the point
  if (foldCase && !/^[\u0000-\u007f]*$/.test(query)) return null;
  const bytes = Buffer.from(foldCase ? query.toLowerCase() : query, 'utf8');
  if (bytes.toString('utf8') !== (foldCase ? query.toLowerCase() : query)) return null;
  return { bytes, foldCase };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Why a regex could run away, or null when it is safe to run on any line. */
export function runawayReason(source: string): string | null {
  interface Group {
    quantified: boolean;
    alternation: boolean;
  }
  const stack: Group[] = [{ quantified: false, alternation: false }];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    const next = source[i + 1];
    if (ch === '\\') {
      if (!inClass && next !== undefined && /[1-9k]/.test(next))
        return 'backreferences are not supported';
      i++;
      if (!inClass && isQuantifier(source, i + 1)) stack.at(-1)!.quantified = true;
      continue;
    }
    if (inClass) {
      if (ch === ']') {
        inClass = false;
        if (isQuantifier(source, i + 1)) stack.at(-1)!.quantified = true;
      }
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === '(') {
      if (/^\(\?<?[=!]/.test(source.slice(i, i + 4))) return 'lookarounds are not supported';
      stack.push({ quantified: false, alternation: false });
    } else if (ch === ')') {
      const group = stack.length > 1 ? stack.pop()! : { quantified: false, alternation: false };
      if (isQuantifier(source, i + 1)) {
        if (group.quantified) return 'nested quantifiers such as (a+)+ can run away';
        if (group.alternation) return 'a quantified alternation such as (a|aa)* can run away';
        stack.at(-1)!.quantified = true;
      } else {
        stack.at(-1)!.quantified ||= group.quantified;
      }
    } else if (ch === '|') stack.at(-1)!.alternation = true;
    else if (!'*+?{'.includes(ch) && isQuantifier(source, i + 1)) stack.at(-1)!.quantified = true;
  }
  return null;
}

function isQuantifier(source: string, at: number): boolean {
  const ch = source[at];
  if (ch === '*' || ch === '+') return true;
  if (ch === '{') return /^\{\d+(,\d*)?\}/.test(source.slice(at));
  return false;
}

export function compileSearch(query: string, mode: SearchMode): SearchPattern {
  if (query.length > MAX_PATTERN_LENGTH)
    throw badRequest(`q must be at most ${MAX_PATTERN_LENGTH} characters`);
  if (mode !== 'regex') {
    const flags = mode === 'plain' ? 'gi' : 'g';
    return {
      regex: new RegExp(escape(query), flags),
      block: new RegExp(escape(query), flags),
      isRegex: false,
      needle: byteNeedle(query, mode),
    };
  }
  const reason = runawayReason(query);
  if (reason) throw badRequest(`q: ${reason} in regex mode`);
  try {
    return {
      regex: new RegExp(query, 'g'),
      block: new RegExp(query, 'gm'),
      isRegex: true,
      needle: null,
    };
  } catch (error) {
    throw badRequest(`q is not a valid regular expression: ${(error as Error).message}`);
  }
}

/** [start, end) of every match in one line, in UTF-16 code units (empty matches skipped). */
export function matchRanges(pattern: SearchPattern, line: string, max = 100): [number, number][] {
  const ranges: [number, number][] = [];
  const regex = pattern.regex;
  regex.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (ranges.length < max && (m = regex.exec(line)) !== null) {
    if (m[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    ranges.push([m.index, m.index + m[0].length]);
  }
  return ranges;
}
