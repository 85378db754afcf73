/**
 * The web's data layer, held as a rule (decision 0028): a feature's server calls live in its
 * `<feature>.queries.ts`, with its query-key factory; screens call the hooks there. So no other
 * file under web/features or web/ui imports the API client, and none writes to the query cache
 * (invalidate, set, remove) by hand: that happens in the queries files, by key factory. And every
 * form under web/features keeps its values, checks and the server's field messages in the shared
 * `useForm` (web/ui/useForm.ts).
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
/**
 * Forms that are search boxes, not on useForm: what is typed goes to the address bar as the list's
 * filter when sent. Nothing in them is checked or saved, so there is no problem nor server message
 * to show under a field.
 */
const SEARCH_BOXES = ['features/desk/SearchPage.tsx', 'features/district/DistrictQueuePage.tsx', 'features/requests/CaseListPage.tsx'];

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

/** A file that draws a form: a <form> element, a component rendered as one, a submit handler, a SaveForm. */
const drawsForm = (text: string) => /<form[\s>]|component="form"|\bonSubmit=|<SaveForm\b/.test(text);
/** It calls useForm, or draws the fields of a form handed to it (props typed with useForm's `Form`). */
const onUseForm = (text: string) =>
  /\buseForm\s*[<(]/.test(text) || /import\s+(?:type\s+)?\{[^}]*\bForm\b[^}]*\}\s*from\s*'(?:\.\.\/)+ui\/useForm'/.test(text);

/** A form under web/features not on the shared useForm, in words; empty when there is none. */
function formBreaches(name: string, text: string): string[] {
  if (!name.startsWith('features/') || SEARCH_BOXES.includes(name)) return [];
  return drawsForm(text) && !onUseForm(text) ? [`${name} draws a form without useForm: keep its values and checks in web/ui/useForm.ts`] : [];
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

  it('puts every form under web/features on the shared useForm, search boxes aside', () => {
    const forms = files.filter((f) => f.name.startsWith('features/') && drawsForm(f.text)).map((f) => f.name);
    // A wrong pattern would make the check pass on nothing: these draw forms today.
    expect(forms).toEqual(expect.arrayContaining([
      'features/requests/IntakePage.tsx', 'features/properties/PropertyFormPage.tsx', 'features/inspections/ReportForm.tsx',
      'features/admin/StaffFormModal.tsx', ...SEARCH_BOXES,
    ]));
    expect(files.flatMap((f) => formBreaches(f.name, f.text))).toEqual([]);
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

  it('catches a form kept in useState, a dialog on SaveForm without useForm, and one that only imports a type', () => {
    const own = "const [name, setName] = useState('');\nreturn <form onSubmit={send}><TextInput value={name} /></form>;";
    expect(formBreaches('features/x/Own.tsx', own)).toHaveLength(1);
    expect(formBreaches('features/x/Dialog.tsx', '<SaveForm form={{ validate: () => true }} save={save} submitLabel="x">')).toHaveLength(1);
    expect(formBreaches('features/x/Half.tsx', `import type { Problems } from '../../ui/useForm';\n${own}`)).toHaveLength(1);
    expect(formBreaches('features/x/Good.tsx', `const form = useForm({ name: '' }, check);\n${own}`)).toEqual([]);
    expect(formBreaches('features/x/Fields.tsx', "import type { Form } from '../../ui/useForm';\nreturn <form onSubmit={submit} />;")).toEqual([]);
    expect(formBreaches(SEARCH_BOXES[0]!, own)).toEqual([]);
  });
});
