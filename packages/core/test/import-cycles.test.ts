import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/**
 * The modules of `src` that each one loads when it runs. `import type` is erased; with
 * `verbatimModuleSyntax` an import of nothing but `type` names is kept, so it counts.
 */
function runtimeImports(): Map<string, string[]> {
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(SRC, f));
  return new Map(
    files.map((file) => {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
      const loaded = source.statements.flatMap((s) => {
        const typeOnly =
          (ts.isImportDeclaration(s) && s.importClause?.isTypeOnly) ||
          (ts.isExportDeclaration(s) && s.isTypeOnly);
        const specifier =
          (ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) && s.moduleSpecifier;
        if (typeOnly || !specifier || !ts.isStringLiteral(specifier)) return [];
        if (!specifier.text.startsWith('.')) return [];
        return [resolve(dirname(file), specifier.text.replace(/\.js$/, '.ts'))];
      });
      return [file, loaded];
    }),
  );
}

/** Each cycle once, as the chain of modules from the first one met, relative to `src`. */
function cycles(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') {
        const chain = path.slice(path.indexOf(next)).map((f) => relative(SRC, f));
        found.push(chain.join(' → '));
      } else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

// A module that loads itself through others runs with the others' exports not yet defined,
// whichever of them an entry point happens to load first.
it('no module of core loads itself through others', () => {
  expect(cycles(runtimeImports())).toEqual([]);
});
