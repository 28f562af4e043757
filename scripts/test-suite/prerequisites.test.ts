import { describe, expect, it } from 'vitest';
import { plan, type Machine, type Prerequisite } from './prerequisites.ts';

const wanted: Prerequisite[] = [
  { path: '/usr/bin/chromium', debianPackage: 'chromium' },
  { path: '/usr/bin/prometheus', debianPackage: 'prometheus' },
];

const machine = (over: Partial<Machine> & { installed?: string[] } = {}): Machine => {
  const installed = new Set(over.installed ?? []);
  return { isRoot: false, isDebian: true, exists: (p) => installed.has(p), ...over };
};

describe('the prerequisites plan of npm test', () => {
  it('goes ahead when both programs are there', () => {
    const all = machine({ installed: ['/usr/bin/chromium', '/usr/bin/prometheus'] });
    expect(plan(wanted, all)).toEqual({ kind: 'ready' });
  });

  it('installs only what is missing, as root on Debian, without questions', () => {
    const root = machine({ isRoot: true, installed: ['/usr/bin/chromium'] });
    expect(plan(wanted, root)).toEqual({
      kind: 'install',
      packages: ['prometheus'],
      commands: [
        ['apt-get', 'update'],
        ['apt-get', 'install', '-y', 'prometheus'],
      ],
    });
  });

  it('stops with the exact command when it may not install (not root)', () => {
    const next = plan(wanted, machine());
    expect(next.kind).toBe('stop');
    expect(next.kind === 'stop' && next.message).toContain(
      'sudo apt-get update && sudo apt-get install -y chromium prometheus',
    );
    expect(next.kind === 'stop' && next.message).toContain('/usr/bin/prometheus');
  });

  it('names the packages but no apt-get command off Debian, even as root', () => {
    const next = plan(wanted, machine({ isRoot: true, isDebian: false }));
    expect(next.kind).toBe('stop');
    expect(next.kind === 'stop' && next.message).not.toContain('apt-get');
    expect(next.kind === 'stop' && next.message).toContain('install chromium and prometheus');
  });

  it('checks the paths the tests use, overrides included', () => {
    const custom = [{ path: '/opt/chromium/chrome', debianPackage: 'chromium' }];
    expect(plan(custom, machine({ installed: ['/usr/bin/chromium'] })).kind).toBe('stop');
    expect(plan(custom, machine({ installed: ['/opt/chromium/chrome'] })).kind).toBe('ready');
  });
});
