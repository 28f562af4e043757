import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM_LAUNCH_OPTIONS } from '../../e2e/support/chromium.ts';
import { PROMETHEUS_BIN } from '../../e2e/support/prometheus.ts';

// The programs `npm test` needs besides node_modules: Debian's Chromium (Playwright cannot
// download one here), Prometheus (the metrics e2e) and kubectl (renders deploy/ with its built-in
// kustomize; part of this machine image, and the package of that name where apt has it). Checked first, so a fresh machine learns
// in seconds what is missing; as root on Debian they are installed, as CI needs.

export interface Prerequisite {
  /** Where the tests look for it (CHROMIUM_PATH / PROMETHEUS_BIN override the default). */
  path: string;
  /** The Debian package that installs it there. */
  debianPackage: string;
}

export function prerequisites(): Prerequisite[] {
  return [
    {
      path: CHROMIUM_LAUNCH_OPTIONS.executablePath ?? '/usr/bin/chromium',
      debianPackage: 'chromium',
    },
    { path: PROMETHEUS_BIN, debianPackage: 'prometheus' },
    { path: '/usr/bin/kubectl', debianPackage: 'kubectl' },
  ];
}

export interface Machine {
  exists(path: string): boolean;
  isRoot: boolean;
  isDebian: boolean;
}

export type Plan =
  | { kind: 'ready' }
  | { kind: 'install'; packages: string[]; commands: string[][] }
  | { kind: 'stop'; message: string };

/** What to do about the missing programs on this machine. */
export function plan(wanted: Prerequisite[], machine: Machine): Plan {
  const missing = wanted.filter((p) => !machine.exists(p.path));
  if (missing.length === 0) return { kind: 'ready' };
  const packages = missing.map((p) => p.debianPackage);
  const what = missing.map((p) => `${p.path} (Debian package ${p.debianPackage})`).join(', ');
  if (machine.isDebian && machine.isRoot)
    return {
      kind: 'install',
      packages,
      commands: [
        ['apt-get', 'update'],
        ['apt-get', 'install', '-y', ...packages],
      ],
    };
  const install = machine.isDebian
    ? `sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`
    : `install ${packages.join(' and ')} with your package manager`;
  return {
    kind: 'stop',
    message: [
      `npm test needs ${what}, which is missing. Run:`,
      '',
      `  ${install}`,
      '',
      'then npm test again (or point CHROMIUM_PATH / PROMETHEUS_BIN at your own builds).',
    ].join('\n'),
  };
}

export function thisMachine(): Machine {
  return {
    exists: existsSync,
    isRoot: process.getuid?.() === 0,
    isDebian: existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get'),
  };
}

/** Checks, installs when it may, and throws with the command to run when it may not. */
export function ensurePrerequisites(wanted = prerequisites(), machine = thisMachine()): void {
  const next = plan(wanted, machine);
  if (next.kind === 'ready') return;
  if (next.kind === 'stop') throw new Error(next.message);
  console.log(`Installing ${next.packages.join(', ')} (missing, running as root on Debian) ...`);
  for (const [command, ...args] of next.commands) {
    const result = spawnSync(command!, args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status !== 0)
      throw new Error(`${[command, ...args].join(' ')} failed (exit ${String(result.status)})`);
  }
  const still = wanted.filter((p) => !machine.exists(p.path)).map((p) => p.path);
  if (still.length)
    throw new Error(
      `installed ${next.packages.join(', ')}, but ${still.join(', ')} is still missing (CHROMIUM_PATH or PROMETHEUS_BIN pointing elsewhere?)`,
    );
}
