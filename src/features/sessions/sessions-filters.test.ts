import { describe, expect, it } from 'vitest';
import { applyUrlStatePatch, readUrlState } from '../../lib/url-state';
import { NO_FILTERS, SESSIONS_URL_STATE, hasFilters, listStateFrom } from './sessions-filters';

const stateOf = (query: string) =>
  listStateFrom(readUrlState(new URLSearchParams(query), SESSIONS_URL_STATE));

describe('listStateFrom', () => {
  it('reads every filter and the page from the query string', () => {
    const state = stateOf(
      'namespace=ml&kind=rayjob&owner=train&q=resnet&from=2026-01-01&to=2026-01-31&page=3&pageSize=10',
    );
    expect(state).toEqual({
      namespace: 'ml',
      kind: 'rayjob',
      owner: 'train',
      q: 'resnet',
      from: '2026-01-01',
      to: '2026-01-31',
      page: 3,
      pageSize: 10,
    });
  });

  it('ignores values that do not parse instead of sending them on', () => {
    const state = stateOf('kind=raypod&from=yesterday&page=-2&pageSize=100000');
    expect(state).toMatchObject({ kind: '', from: '', page: 1, pageSize: 200 });
    expect(hasFilters(state)).toBe(false);
  });
});

describe('editing the query string', () => {
  const current = new URLSearchParams('namespace=ml&page=4&embed=1&pageSize=10');
  const edit = (patch: Record<string, string | number>) =>
    applyUrlStatePatch(current, SESSIONS_URL_STATE, patch).toString();

  it('sets or removes one filter and goes back to page 1', () => {
    expect(edit({ kind: 'rayjob' })).toBe('namespace=ml&embed=1&pageSize=10&kind=rayjob');
    expect(edit({ namespace: '' })).toBe('embed=1&pageSize=10');
  });

  it('writes page 1 as no page at all', () => {
    expect(edit({ page: 1 })).toBe('namespace=ml&embed=1&pageSize=10');
    expect(edit({ page: 5 })).toBe('namespace=ml&page=5&embed=1&pageSize=10');
  });

  it('clears filters but keeps embed and the page size', () => {
    expect(edit(NO_FILTERS)).toBe('embed=1&pageSize=10');
  });
});
