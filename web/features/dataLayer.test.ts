/**
 * The web's data layer, held as a rule (decision 0028): a feature's server calls live in its
 * `<feature>.queries.ts`, with its query-key factory; screens call the hooks there. So no other
 * file under web/features or web/ui imports the API client, and none writes to the query cache
 * (invalidate, set, remove) by hand: that happens in the queries files, by key factory.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const WEB = join(import.meta.dirname, '..');
const ROOTS = ['features', 'ui'].map((dir) => join(WEB, dir));

/**
 * The inspector's offline outbox sends queued reports with the phone's own `fetch` (passed in, so
 * its tests run with a fake network) and reads the queue from IndexedDB, not from the server.
 */
const OFFLINE_QUEUE = ['features/inspections/outbox.ts', 'features/inspections/offline.ts'];
/** The generic dialog save: it refreshes the keys it is handed, which come from the key factories. */
const GENERIC = ['ui/useSaveAndClose.ts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const files = ROOTS.flatMap(sourceFiles).map((path) => ({ path, name: relative(WEB, path), text: readFileSync(path, 'utf8') }));
const isQueries = (path: string) => basename(path) === `${basename(dirname(path))}.queries.ts`;

/** The names a file imports from web/api/client (its `api` and `unwrap` are the client itself). */
function clientImports(text: string): string[] {
  const found = [...text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'(?:\.\.\/)+api\/client'/g)];
  return found.flatMap((m) => m[1]!.split(',').map((n) => n.trim().replace(/^type\s+/, ''))).filter(Boolean);
}

/** What breaks the rule in one file, in words; empty when it keeps it. */
function breaches(name: string, text: string, queries: boolean): string[] {
  const out: string[] = [];
  if (!queries) {
    const client = clientImports(text).filter((n) => n === 'api' || n === 'unwrap');
    if (client.length > 0) out.push(`${name} imports the API client (${client.join(', ')}): call a hook from its feature's .queries.ts`);
    if (/from\s*'openapi-fetch'/.test(text)) out.push(`${name} imports openapi-fetch`);
    if (!OFFLINE_QUEUE.includes(name) && /\bfetch\(/.test(text)) out.push(`${name} calls fetch`);
    if (!GENERIC.includes(name)) {
      for (const call of ['useQueryClient', 'invalidateQueries', 'setQueryData', 'removeQueries', 'resetQueries']) {
        if (text.includes(call)) out.push(`${name} uses ${call}: cache writes belong in a .queries.ts, by key factory`);
      }
    }
  }
  return out;
}

describe('the web data layer', () => {
  it('finds the source files it guards', () => {
    // A wrong root would make every check below pass on nothing.
    expect(files.length).toBeGreaterThan(80);
    expect(files.filter((f) => isQueries(f.path)).length).toBeGreaterThanOrEqual(10);
  });

  it('keeps every server call and cache write in a feature\'s <feature>.queries.ts', () => {
    const found = files.flatMap((f) => breaches(f.name, f.text, isQueries(f.path)));
    expect(found).toEqual([]);
  });

  it('names each queries file after its feature', () => {
    const misnamed = files.filter((f) => f.name.endsWith('.queries.ts') && !isQueries(f.path)).map((f) => f.name);
    expect(misnamed).toEqual([]);
  });

  it('catches a screen that calls the client, and one that invalidates by hand', () => {
    const screen = "import { api, unwrap } from '../../api/client';\nconst x = useQueryClient();\nx.invalidateQueries({ queryKey: ['requests'] });";
    expect(breaches('features/x/Screen.tsx', screen, false)).toHaveLength(3);
    expect(breaches('features/x/x.queries.ts', screen, true)).toEqual([]);
    // The error class may be used anywhere: a screen tells a 404 from a 409 with it.
    expect(breaches('features/x/Screen.tsx', "import { ApiError } from '../../api/client';", false)).toEqual([]);
  });
});
