// Newline-delimited JSON arrives in chunks that split lines anywhere; this joins them back.

export interface NdjsonParser {
  /** The complete lines in `chunk` (plus what was left over), parsed. */
  push(chunk: string): unknown[];
  /** The last line, when the stream did not end with a newline. */
  end(): unknown[];
}

function parseLines(lines: string[]): unknown[] {
  return lines.filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as unknown);
}

export function createNdjsonParser(): NdjsonParser {
  let rest = '';
  return {
    push(chunk) {
      const text = rest + chunk;
      const cut = text.lastIndexOf('\n');
      if (cut < 0) {
        rest = text;
        return [];
      }
      rest = text.slice(cut + 1);
      return parseLines(text.slice(0, cut).split('\n'));
    },
    end() {
      const last = rest;
      rest = '';
      return parseLines([last]);
    },
  };
}
