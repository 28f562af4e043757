import { describe, expect, it } from 'vitest';
import { mockSessions } from '../../../mocks/data';
import { groupSessions } from './group-sessions';

const newestFirst = [...mockSessions].sort((a, b) => b.startTime - a.startTime);

describe('groupSessions', () => {
  it('makes one group per namespace/kind/name in order of their newest session', () => {
    const groups = groupSessions(newestFirst, true);
    expect(groups.map((g) => g.key)).toEqual([
      'ml-team/rayjob/train-resnet',
      'ml-team/raycluster/shared-dev',
      'serving/rayservice/llm-serve',
    ]);
    expect(groups[0]?.clusterNames).toEqual(['train-resnet-x7k2p', 'train-resnet-q9d4m']);
    expect(groups[0]?.ownerName).toBe('train-resnet');
  });

  it('marks only the newest session of each group as latest', () => {
    const groups = groupSessions([...newestFirst].reverse(), true);
    const shared = groups.find((g) => g.name === 'shared-dev')!;
    expect(shared.sessions.map((s) => [s.sessionName, s.latest])).toEqual([
      ['session_2026-01-11_19-38-40_146706_1', true],
      ['session_2026-01-09_08-00-02_004512_1', false],
    ]);
  });

  it('marks nothing when the page cannot know the latest', () => {
    const rows = groupSessions(newestFirst, false).flatMap((g) => g.sessions);
    expect(rows.some((s) => s.latest)).toBe(false);
  });

  it('shows a running cluster first but keeps `latest` on its newest recorded session', () => {
    const recorded = newestFirst.filter((s) => s.name === 'shared-dev');
    const live = {
      ...recorded[0]!,
      sessionName: 'live',
      startTime: Date.now(),
      live: 'running' as const,
    };
    const [group] = groupSessions([live, ...recorded], true);
    expect(group!.sessions.map((s) => [s.sessionName, s.latest])).toEqual([
      ['live', false],
      ['session_2026-01-11_19-38-40_146706_1', true],
      ['session_2026-01-09_08-00-02_004512_1', false],
    ]);
  });
});
