import { describe, expect, it } from 'vitest';
import { isDnsLabel, isDnsName, isSessionKind, parseSessionName } from './session-names.ts';

describe('parseSessionName', () => {
  it('reads the UTC start time from a valid name', () => {
    expect(parseSessionName('session_2026-01-11_19-38-40_146706_1')).toBe(
      Date.UTC(2026, 0, 11, 19, 38, 40, 146),
    );
  });

  it.each([
    ['no prefix', '2026-01-11_19-38-40_146706_1'],
    ['five-digit micros', 'session_2026-01-11_19-38-40_14670_1'],
    ['missing pid', 'session_2026-01-11_19-38-40_146706'],
    ['month 13', 'session_2026-13-11_19-38-40_146706_1'],
    ['February 30', 'session_2026-02-30_19-38-40_146706_1'],
    ['hour 24', 'session_2026-01-11_24-00-00_000000_1'],
    ['trailing junk', 'session_2026-01-11_19-38-40_146706_1x'],
    ['latest', 'latest'],
    ['empty', ''],
  ])('rejects %s', (_why, name) => {
    expect(parseSessionName(name)).toBeNull();
  });
});

describe('isSessionKind', () => {
  it.each(['raycluster', 'rayjob', 'rayservice'])('accepts %s', (kind) => {
    expect(isSessionKind(kind)).toBe(true);
  });

  it.each(['RayCluster', 'rayclusters', '', 'toString', '__proto__'])('rejects %j', (kind) => {
    expect(isSessionKind(kind)).toBe(false);
  });
});

describe('Kubernetes names', () => {
  it('accepts dotted object names but only single-label namespaces', () => {
    expect(isDnsName('train.v2')).toBe(true);
    expect(isDnsLabel('ml-team')).toBe(true);
    expect(isDnsLabel('ml.team')).toBe(false);
  });

  it.each([
    ['upper case', 'Train'],
    ['leading dash', '-train'],
    ['trailing dash', 'train-'],
    ['slash', 'a/b'],
    ['empty', ''],
    ['too long', 'a'.repeat(254)],
  ])('rejects %s', (_why, name) => {
    expect(isDnsName(name)).toBe(false);
    expect(isDnsLabel(name)).toBe(false);
  });

  it('caps a namespace at 63 characters and a name at 253', () => {
    expect(isDnsLabel('a'.repeat(63))).toBe(true);
    expect(isDnsLabel('a'.repeat(64))).toBe(false);
    expect(isDnsName('a'.repeat(253))).toBe(true);
  });
});
