import { describe, expect, it } from 'vitest';
import { clientHasTag, snapshotTag } from './entity-tag.ts';

describe('entity tags of snapshot answers', () => {
  it('names the snapshot and the question: another of either is another tag', () => {
    const snapshot = {};
    const tag = snapshotTag(snapshot, 'page 1');
    expect(tag).toMatch(/^"[A-Za-z0-9_.-]+"$/);
    expect(snapshotTag(snapshot, 'page 1')).toBe(tag);
    expect(snapshotTag(snapshot, 'page 2')).not.toBe(tag);
    // A reload of the same session is a new snapshot object, so old tags stop matching.
    expect(snapshotTag({}, 'page 1')).not.toBe(tag);
  });

  it('matches If-None-Match lists, weak tags and *, and nothing else', () => {
    const tag = '"abc.1.xyz"';
    expect(clientHasTag(undefined, tag)).toBe(false);
    expect(clientHasTag('', tag)).toBe(false);
    expect(clientHasTag(tag, tag)).toBe(true);
    expect(clientHasTag(`W/${tag}`, tag)).toBe(true);
    expect(clientHasTag(`"other" , ${tag}`, tag)).toBe(true);
    expect(clientHasTag(' * ', tag)).toBe(true);
    expect(clientHasTag('"abc.1.xy"', tag)).toBe(false);
    expect(clientHasTag('abc.1.xyz', tag)).toBe(false);
  });
});
