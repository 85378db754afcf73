/**
 * Two entries: the staff app (index.html: Mantine, TanStack Query, the router) and the public
 * tracking page (track.html: plain React, kept under 100 KB of JavaScript for citizens on phones).
 * The manifest lets the bundle-size test add up exactly what track.html loads.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));
const API = 'http://localhost:3000';

/** In dev, /track is the tracking page, as the Fastify server serves it in production. */
const trackRoute: Plugin = {
  name: 'miz-track-route',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      if (req.url === '/track' || req.url?.startsWith('/track?')) req.url = req.url.replace('/track', '/track.html');
      next();
    });
  },
};

export default defineConfig({
  root,
  plugins: [react(), trackRoute],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
    rolldownOptions: {
      input: { main: `${root}index.html`, track: `${root}track.html` },
      // React is what both entries share; named, so the bundle report reads plainly.
      output: { codeSplitting: { groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ }] } },
    },
  },
  server: { proxy: { '/api': API, '/open311': API, '/healthz': API } },
});
