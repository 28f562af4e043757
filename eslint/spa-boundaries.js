// The SPA's layers, checked by lint (docs/spa-layers.md draws them):
//   app/  → may import everything below it; it composes features into routes.
//   features/<name>/ → its own folder, components/, lib/, auth/, config/, types/ — never another feature.
//   components/ and lib/ → shared by features; never import app/ or features/.
//   src/test/ and mocks/ → test helpers; only tests (and the dev-only mock worker) import them.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

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

// src/test/ is a test/ folder, which eslint/boundaries.js already keeps from production code;
// mocks/ is named for what it holds, so it gets a zone of its own.
const testHelperZone = {
  target: './src',
  from: ['./mocks'],
  message: 'Test helpers are imported by tests only.',
};

/** The SPA's layer zones; eslint/boundaries.js applies them with the repository's own. */
export const SPA_LAYER_ZONES = [...featureZones, ...sharedZones];
/** Production SPA code never imports src/test/ or mocks/ (src/main.tsx may import mocks/). */
export const SPA_TEST_HELPER_ZONE = testHelperZone;
