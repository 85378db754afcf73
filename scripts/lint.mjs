#!/usr/bin/env node
/**
 * `npm run lint`, and the first step of `npm test`: the module boundaries (dependency-cruiser:
 * .dependency-cruiser.cjs for imports, .dependency-cruiser.cycles.cjs for circles between
 * modules) and ESLint with type information (eslint.config.js). Each prints its own findings;
 * the first that fails stops the run with its exit code (decision 0031).
 */
import { spawnSync } from 'node:child_process';

const SOURCES = ['server', 'contracts', 'web', 'sdk', 'e2e', 'bench', 'scripts'];
const steps = [
  ['module boundaries', ['depcruise', '--config', '.dependency-cruiser.cjs', '--output-type', 'err', ...SOURCES]],
  ['circles between modules', ['depcruise', '--config', '.dependency-cruiser.cycles.cjs', '--output-type', 'err', 'server/modules']],
  // No --cache: it keys on each file's own content, so a type changed elsewhere would leave a stale pass.
  ['eslint', ['eslint', '--max-warnings', '0', '.']],
];

for (const [name, args] of steps) {
  const started = Date.now();
  const result = spawnSync('npx', args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\nlint: ${name} failed (npx ${args.join(' ')}).`);
    process.exit(result.status ?? 1);
  }
  console.log(`lint: ${name} passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
