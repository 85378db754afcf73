/**
 * Circles between modules (decision 0031), checked on the graph of the modules' own code: tests
 * and the test harness are left out (a module's test may well sign in through the whole app), and
 * so are platform/ and db/ (below every module; `.dependency-cruiser.cjs` keeps them from
 * importing a module). Run with `depcruise -c .dependency-cruiser.cycles.cjs server/modules`.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-module-cycles',
      comment:
        'Modules depend on each other in one direction: a circle between two modules means neither ' +
        'can be understood, tested or changed alone. Move the shared piece down (platform/ or the ' +
        'lower module) or invert it with a registration.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^server/modules/[^/]+$' },
      to: { path: '^server/modules/[^/]+$', circular: true },
    },
  ],
  options: {
    includeOnly: '^server/modules/',
    exclude: { path: '\\.test\\.ts$|\\.fixtures\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    skipAnalysisNotInRules: true,
  },
};
