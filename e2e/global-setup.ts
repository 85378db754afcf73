/**
 * Before any e2e file: Chromium must be there (CI installs Debian's package in .ci/run; no test
 * tool downloads a browser here), and dist/web must match the sources.
 */
import fs from 'node:fs';
import { ensureWebBuilt } from '../scripts/build.js';
import { CHROMIUM } from './fixtures/browser.js';

export default async function setup(): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`The e2e tests need Chromium at ${CHROMIUM}. Install it with: apt-get update && apt-get install -y chromium`);
  }
  ensureWebBuilt();
}
