/**
 * Build the web app (`dist/web`) when it is missing or older than its sources. `npm start` and
 * the e2e tests call this, so neither serves a stale app nor rebuilds one that is current.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const CONFIG = path.join(ROOT, 'web/vite.config.ts');
// Written last by vite build: if it is there, the build finished.
const MANIFEST = path.join(ROOT, 'dist/web/.vite/manifest.json');
const SOURCES = [path.join(ROOT, 'web'), path.join(ROOT, 'contracts'), path.join(ROOT, 'package-lock.json')];

function newestMtime(target: string): number {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(target).reduce((newest, name) => Math.max(newest, newestMtime(path.join(target, name))), stat.mtimeMs);
}

function webBuildIsCurrent(): boolean {
  if (!fs.existsSync(MANIFEST)) return false;
  return fs.statSync(MANIFEST).mtimeMs >= Math.max(...SOURCES.map(newestMtime));
}

export function ensureWebBuilt(): void {
  if (webBuildIsCurrent()) return;
  console.log('Building the web app (dist/web)…');
  // A process of its own with NODE_ENV=production: under vitest NODE_ENV is "test", and Vite
  // would then bundle React's development build (half as large again).
  const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', CONFIG, '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status ?? result.signal})`);
}
