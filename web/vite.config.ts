/**
 * Three entries: the staff app (index.html: Mantine, TanStack Query, the router) and two light
 * public pages in plain React, kept under 100 KB of JavaScript for people on phones: tracking
 * (track.html) and letter verification (verify.html, /verify/:serial, for notaries and banks).
 * The manifest lets the bundle-size test add up exactly what each page loads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));
const API = 'http://localhost:3000';

/**
 * Libraries in chunks of their own, named so the bundle report reads plainly, each cached across
 * releases of the app's own code (decision 0043). A group takes a library's dependencies with it;
 * the higher priority is served first.
 * - react: what all three entries share.
 * - router-query: React Router and TanStack Query, which every staff page runs on.
 * - zrender, echarts: only behind the dashboards' charts (EChart.tsx imports them on demand); two
 *   chunks, as one would be over 500 kB.
 * Mantine has no group on purpose: its components go with the pages that use them, so a desk
 * clerk's first screen does not carry the admin pages' tables and modals (709 KB of JavaScript
 * instead of 841 KB when all of Mantine was one chunk). Leaflet needs none either: MapView.tsx,
 * its only importer, is loaded on demand (CityMap.tsx).
 */
const VENDOR_CHUNKS = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 4 },
  { name: 'zrender', test: /node_modules[\\/]zrender[\\/]/, priority: 3 },
  { name: 'echarts', test: /node_modules[\\/]echarts[\\/]/, priority: 2 },
  { name: 'router-query', test: /node_modules[\\/](react-router|@tanstack)[\\/]/, priority: 1 },
];

/** In dev, /track and /verify/:serial are the light pages, as the Fastify server serves them in production. */
const lightPages: Plugin = {
  name: 'miz-light-pages',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      if (req.url === '/track' || req.url?.startsWith('/track?')) req.url = req.url.replace('/track', '/track.html');
      // Only the page itself: /verify/main.tsx and its modules are the page's own sources.
      else if (/^\/verify(\/|$)/.test(req.url ?? '') && req.headers.accept?.includes('text/html')) req.url = '/verify.html';
      next();
    });
  },
};

/**
 * Every script, stylesheet and SVG also written compressed beside itself (brotli .br, gzip .gz),
 * for the server to send as it is to a browser that accepts it (server/platform/static.ts,
 * preCompressed): about a quarter of the bytes on a phone's line, compressed once at build time at
 * the best ratio instead of on every request (decision 0043).
 */
const precompressed: Plugin = {
  name: 'miz-precompressed',
  apply: 'build',
  writeBundle(options, bundle) {
    for (const name of Object.keys(bundle)) {
      if (!/\.(js|css|svg)$/.test(name)) continue;
      const file = path.join(options.dir!, name);
      const bytes = fs.readFileSync(file);
      fs.writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }));
      fs.writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
    }
  },
};

export default defineConfig({
  root,
  plugins: [react(), lightPages, precompressed],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
    rolldownOptions: {
      input: { main: `${root}index.html`, track: `${root}track.html`, verify: `${root}verify.html` },
      output: { codeSplitting: { groups: VENDOR_CHUNKS } },
    },
  },
  server: { proxy: { '/api': API, '/open311': API, '/healthz': API } },
});
