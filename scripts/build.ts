/**
 * The two built artefacts, each rebuilt only when missing or older than its sources, so `npm
 * start` and the tests never run a stale one and never rebuild a current one:
 * - `dist/web`: the web app (Vite);
 * - `dist/server/main.mjs`: the server in one ES module (esbuild; npm packages stay outside, in
 *   node_modules). Node starts it in about a third of the time tsx takes to compile the sources
 *   on every start (decision 0033). It sits two folders deep, as `server/platform/` does, so the
 *   paths the server resolves from its own file (`../../dist/web`, `./fonts/`) hold in both.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..');
const LOCK = path.join(ROOT, 'package-lock.json');
const CONTRACTS = path.join(ROOT, 'contracts');
// Written last by vite build: if it is there, the build finished.
const WEB_MANIFEST = path.join(ROOT, 'dist/web/.vite/manifest.json');
export const SERVER_BUNDLE = path.join(ROOT, 'dist/server/main.mjs');

function newestMtime(target: string): number {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(target).reduce((newest, name) => Math.max(newest, newestMtime(path.join(target, name))), stat.mtimeMs);
}

function isCurrent(output: string, sources: string[]): boolean {
  if (!fs.existsSync(output)) return false;
  return fs.statSync(output).mtimeMs >= Math.max(...sources.map(newestMtime));
}

export function ensureWebBuilt(): void {
  if (isCurrent(WEB_MANIFEST, [path.join(ROOT, 'web'), CONTRACTS, LOCK])) return;
  console.log('Building the web app (dist/web)…');
  // A process of its own with NODE_ENV=production: under vitest NODE_ENV is "test", and Vite
  // would then bundle React's development build (half as large again).
  const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', path.join(ROOT, 'web/vite.config.ts'), '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status ?? result.signal})`);
}

export function ensureServerBuilt(): void {
  if (isCurrent(SERVER_BUNDLE, [path.join(ROOT, 'server'), CONTRACTS, LOCK])) return;
  const dir = path.dirname(SERVER_BUNDLE);
  fs.mkdirSync(dir, { recursive: true });
  // The letter fonts the HTML of a letter embeds, read beside the module that reads them.
  fs.cpSync(path.join(ROOT, 'server/platform/fonts'), path.join(dir, 'fonts'), { recursive: true });
  const { outputFiles } = buildSync({
    // The server, and the PDF printer's process (server/platform/pdf-process.ts) beside it.
    entryPoints: [path.join(ROOT, 'server/main.ts'), path.join(ROOT, 'server/platform/pdf-child.ts')],
    outdir: dir,
    entryNames: '[name]',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    write: false,
  });
  // Each file under a name of its own, then renamed into place: a reader (or a second build
  // running at the same time) never sees half a bundle, and the bundle, renamed last, marks the build whole.
  const ordered = [...outputFiles.filter((f) => f.path !== SERVER_BUNDLE), ...outputFiles.filter((f) => f.path === SERVER_BUNDLE)];
  for (const file of ordered) {
    const partial = `${file.path}.${process.pid}.partial`;
    fs.writeFileSync(partial, file.contents);
    fs.renameSync(partial, file.path);
  }
}
