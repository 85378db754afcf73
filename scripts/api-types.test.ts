/**
 * The committed web and SDK types must be what `npm run gen:api` writes from this checkout's
 * OpenAPI document: a route schema changed without regenerating fails here, not in a browser.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateApiTypes, repoPath } from './api-types.js';

describe('generated API types', () => {
  it('web/api/schema.d.ts and sdk/open-api.d.ts equal what gen:api writes now', async () => {
    const stale: string[] = [];
    for (const [file, content] of await generateApiTypes()) {
      const committed = fs.existsSync(repoPath(file)) ? fs.readFileSync(repoPath(file), 'utf8') : null;
      if (committed === content) continue;
      const lines = committed?.split('\n') ?? [];
      const at = content.split('\n').findIndex((line, i) => line !== lines[i]);
      stale.push(`${file} (first difference at line ${at + 1})`);
    }
    expect(stale, `${stale.join(' and ')} differ from the running OpenAPI document: run \`npm run gen:api\` and commit the result`).toEqual([]);
  });
});
