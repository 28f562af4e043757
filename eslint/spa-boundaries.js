// The SPA's layers, checked by lint (docs/spa-layers.md draws them):
//   app/  → may import everything below it; it composes features into routes.
//   features/<name>/ → its own folder, components/, lib/, auth/, config/, types/ — never another feature.
//   components/ and lib/ → shared by features; never import app/ or features/.
//   src/test/ and mocks/ → test helpers; only tests (and the dev-only mock worker) import them.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const FEATURES = readdirSync(join(import.meta.dirname, '../src/features'), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const featureZones = FEATURES.map((feature) => ({
  target: `./src/features/${feature}`,
  from: './src/features',
  except: [`./${feature}`],
  message: 'A feature does not import another feature: move what both need to components/ or lib/.',
}));

// `except` is relative to `from`, hence one zone per forbidden layer.
const sharedZones = ['components', 'lib'].flatMap((layer) => [
  {
    target: `./src/${layer}`,
    from: './src/features',
    message: `${layer}/ is shared by features, so it does not import features/.`,
  },
  {
    target: `./src/${layer}`,
    from: './src/app',
    message: `${layer}/ is shared by features, so it does not import app/.`,
  },
]);

const testHelperZone = {
  target: './src',
  from: ['./src/test', './mocks'],
  message: 'Test helpers are imported by tests only.',
};

const layerZones = [...featureZones, ...sharedZones];
const TEST_FILES = ['src/**/*.test.{ts,tsx}', 'src/test/**', 'src/**/test/**'];
// `npm run dev:mock` starts the mock service worker from the entry point, behind VITE_MOCKS.
const MOCK_ENTRY = ['src/main.tsx'];

export const spaBoundaries = [
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.css'] }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: [...layerZones, testHelperZone] }],
    },
  },
  {
    files: [...TEST_FILES, ...MOCK_ENTRY],
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
    },
  },
];
