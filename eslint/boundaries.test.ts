import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { boundaries } from './boundaries.js';

// The boundary rules against a small tree with one deliberate violation per rule: each must be
// reported where it is, and the allowed imports must not be.

const FIXTURE = join(import.meta.dirname, 'fixtures', 'boundaries');

async function problemsIn(file: string): Promise<{ rule: string | null; message: string }[]> {
  const eslint = new ESLint({
    cwd: FIXTURE,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
      ...boundaries(FIXTURE),
    ],
  });
  const [result] = await eslint.lintFiles([join(FIXTURE, file)]);
  return (result?.messages ?? []).map((m) => ({ rule: m.ruleId, message: m.message }));
}

describe('lint boundaries', () => {
  it.each([
    ['server/reads-spa.ts', 'import-x/no-restricted-paths', 'The server does not import the SPA'],
    ['src/reads-server.ts', 'import-x/no-restricted-paths', 'The SPA does not import the server'],
    ['contract/reads-server.ts', 'import-x/no-restricted-paths', 'contract/ imports only itself'],
    ['server/reads-test-helper.ts', 'import-x/no-restricted-paths', 'Test helpers are for tests'],
    ['cycle/a.ts', 'import-x/no-cycle', 'Dependency cycle'],
  ])('%s breaks %s', async (file, rule, message) => {
    const problems = await problemsIn(file);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.rule).toBe(rule);
    expect(problems[0]?.message).toContain(message);
  });

  it.each(['server/route.test.ts', 'server/route.ts', 'src/view.ts'])(
    'lets %s be',
    async (file) => {
      expect(await problemsIn(file)).toEqual([]);
    },
  );
});
