import { posix } from 'node:path';
import type { Node } from 'jsonc-parser';
import { printable, type Range } from '@posture/model';
import { binTargets, type ManifestTree } from './manifest-tree.js';
import { filesPattern } from './origin.js';

/** A file or folder package.json says the package holds, which nothing it would ship matches. */
export interface MissingTarget {
  /** The field as package.json writes it: `"main"`, `"files" entry "dist"`, `"exports"["."]`. */
  readonly field: string;
  /** What it names, as written, made printable. */
  readonly target: string;
  readonly location: Range;
  /** The paths in the package it names, when it names them literally (no glob, no pattern). */
  readonly paths: readonly string[];
}

export interface DeclaredTargets {
  readonly missing: readonly MissingTarget[];
  /**
   * Whether what is missing shows the package unbuilt, not merely untidy (a `files` entry left
   * over, which npm ignores; a dead `exports` pattern): a way into it is missing (a `bin`; `main`
   * or `browser` without `exports`, which Node reads first; the runtime targets of `exports` "."
   * or, without ".", of every subpath), or no `files` entry matches anything. A `types` target
   * that ships (a committed .d.ts) is no way in: the code it describes may be unbuilt.
   */
  readonly unbuilt: boolean;
}

/**
 * What package.json names that the package would not ship: each `files` entry (but negations)
 * that matches no file packed, and each `main`, `browser`, `bin` and `exports` target (`./`
 * paths, `*` patterns and `/` folders as Node reads them) that is not packed. A `main` resolves
 * as Node resolves it (`dist/index` is `dist/index.js`); only fields that are written count, so
 * the `index.js` npm and Node assume without a `main` (or with an empty one) is never missing.
 */
export function declaredTargets(
  manifest: ManifestTree,
  shipped: ReadonlySet<string>,
): DeclaredTargets {
  const packed = [...shipped];
  const missing: MissingTarget[] = [];
  let unbuilt = false;
  /** Whether a target ships; if not, it is missing. `paths` are those it names literally. */
  const ships = (
    node: Node,
    field: string,
    matches: (path: string) => boolean,
    paths: readonly string[],
  ): boolean => {
    if (packed.some(matches)) return true;
    missing.push({
      field,
      target: printable(String(node.value)),
      location: manifest.rangeOf(node),
      paths,
    });
    return false;
  };
  const files = (manifest.find(['files'])?.children ?? []).filter(
    (node) =>
      typeof node.value === 'string' && !node.value.startsWith('!') && !isPackageItself(node.value),
  );
  const unmatched = files.filter((node) => {
    const entry = String(node.value);
    return !ships(
      node,
      `"files" entry ${JSON.stringify(entry)}`,
      filesPattern(entry),
      /[*?[\]{}]|[!+@]\(/.test(entry) ? [] : [packagePath(entry)],
    );
  });
  if (files.length > 0 && unmatched.length === files.length) unbuilt = true;
  const exports = manifest.find(['exports']);
  for (const key of ['main', 'browser']) {
    const node = manifest.find([key]);
    if (node?.type !== 'string' || node.value === '') continue;
    const main = String(node.value);
    if (!ships(node, `"${key}"`, (p) => mainCandidates(main).has(p), [...mainCandidates(main)]))
      if (!exports) unbuilt = true;
  }
  const bin = manifest.find(['bin']);
  for (const node of binTargets(bin))
    if (node?.type === 'string' && !ships(node, '"bin"', ...pathTarget(String(node.value))))
      unbuilt = true;
  const entries = (exports ? exportSubpaths(exports) : []).flatMap(({ subpath, targets }) => {
    const shipping = targets.filter(({ node, field }) => {
      const target = String(node.value);
      return target.includes('*')
        ? ships(node, field, patternTarget(target), [])
        : ships(node, field, ...pathTarget(target));
    });
    // A subpath with no runtime target (types alone, or null) is no way into the code.
    if (!targets.some((t) => t.runtime)) return [];
    return [{ subpath, present: shipping.some((t) => t.runtime) }];
  });
  const root = entries.find((e) => e.subpath === '.');
  if (root ? !root.present : entries.length > 0 && !entries.some((e) => e.present)) unbuilt = true;
  return { missing, unbuilt };
}

/** `.`, `./`, `` : the package's own folder, which always ships something (package.json). */
function isPackageItself(entry: string): boolean {
  return packagePath(entry) === '';
}

/** A `./` target of `exports`, where it is written, and whether it is code rather than types. */
interface ExportTarget {
  readonly node: Node;
  /** `"exports"["./cli"]["import"]`. */
  readonly field: string;
  /** Not under a `types` (or `typings`, `types@<range>`) condition, nor a declaration file. */
  readonly runtime: boolean;
}

/**
 * The `./` targets of each subpath of `exports` (one, `.`, for a path, a list or conditions alone),
 * at any depth of conditions and fallback lists. Other strings are not paths into the package
 * (Node refuses them), and `null` excludes a subpath.
 */
function exportSubpaths(exports: Node): { subpath: string; targets: ExportTarget[] }[] {
  const properties = exports.type === 'object' ? (exports.children ?? []) : [];
  const subpaths = properties.every((p) => String(p.children?.[0]?.value).startsWith('.'));
  if (properties.length === 0 || !subpaths)
    return [{ subpath: '.', targets: exportTargets(exports, '"exports"', false) }];
  return properties.map((property) => {
    const [key, value] = property.children ?? [];
    const subpath = String(key?.value);
    const field = `"exports"[${JSON.stringify(subpath)}]`;
    return { subpath, targets: value ? exportTargets(value, field, false) : [] };
  });
}

function exportTargets(node: Node, field: string, types: boolean): ExportTarget[] {
  if (node.type === 'string') {
    const target = String(node.value);
    if (!target.startsWith('./')) return [];
    return [{ node, field, runtime: !types && !/\.d\.[cm]?ts$/.test(target) }];
  }
  if (node.type === 'array')
    return (node.children ?? []).flatMap((item, i) => exportTargets(item, `${field}[${i}]`, types));
  if (node.type !== 'object') return [];
  return (node.children ?? []).flatMap((property) => {
    const [key, value] = property.children ?? [];
    if (!key || !value) return [];
    const condition = String(key.value);
    const typing = types || /^typ(es|ings)(@|$)/.test(condition);
    return exportTargets(value, `${field}[${JSON.stringify(condition)}]`, typing);
  });
}

/** A path as npm and Node read it inside the package: `/`-separated, no `./`, no trailing `/`. */
function packagePath(path: string): string {
  return posix.join('/', path.replace(/\\/g, '/')).slice(1).replace(/\/$/, '');
}

/** The file itself, or what a folder target (`./lib/`) holds; and the path it names. */
function pathTarget(target: string): [(path: string) => boolean, readonly string[]] {
  const wanted = packagePath(target);
  const matches = target.endsWith('/')
    ? (path: string) => path.startsWith(`${wanted}/`)
    : (path: string) => path === wanted;
  return [matches, [wanted]];
}

/**
 * An `exports` pattern: each `*` stands for any text, `/` included. Matched part by part, each
 * found where it first can be, which is exact for `*` alone and linear in the path, however many
 * stars a crafted package.json writes.
 */
function patternTarget(target: string): (path: string) => boolean {
  const [first = '', ...rest] = packagePath(target).split('*');
  const last = rest.pop() ?? '';
  return (path) => {
    if (!path.startsWith(first) || path.length < first.length + last.length) return false;
    let at = first.length;
    for (const part of rest) {
      const found = path.indexOf(part, at);
      if (found < 0) return false;
      at = found + part.length;
    }
    return at <= path.length - last.length && path.endsWith(last);
  };
}

/** `main` as Node's `require` resolves it: the file, with an extension, or a folder's index. */
function mainCandidates(main: string): Set<string> {
  const base = packagePath(main);
  const folder = base === '' ? '' : `${base}/`;
  return new Set([
    ...(base === '' ? [] : [base, `${base}.js`, `${base}.json`, `${base}.node`]),
    `${folder}index.js`,
    `${folder}index.json`,
    `${folder}index.node`,
  ]);
}
