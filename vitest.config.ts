import react from '@vitejs/plugin-react';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Node test files that replace a module (`vi.mock`) or a global (`vi.stubGlobal`): they need a
 * fresh module graph. Every other node file shares its worker's, which saves re-importing the
 * server for each file (import time fell from 154 s to 22 s over the node files on 2 cores).
 */
const NEEDS_ISOLATION = ['server/storage/fs-storage-midbody.test.ts', 'src/lib/api-client.test.ts'];
const NODE_TESTS = [
  'server/**/*.test.ts',
  'scripts/**/*.test.ts',
  'src/**/*.test.ts',
  'contract/**/*.test.ts',
  // Not eslint/fixtures/: a lint fixture named like a test is no test.
  'eslint/*.test.ts',
];

export default defineConfig({
  plugins: [react()],
  test: {
    // Vitest's default leaves a core idle on a 2-core machine (the CI kind): the suite is mostly
    // CPU-bound test files, and one per core took it from 194 s to 125 s there.
    maxWorkers: '100%',
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: NODE_TESTS,
          exclude: [...configDefaults.exclude, ...NEEDS_ISOLATION],
          isolate: false,
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'node-isolated',
          environment: 'node',
          include: NEEDS_ISOLATION,
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['src/**/*.test.tsx'],
          setupFiles: ['./src/test/setup.ts'],
        },
      },
    ],
  },
});
