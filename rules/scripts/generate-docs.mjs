// Writes rules/docs from the rules' metadata (run through `pnpm rules:docs`, which builds first).
// Files of rules that no longer exist are removed; a test checks the result is committed.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { builtinRules, renderDocs } from '../dist/index.js';

const dir = fileURLToPath(new URL('../docs/', import.meta.url));
const files = renderDocs(builtinRules);
mkdirSync(dir, { recursive: true });
for (const name of readdirSync(dir)) {
  if (name.endsWith('.md') && !files.has(name)) rmSync(`${dir}${name}`);
}
for (const [name, text] of files) writeFileSync(`${dir}${name}`, text);
console.log(`rules/docs: ${files.size} files`);
