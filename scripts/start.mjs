#!/usr/bin/env node
/**
 * `npm start`: build the web app and the server bundle if either is missing or stale, then run
 * the server in this same process (one port; signals reach the server directly). With WORKERS=N
 * this process is the cluster's primary and forks N workers running the bundle itself
 * (server/platform/cluster.ts).
 */
import { register } from 'tsx/esm/api';

// tsx only for the build script; the server itself runs from its bundle (scripts/build.ts).
const unregister = register();
const { ensureServerBuilt, ensureWebBuilt, SERVER_BUNDLE } = await import('./build.ts');
ensureWebBuilt();
ensureServerBuilt();
await unregister();
// Stack traces name the sources (server/...), not lines of the bundle.
process.setSourceMapsEnabled(true);
await import(SERVER_BUNDLE);
