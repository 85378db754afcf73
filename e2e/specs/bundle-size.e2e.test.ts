/**
 * The light public pages (tracking, letter verification) ship under 100 KB of JavaScript (gzip):
 * every chunk the page loads, by Vite's manifest, gzipped here with zlib as a server would send it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const DIST = path.resolve(import.meta.dirname, '../../dist/web');
const BUDGET = 100 * 1024;

interface ManifestChunk {
  file: string;
  imports?: string[];
}

/** The entry's file and every chunk it imports statically, transitively (what the browser fetches). */
function scriptsOf(entry: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(DIST, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    manifest[key]!.imports?.forEach(visit);
  };
  visit(entry);
  return [...seen].map((key) => manifest[key]!.file);
}

describe.each(['track', 'verify'])('the /%s bundle', (page) => {
  it(`loads less than ${BUDGET / 1024} KB of JavaScript, gzipped, and none of Mantine`, () => {
    const files = scriptsOf(`${page}.html`);
    const code = files.map((file) => fs.readFileSync(path.join(DIST, file)));
    const gzipped = code.reduce((sum, bytes) => sum + gzipSync(bytes).length, 0);
    console.log(`/${page} JavaScript: ${(gzipped / 1024).toFixed(1)} KB gzip in ${files.length} files (${files.join(', ')})`);
    expect(gzipped).toBeLessThan(BUDGET);
    for (const bytes of code) expect(bytes.toString('utf8')).not.toContain('mantine-');
  });
});
