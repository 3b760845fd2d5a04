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

export interface DeclaredTargets {
  readonly missing: readonly MissingTarget[];
  /**
   * Whether what is missing shows the package unbuilt, not merely untidy (a `files` entry left
   * over, which npm ignores): a way into it is missing (a `bin`; `main` or `browser` without
   * `exports`, which Node reads first; an `exports` subpath none of whose targets ships), or no
   * `files` entry matches anything.
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
  /** Whether a target ships; if not, it is missing. */
  const ships = (node: Node, field: string, matches: (path: string) => boolean): boolean => {
    if (packed.some(matches)) return true;
    missing.push({
      field,
      target: printable(String(node.value)),
      location: manifest.rangeOf(node),
    });
    return false;
  };
  const files = (manifest.find(['files'])?.children ?? []).filter(
    (node) =>
      typeof node.value === 'string' && !node.value.startsWith('!') && !isPackageItself(node.value),
  );
  const unmatched = files.filter((node) => {
    const entry = String(node.value);
    return !ships(node, `"files" entry ${JSON.stringify(entry)}`, (p) =>
      filesPatternMatches(entry, p),
    );
  });
  if (files.length > 0 && unmatched.length === files.length) unbuilt = true;
  const exports = manifest.find(['exports']);
  for (const key of ['main', 'browser']) {
    const node = manifest.find([key]);
    if (node?.type !== 'string' || node.value === '') continue;
    if (!ships(node, `"${key}"`, resolvesTo(String(node.value))) && !exports) unbuilt = true;
  }
  const bin = manifest.find(['bin']);
  const bins = bin?.type === 'object' ? (bin.children ?? []).map((p) => p.children?.[1]) : [bin];
  for (const node of bins)
    if (node?.type === 'string' && !ships(node, '"bin"', isPath(String(node.value))))
      unbuilt = true;
  for (const targets of exports ? exportSubpaths(exports) : []) {
    const shipping = targets.filter(([node, field]) => {
      const target = String(node.value);
      return ships(node, field, target.includes('*') ? patternTarget(target) : isPath(target));
    });
    if (targets.length > 0 && shipping.length === 0) unbuilt = true;
  }
  return { missing, unbuilt };
}

/** `.`, `./`, `` : the package's own folder, which always ships something (package.json). */
function isPackageItself(entry: string): boolean {
  return packagePath(entry) === '';
}

/**
 * The `./` targets of each subpath of `exports` (one, `.`, for a path, a list or conditions alone),
 * at any depth of conditions and fallback lists, each with where it is written
 * (`"exports"["./cli"]["import"]`). Other strings are not paths into the package (Node refuses
 * them), and `null` excludes a subpath.
 */
function exportSubpaths(exports: Node): [Node, string][][] {
  const properties = exports.type === 'object' ? (exports.children ?? []) : [];
  const subpaths = properties.every((p) => String(p.children?.[0]?.value).startsWith('.'));
  if (properties.length === 0 || !subpaths) return [exportTargets(exports, '"exports"')];
  return properties.map((property) => {
    const [key, value] = property.children ?? [];
    return key && value ? exportTargets(value, `"exports"[${JSON.stringify(key.value)}]`) : [];
  });
}

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
