/**
 * The TypeScript files a declaration imports by a relative path with their extension, as ESLint's
 * packages ship them (`import type * as $typests from "./types.ts"` in `dist/esm/index.d.ts`): part
 * of the package's types, which a type checker reads, not a copy of its source beside the build,
 * when they declare types only (`TypesOnly`). `import … from`, `export … from`, `import("…")` and
 * `/// <reference path="…" />`.
 */
export const TYPE_IMPORT =
  /(?:\bfrom|\bimport|\bimport\s*\(|\/\/\/\s*<reference\s+path\s*=)\s*(["'])(?<path>\.{1,2}\/[^"'\r\n]{1,512}?\.[cm]?tsx?)\1/g;

/**
 * Imports of a file past this many count for nothing: what they would have made part of the types
 * is judged as a source, the safe side.
 */
const MAX_IMPORTS = 1000;

/** The `path`s a file's import pattern finds, by `TYPE_IMPORT` or `ROOT_IMPORT`. */
export class ImportedPaths {
  readonly paths = new Set<string>();

  constructor(private readonly pattern: RegExp) {}

  /** The paths imported in a window's text, where the match starts in its range. */
  scan(text: string, inRange: (start: number) => boolean): void {
    for (const m of text.matchAll(this.pattern)) {
      if (this.paths.size >= MAX_IMPORTS) return;
      const path = m.groups?.path;
      if (path !== undefined && inRange(m.index)) this.paths.add(path);
    }
  }
}

/**
 * A statement that is code, not a type: a function, class, variable, enum or namespace that is not
 * `declare`d, or a default export. A word such as `function` that starts a line of an interface
 * (`{ function: string }`) or of a comment without stars counts too: the file is then judged as a
 * source, the safe side.
 */
const RUNTIME =
  /(?:^|[;{}])[ \t]*(?:export[ \t]+(?:default[ \t]+)?)?(?:abstract[ \t]+)?(?:async[ \t]+)?(?:function|class|const|let|var|enum|namespace|module)\b|(?:^|[;{}])[ \t]*export[ \t]*(?:default\b|=)/m;

/** Whether a TypeScript file declares types only, as a `types.ts` a declaration imports does. */
export class TypesOnly {
  private code = false;

  get found(): boolean {
    return !this.code;
  }

  scan(text: string): void {
    if (!this.code) this.code = RUNTIME.test(text);
  }
}

/**
 * Imports that can name the package's root, as its users import it: a folder by a path of dots
 * alone (`from '..'`, `import('../')`, `require('../..')`), or a package by its bare name
 * (`from 'my-pkg'`, `from '@scope/x'`). A TypeScript file that imports its own package's root so
 * is a type test (tsd's `index.test-d.ts`) or an example, not a source of the build. A subpath
 * (`my-pkg/dist/x`) is not the root: ajv's sources name their own `ajv/dist/runtime/…` so.
 */
export const ROOT_IMPORT =
  /(?:\bfrom|\bimport|\bimport\s*\(|\brequire\s*\()\s*(["'])(?<path>\.{1,2}(?:\/\.\.)*\/?|(?:@[\w~-][\w.~-]*\/)?[\w~-][\w.~-]*)\1/g;
