/**
 * Three entries: the staff app (index.html: Mantine, TanStack Query, the router) and two light
 * public pages in plain React, kept under 100 KB of JavaScript for people on phones: tracking
 * (track.html) and letter verification (verify.html, /verify/:serial, for notaries and banks).
 * The manifest lets the bundle-size test add up exactly what each light page loads.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));
const API = 'http://localhost:3000';

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

export default defineConfig({
  root,
  plugins: [react(), lightPages],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
    rolldownOptions: {
      input: { main: `${root}index.html`, track: `${root}track.html`, verify: `${root}verify.html` },
      // React is what both entries share; named, so the bundle report reads plainly.
      output: { codeSplitting: { groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ }] } },
    },
  },
  server: { proxy: { '/api': API, '/open311': API, '/healthz': API } },
});
