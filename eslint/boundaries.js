import importX from 'eslint-plugin-import-x';
import { SPA_LAYER_ZONES, SPA_TEST_HELPER_ZONE } from './spa-boundaries.js';

// What may import what, as lint rules (the picture is in docs/architecture.md). Each zone names
// the importing files (`target`) and what they may not import (`from`), relative to the repo
// root. Add a zone here when a new layer appears; eslint/boundaries.test.ts proves each fires.

/** Files that only tests and the bench run: they may import test helpers. */
export const TEST_FILES = [
  '**/*.test.ts',
  '**/*.test.tsx',
  '**/test/**',
  'e2e/**',
  'scripts/bench/**',
];

/** Test helpers live in test/ folders; the name patterns catch one left in a production folder. */
const TEST_HELPERS = ['**/test/**', '**/test-*.{ts,tsx}', '**/*test-support*'];

/** The layers: the server and the SPA share only contract/, which depends on nothing of ours. */
export const LAYER_ZONES = [
  {
    target: './server',
    from: './src',
    message: 'The server does not import the SPA: move what both need to contract/.',
  },
  {
    target: './src',
    from: './server',
    message: 'The SPA does not import the server: move what both need to contract/.',
  },
  {
    target: './contract',
    from: './',
    except: ['./contract', './node_modules'],
    message: 'contract/ imports only itself (and packages): server/ and src/ both build on it.',
  },
];

const TEST_HELPER_ZONE = {
  target: '**/*',
  from: TEST_HELPERS,
  // Packages are not ours: @playwright/test is a package, not a test helper.
  except: ['**/node_modules/**'],
  message: 'Test helpers are for tests: production code must not import them.',
};

/** `src/main.tsx` starts the mock service worker behind VITE_MOCKS (`npm run dev:mock`). */
const MOCK_ENTRY = 'src/main.tsx';

/**
 * The boundary rules for the repository (or a fixture tree) at `root`. One rule holds every zone:
 * a later config object setting the same rule would replace the earlier one's zones, not add.
 */
export function boundaries(root) {
  const restrictedPaths = (zones) => ['error', { basePath: root, zones }];
  const layers = [...LAYER_ZONES, ...SPA_LAYER_ZONES];
  return [
    {
      files: ['**/*.{ts,tsx,js}'],
      plugins: { 'import-x': importX },
      settings: {
        // no-cycle follows imports only into files it may parse: TypeScript ones included.
        'import-x/extensions': ['.ts', '.tsx', '.js'],
        'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
        'import-x/resolver-next': [
          importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] }),
        ],
      },
      rules: {
        'import-x/no-restricted-paths': restrictedPaths(layers),
        'import-x/no-cycle': ['error', { ignoreExternal: true }],
      },
    },
    {
      files: ['**/*.{ts,tsx,js}'],
      ignores: [...TEST_FILES, MOCK_ENTRY],
      rules: {
        'import-x/no-restricted-paths': restrictedPaths([
          ...layers,
          TEST_HELPER_ZONE,
          SPA_TEST_HELPER_ZONE,
        ]),
      },
    },
    {
      files: [MOCK_ENTRY],
      rules: {
        'import-x/no-restricted-paths': restrictedPaths([...layers, TEST_HELPER_ZONE]),
      },
    },
  ];
}
