import { describe, expect, it } from 'vitest';
import { clusterMetadataFacts } from './cluster-metadata-facts';

describe('clusterMetadataFacts', () => {
  it('lists every recorded field under a readable label', () => {
    const facts = clusterMetadataFacts({
      rayVersion: '2.53.0',
      pythonVersion: '3.11.9',
      gitCommit: 'abc123',
      os: 'linux',
      sessionId: 'f00d',
    });
    expect(facts.map((f) => [f.label, f.value])).toEqual([
      ['Ray version', '2.53.0'],
      ['Python version', '3.11.9'],
      ['Ray commit', 'abc123'],
      ['Operating system', 'linux'],
      ['Ray session id', 'f00d'],
    ]);
  });

  it('marks missing, empty and non-text fields as not recorded (null)', () => {
    const facts = clusterMetadataFacts({ rayVersion: '', os: 42 as unknown as string });
    expect(facts.every((f) => f.value === null)).toBe(true);
    expect(clusterMetadataFacts(undefined).every((f) => f.value === null)).toBe(true);
  });
});
