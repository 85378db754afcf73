/** `npm run gen:api`: write the web client's and the open API's types (scripts/api-types.ts). */
import fs from 'node:fs';
import { generateApiTypes, repoPath } from './api-types.js';

for (const [file, content] of await generateApiTypes()) {
  fs.writeFileSync(repoPath(file), content);
  console.log(`wrote ${file}`);
}
