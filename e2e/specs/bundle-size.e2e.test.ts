/**
 * What each page makes the browser fetch, read from Vite's manifest of dist/web (built by the e2e
 * global setup), JavaScript gzipped here with zlib as a server would send it:
 * - the light public pages (tracking, letter verification) ship under 100 KB of JavaScript, none of Mantine;
 * - the staff app is split by role (web/app/pages.ts, decision 0043): a desk clerk's pages carry
 *   neither the dashboards and ECharts, nor the maps and Leaflet, nor the planning board or the admin pages;
 * - no chunk is over 500 kB, as Vite counts (its warning).
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const DIST = path.resolve(import.meta.dirname, '../../dist/web');
const LIGHT_PAGE_BUDGET = 100 * 1024;
const CHUNK_BUDGET = 500_000;

interface ManifestChunk {
  file: string;
  src?: string;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

const manifest = JSON.parse(fs.readFileSync(path.join(DIST, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;

/**
 * What opening a page fetches before it is drawn: each chunk named (an entry; for a staff page the
 * app's entry and the page's own chunk) with every chunk it imports statically, transitively, and their CSS.
 */
function loadedBy(...keys: string[]): { scripts: string[]; styles: string[] } {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    expect(manifest[key], `${key} in the manifest`).toBeDefined();
    seen.add(key);
    manifest[key]!.imports?.forEach(visit);
  };
  keys.forEach(visit);
  const chunks = [...seen].map((key) => manifest[key]!);
  return { scripts: chunks.map((c) => c.file), styles: [...new Set(chunks.flatMap((c) => c.css ?? []))] };
}

/** A staff area's chunk (web/app/areas/, or a page alone): its module must be a chunk of its own, loaded on demand. */
function staffPage(source: string): string[] {
  expect(manifest[source]?.isDynamicEntry, `${source} is a chunk loaded on demand`).toBe(true);
  return ['index.html', source];
}

/** Every chunk a staff page may fetch later, on demand, not counting the app's entry (which reaches every page). */
function onDemandFrom(source: string): string[] {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key) || key === 'index.html') return;
    seen.add(key);
    [...(manifest[key]!.imports ?? []), ...(manifest[key]!.dynamicImports ?? [])].forEach(visit);
  };
  visit(source);
  return [...seen];
}

const read = (file: string) => fs.readFileSync(path.join(DIST, file));
const code = (files: string[]) => files.map((file) => read(file).toString('utf8')).join('\n');
const gzipped = (files: string[]) => files.reduce((sum, file) => sum + gzipSync(read(file)).length, 0);
const raw = (files: string[]) => files.reduce((sum, file) => sum + read(file).length, 0);

function report(name: string, { scripts, styles }: { scripts: string[]; styles: string[] }): void {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(
    `${name}: JavaScript ${kb(raw(scripts))} (${kb(gzipped(scripts))} gzip) in ${scripts.length} files, ` +
      `CSS ${kb(raw(styles))} (${kb(gzipped(styles))} gzip): ${[...scripts, ...styles].map((f) => path.basename(f)).join(', ')}`,
  );
}

/** Strings only the library's code holds: the attribute ECharts marks its charts with, Leaflet's map class. */
const ECHARTS = '_echarts_instance_';
const LEAFLET = 'leaflet-container';

describe.each(['track', 'verify'])('the /%s bundle', (page) => {
  it(`loads less than ${LIGHT_PAGE_BUDGET / 1024} KB of JavaScript, gzipped, and none of Mantine`, () => {
    const loaded = loadedBy(`${page}.html`);
    report(`/${page}`, loaded);
    expect(gzipped(loaded.scripts)).toBeLessThan(LIGHT_PAGE_BUDGET);
    expect(code(loaded.scripts)).not.toContain('mantine-');
  });
});

describe('the staff app, split by role', () => {
  it('a desk clerk\'s home loads none of the dashboards, the planning board, the maps or the admin pages', () => {
    const loaded = loadedBy(...staffPage('app/areas/desk.ts'));
    report('desk pages (/, /requests/new, ...)', loaded);
    const elsewhere = [
      'features/dashboards/DashboardPage.tsx',
      'features/planning/PlanningBoardPage.tsx',
      'app/areas/admin.ts',
      'app/areas/district.ts',
      'app/areas/inspector.ts',
      'ui/echarts.setup.ts',
      'ui/MapView.tsx',
    ];
    for (const source of elsewhere) {
      expect(manifest[source]?.isDynamicEntry, `${source} is a chunk loaded on demand`).toBe(true);
      expect(loaded.scripts).not.toContain(manifest[source]!.file);
    }
    const home = code(loaded.scripts);
    expect(home).not.toContain(ECHARTS);
    expect(home).not.toContain(LEAFLET);
  });

  it('ECharts comes with the dashboards\' charts and Leaflet with the maps, and only there', () => {
    // The markers above are only worth something if they are found where the libraries are.
    const dashboards = loadedBy(...staffPage('features/dashboards/DashboardPage.tsx'));
    report('dashboards (/dashboards)', dashboards);
    expect(code(dashboards.scripts)).not.toContain(ECHARTS);
    expect(code(loadedBy('ui/echarts.setup.ts').scripts)).toContain(ECHARTS);
    expect(onDemandFrom('features/dashboards/DashboardPage.tsx')).toContain('ui/echarts.setup.ts');
    expect(code(loadedBy('ui/MapView.tsx').scripts)).toContain(LEAFLET);
    for (const area of ['app/areas/inspector.ts', 'app/areas/desk.ts', 'app/areas/district.ts']) {
      const loaded = loadedBy(...staffPage(area));
      if (area.endsWith('inspector.ts')) report('inspector\'s pages (/visits)', loaded);
      expect(code(loaded.scripts)).not.toContain(ECHARTS);
      expect(code(loaded.scripts)).not.toContain(LEAFLET);
    }
  });

  it(`has no chunk over ${CHUNK_BUDGET / 1000} kB`, () => {
    const files = Object.values(manifest).map((c) => c.file).filter((file) => file.endsWith('.js'));
    const over = files.filter((file) => read(file).length > CHUNK_BUDGET).map((file) => `${file}: ${read(file).length} bytes`);
    expect(over).toEqual([]);
  });
});
