/**
 * Module boundaries (issue 12, decision 0031). `npm run lint` and the first step of `npm test`
 * run `depcruise` with this file; a violation fails both.
 *
 * The layers, lowest first: contracts/ → server/platform/ and server/db/ → server/modules/<m>/ →
 * server/app.ts, seed, scripts. A module shows the others what they may use in its `index.ts`.
 */

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-module-insides',
      comment:
        "Another module's files are reached only through its index.ts, which says what it offers " +
        'the rest of the server: so app.ts, main.ts, the seed, the scripts, the test harness, e2e, ' +
        'the sdk and the benchmark use index.ts too. Within a module, files import each other freely.',
      severity: 'error',
      from: { pathNot: '^server/modules/' },
      to: {
        path: '^server/modules/[^/]+/',
        pathNot: ['^server/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'no-module-insides-from-another-module',
      comment:
        "A module's own files (and its tests) may use its insides; another module's files, its " +
        'tests included, only what its index.ts exports.',
      severity: 'error',
      from: { path: '^server/modules/([^/]+)/' },
      to: {
        path: '^server/modules/[^/]+/',
        pathNot: ['^server/modules/$1/', '^server/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'no-module-to-wiring',
      comment:
        'A module is wired into the app by app.ts and main.ts; it never imports them, the seed, ' +
        'the scripts or the test harness (its tests may).',
      severity: 'error',
      from: { path: '^server/modules/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(server/(app|main)\\.ts$|server/(seed|scripts|test)/)' },
    },
    {
      name: 'no-platform-to-modules',
      comment:
        'platform/, db/ and contracts/ sit below the modules: they must not know any of them, nor ' +
        'what wires them together (app.ts, seed, scripts). Data migrations and platform tests are ' +
        'the exceptions, through index.ts only (the next rule).',
      severity: 'error',
      from: {
        path: '^(server/platform|server/db|contracts)/',
        pathNot: ['^server/db/migrations/', '^server/platform/.+\\.test\\.ts$'],
      },
      to: { path: '^server/(modules|app\\.ts|main\\.ts|seed|scripts)' },
    },
    {
      name: 'no-migration-to-module-insides',
      comment:
        "A data migration that reuses a domain's code (0021, 0050), or a platform test that runs on a " +
        "module's data (case-clock.test.ts over the real workflows), takes it from the module's " +
        'index.ts, like any other caller.',
      severity: 'error',
      from: { path: ['^server/db/migrations/', '^server/platform/.+\\.test\\.ts$'] },
      to: { path: '^server/modules/[^/]+/', pathNot: '^server/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'no-contracts-to-server',
      comment: 'contracts/ is what server and web share, so it imports from neither.',
      severity: 'error',
      from: { path: '^contracts/' },
      to: { path: '^(server|web)/' },
    },
    {
      name: 'no-web-to-server',
      comment: 'The web app talks to the server over HTTP only; it shares contracts/ and nothing else.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^(server|sdk|scripts|e2e|bench)/' },
    },
    {
      name: 'no-server-to-web',
      comment: 'The server serves the built web app as files; it never imports its code.',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^web/' },
    },
    {
      name: 'no-circular-at-load',
      comment:
        'Files that import each other at load time (not type-only, not import()) see each other half ' +
        'initialised: a const read before its module ran is a ReferenceError. With each module behind ' +
        'an index.ts, one stray import could close such a circle through a whole module.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only', 'dynamic-import'] } },
    },
    {
      name: 'no-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|coverage)/|\\.d\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
    skipAnalysisNotInRules: true,
  },
};
