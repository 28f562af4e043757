import { describe, expect, it } from 'vitest';
import {
  decodeIndexKey,
  fetchedEndpointKey,
  indexKey,
  isEventFileName,
  sessionDir,
} from './layout.ts';

describe('decodeIndexKey', () => {
  const session = 'session_2026-01-11_19-38-40_146706_1';

  it('decodes a RayCluster key', () => {
    expect(decodeIndexKey(`cluster-metadata/raycluster/ml-team_train/${session}`)).toEqual({
      namespace: 'ml-team',
      kind: 'raycluster',
      name: 'train',
      clusterName: 'train',
      sessionName: session,
      startTime: Date.UTC(2026, 0, 11, 19, 38, 40, 146),
    });
  });

  it('decodes RayJob and RayService keys, named by their owner', () => {
    const job = decodeIndexKey(`cluster-metadata/rayjob/ml-team_etl_etl-x7k2p/${session}`);
    expect(job).toMatchObject({
      kind: 'rayjob',
      name: 'etl',
      ownerName: 'etl',
      clusterName: 'etl-x7k2p',
    });
    const service = decodeIndexKey(`cluster-metadata/rayservice/serving_llm_llm-abcde/${session}`);
    expect(service).toMatchObject({ kind: 'rayservice', name: 'llm', clusterName: 'llm-abcde' });
  });

  it.each([
    ['a folder placeholder', 'cluster-metadata/'],
    ['a kind placeholder', 'cluster-metadata/raycluster/'],
    ['an unknown kind', `cluster-metadata/raypod/ml-team_train/${session}`],
    ['a bad session name', 'cluster-metadata/raycluster/ml-team_train/session_bad'],
    ['too few names for a RayJob', `cluster-metadata/rayjob/ml-team_etl/${session}`],
    ['too many names for a RayCluster', `cluster-metadata/raycluster/a_b_c/${session}`],
    ['upper case names', `cluster-metadata/raycluster/ML_train/${session}`],
    ['an extra level', `cluster-metadata/raycluster/ml-team_train/${session}/x`],
    ['a key outside the index', `cluster-history/raycluster/ml-team/train/${session}`],
  ])('ignores %s', (_why, key) => {
    expect(decodeIndexKey(key)).toBeNull();
  });

  it('round-trips with indexKey and points at the history folder', () => {
    const key = `cluster-metadata/rayjob/ml-team_etl_etl-x7k2p/${session}`;
    const decoded = decodeIndexKey(key)!;
    expect(indexKey(decoded)).toBe(key);
    expect(sessionDir(decoded)).toBe(`cluster-history/rayjob/ml-team/etl/etl-x7k2p/${session}/`);
  });
});

describe('storage names', () => {
  const s = decodeIndexKey(
    'cluster-metadata/raycluster/ml-team_train/session_2026-01-11_19-38-40_146706_1',
  )!;

  it('names fetched endpoints after the request URI', () => {
    expect(fetchedEndpointKey(s, '/api/v0/placement_groups?detail=1&limit=10000')).toBe(
      `${sessionDir(s)}fetched_endpoints/restful__api__v0__placement_groups?detail=1&limit=10000`,
    );
  });

  it.each([
    ['abc-2026-01-11-19-1768160000000000000.jsonl', true],
    ['abc-2026-01-11-19-1768160000000000000.jsonl.gz', true],
    ['abc-2026-01-11-19', true],
    ['abc-2026-01-11.jsonl', false],
    ['notes.txt', false],
  ])('%s is an event file: %s', (name, expected) => {
    expect(isEventFileName(name)).toBe(expected);
  });
});
