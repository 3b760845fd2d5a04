import { posix } from 'node:path';
import type { Node } from 'jsonc-parser';
import { printable, type Range } from '@posture/model';
import type { ManifestTree } from './manifest-tree.js';
import { filesPatternMatches } from './origin.js';

/** A file or folder package.json says the package holds, which nothing it would ship matches. */
export interface MissingTarget {
  /** The field as package.json writes it: `"main"`, `"files" entry "dist"`, `"exports"["."]`. */
  readonly field: string;
  /** What it names, as written, made printable. */
  readonly target: string;
  readonly location: Range;
}

/**
 * What package.json names that the package would not ship: each `files` entry (but negations)
 * that matches no file packed, and each `main`, `browser`, `bin` and `exports` target (`./`
 * paths, `*` patterns and `/` folders as Node reads them) that is not packed. A `main` resolves
 * as Node resolves it (`dist/index` is `dist/index.js`); only fields that are written count, so
 * the `index.js` npm and Node assume without a `main` is never missing.
 */
export function missingTargets(
  manifest: ManifestTree,
  shipped: ReadonlySet<string>,
): MissingTarget[] {
  const missing: MissingTarget[] = [];
  const check = (node: Node, field: string, ships: (path: string) => boolean) => {
    if (typeof node.value !== 'string' || [...shipped].some(ships)) return;
    missing.push({ field, target: printable(node.value), location: manifest.rangeOf(node) });
  };
  for (const node of manifest.find(['files'])?.children ?? []) {
    const entry = node.value;
    if (typeof entry !== 'string' || entry.startsWith('!') || isPackageItself(entry)) continue;
    check(node, `"files" entry ${JSON.stringify(entry)}`, (path) =>
      filesPatternMatches(entry, path),
    );
  }
  for (const key of ['main', 'browser']) {
    const node = manifest.find([key]);
    if (node?.type === 'string') check(node, `"${key}"`, resolvesTo(node.value as string));
  }
  const bin = manifest.find(['bin']);
  const bins = bin?.type === 'object' ? (bin.children ?? []).map((p) => p.children?.[1]) : [bin];
  for (const node of bins)
    if (node?.type === 'string') check(node, '"bin"', isPath(node.value as string));
  const exports = manifest.find(['exports']);
  if (exports)
    for (const [node, field] of exportTargets(exports, '"exports"')) {
      const target = node.value as string;
      check(node, field, target.includes('*') ? patternTarget(target) : isPath(target));
    }
  return missing;
}

/** `.`, `./`, `` : the package's own folder, which always ships something (package.json). */
function isPackageItself(entry: string): boolean {
  return packagePath(entry) === '';
}

/**
 * The `./` targets of `exports`, at any depth of subpaths, conditions and fallback lists, each with
 * where it is written (`"exports"["./cli"]["import"]`). Other strings are not paths into the
 * package (Node refuses them), and `null` excludes a subpath.
 */
function exportTargets(node: Node, field: string): [Node, string][] {
  if (node.type === 'string') return String(node.value).startsWith('./') ? [[node, field]] : [];
  if (node.type === 'array')
    return (node.children ?? []).flatMap((item, i) => exportTargets(item, `${field}[${i}]`));
  if (node.type !== 'object') return [];
  return (node.children ?? []).flatMap((property) => {
    const [key, value] = property.children ?? [];
    return key && value ? exportTargets(value, `${field}[${JSON.stringify(key.value)}]`) : [];
  });
}

/** A path as npm and Node read it inside the package: `/`-separated, no `./`, no trailing `/`. */
function packagePath(path: string): string {
  return posix.join('/', path.replace(/\\/g, '/')).slice(1).replace(/\/$/, '');
}

/** The file itself, or what a folder target (`./lib/`) holds. */
function isPath(target: string): (path: string) => boolean {
  const wanted = packagePath(target);
  return target.endsWith('/') ? (path) => path.startsWith(`${wanted}/`) : (path) => path === wanted;
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
function resolvesTo(main: string): (path: string) => boolean {
  const base = packagePath(main);
  const folder = base === '' ? '' : `${base}/`;
  const candidates = new Set([
    ...(base === '' ? [] : [base, `${base}.js`, `${base}.json`, `${base}.node`]),
    `${folder}index.js`,
    `${folder}index.json`,
    `${folder}index.node`,
  ]);
  return (path) => candidates.has(path);
}
