import { describe, expect, it } from 'vitest';
import {
  hasFilters,
  listStateFromSearch,
  withFilter,
  withPage,
  withoutFilters,
} from './sessions-filters';

describe('listStateFromSearch', () => {
  it('reads every filter and the page from the query string', () => {
    const state = listStateFromSearch(
      new URLSearchParams(
        'namespace=ml&kind=rayjob&owner=train&q=resnet&from=2026-01-01&to=2026-01-31&page=3&pageSize=10',
      ),
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
    const state = listStateFromSearch(
      new URLSearchParams('kind=raypod&from=yesterday&page=-2&pageSize=100000'),
    );
    expect(state).toMatchObject({ kind: '', from: '', page: 1, pageSize: 200 });
    expect(hasFilters(state)).toBe(false);
  });
});

describe('editing the query string', () => {
  const current = new URLSearchParams('namespace=ml&page=4&embed=1&pageSize=10');

  it('sets or removes one filter and goes back to page 1', () => {
    expect(withFilter(current, 'kind', 'rayjob').toString()).toBe(
      'namespace=ml&embed=1&pageSize=10&kind=rayjob',
    );
    expect(withFilter(current, 'namespace', '  ').toString()).toBe('embed=1&pageSize=10');
  });

  it('writes page 1 as no page at all', () => {
    expect(withPage(current, 1).get('page')).toBeNull();
    expect(withPage(current, 5).get('page')).toBe('5');
  });

  it('clears filters but keeps embed and the page size', () => {
    expect(withoutFilters(current).toString()).toBe('embed=1&pageSize=10');
  });
});
