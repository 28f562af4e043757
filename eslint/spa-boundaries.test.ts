import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Each fixture holds one deliberate layer violation and names, on its first line, the path it is
// linted as: the rules are about where a file lives, and the fixtures live outside src/ so that
// `npm run lint` never sees them.
const ROOT = join(import.meta.dirname, '..');
const FIXTURES = join(import.meta.dirname, 'fixtures/spa-boundaries');

async function problemsOf(fixture: string): Promise<string[]> {
  const text = readFileSync(join(FIXTURES, fixture), 'utf8');
  const lintAs = /^\/\/ lint as: (\S+)/.exec(text)?.[1];
  if (!lintAs) throw new Error(`${fixture} does not say which path it is linted as`);
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(text, { filePath: join(ROOT, lintAs) });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('SPA layer boundaries in lint', () => {
  it.each([
    ['feature-imports-feature.ts', 'A feature does not import another feature'],
    [
      'components-import-feature.ts',
      'components/ is shared by features, so it does not import features/',
    ],
    ['components-import-app.ts', 'components/ is shared by features, so it does not import app/'],
    ['lib-imports-feature.ts', 'lib/ is shared by features, so it does not import features/'],
    ['lib-imports-app.ts', 'lib/ is shared by features, so it does not import app/'],
    ['production-imports-test-helper.ts', 'Test helpers are imported by tests only'],
  ])('%s is reported', async (fixture, message) => {
    const problems = await problemsOf(fixture);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('import-x/no-restricted-paths');
    expect(problems[0]).toContain(message);
  });

  it('lets a test import the test helpers', async () => {
    expect(await problemsOf('test-imports-test-helper.ts')).toEqual([]);
  });

  it('has a case for every fixture', () => {
    expect(readdirSync(FIXTURES)).toHaveLength(7);
  });
});
