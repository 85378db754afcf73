#!/usr/bin/env node
/**
 * `npm start`: build the web app if dist/web is missing or stale, then run the server in this
 * same process (one process, one port; signals reach server/main.ts directly).
 */
import { register } from 'tsx/esm/api';

register();
const { ensureWebBuilt } = await import('./web-build.ts');
ensureWebBuilt();
await import('../server/main.ts');
