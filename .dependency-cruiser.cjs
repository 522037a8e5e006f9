/**
 * Import rules for `npm run check:deps` (part of `npm test`); docs/ARCHITECTURE.md explains the layers.
 *
 * Layers, bottom to top; a file imports only from its own layer and the ones below:
 *   core (src/core, config.ts, logger.ts, i18n.ts) ← store ← outbox ← conversation ← domain (src/domain,
 *   src/scheduler, src/ops) ← features ← channels, http ← app.ts, main.ts.
 * Tests (*.test.ts, src/testing/, src/resilience/) may reach any layer, but take part in the cycle check like any file.
 *
 * TypeScript 7 has no JS compiler API, so the cruiser reads the sources with swc (`parser: 'swc'`);
 * `tsPreCompilationDeps` keeps type-only imports, which must obey the same rules.
 */

/** Tests and their support (fakes, harness, attack kits): exempt from the direction rules, not from the cycle rule. */
const TESTS = ['\\.test\\.ts$', '^src/testing/', '^src/resilience/'];

/** Layer name → the paths that belong to it, lowest layer first. */
const LAYERS = [
  ['core', '^src/(core/|config\\.ts$|logger\\.ts$|i18n\\.ts$)'],
  ['store', '^src/store/'],
  // The outbox renders and queues messages; it needs nothing of the conversation engine.
  ['outbox', '^src/outbox/'],
  ['conversation', '^src/conversation/'],
  ['domain', '^src/(domain|scheduler|ops)/'],
  ['features', '^src/features/'],
  ['channels-http', '^src/(channels|http)/'],
  ['app', '^src/(app|main)\\.ts$'],
];

/** One rule per layer: nothing in it imports from a layer above it. */
const upwardRules = LAYERS.slice(0, -1).map(([name, path], i) => ({
  name: `no-upward-from-${name}`,
  comment: `${name} may import only from itself and the layers below it`,
  severity: 'error',
  from: { path, pathNot: TESTS },
  to: { path: LAYERS.slice(i + 1).map(([, above]) => above) },
}));

/** Every source file must sit in a layer, so a new folder cannot slip past the rules. */
const allLayers = LAYERS.map(([, path]) => path);

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import cycles (type-only imports included) make the layers meaningless',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...upwardRules,
    {
      name: 'no-cross-feature',
      comment: 'A feature uses only its own folder, the shared kit, Feature and Services, never another feature',
      severity: 'error',
      from: { path: '^src/features/([^/]+)/', pathNot: TESTS },
      to: { path: '^src/features/', pathNot: '^src/features/($1/|kit/|feature\\.ts$|services\\.ts$)' },
    },
    {
      name: 'platform-libraries-in-channels',
      comment: 'grammY and whatsapp-web.js are imported only by channel adapters',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/channels/', ...TESTS] },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'], path: '(^|/)node_modules/(grammy|@grammyjs|whatsapp-web\\.js)/' },
    },
    {
      name: 'no-express-below-features',
      comment: 'HTTP belongs to features, channels and http; the layers below know nothing of express',
      severity: 'error',
      from: { path: allLayers.slice(0, 4), pathNot: TESTS },
      to: { path: '(^|/)node_modules/express/' },
    },
    {
      name: 'every-file-in-a-layer',
      comment: 'Each source file belongs to a layer; add a new folder to LAYERS in .dependency-cruiser.cjs',
      severity: 'error',
      from: { path: '^src/', pathNot: [...allLayers, ...TESTS] },
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import the cruiser cannot resolve would escape every rule',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    parser: 'swc',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.js', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
