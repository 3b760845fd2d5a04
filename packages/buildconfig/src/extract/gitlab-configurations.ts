/**
 * GitLab reads a pipeline's files as one configuration: the files it includes (`include: local`,
 * and what those include), each merged deeply over the ones before, then the including file over
 * them all (docs.gitlab.com/ci/yaml/includes, "Override included configuration values"). So the
 * jobs of an included file have the global `variables:` and `default:` (its `before_script`) of
 * the main file, the jobs of the main file those of an included file, and a job's own `variables:`
 * win over them all.
 */
import { globInside } from '../discover.js';
import { GLOBAL_KEYWORDS } from '../files/gitlab-jobs.js';
import { isRecord, valueAt, withData, type Path } from '../structured/doc.js';
import { includedBy } from './follow.js';
import type { ParsedFile } from './parse.js';

const GLOB = /[*?[{]/;

/**
 * The files, each GitLab CI file that is part of a configuration of several read with the
 * configuration's settings (its global keywords) and, of its jobs, as the configuration merges
 * them; its text and places stay its own. A job it does not write is not in it: a template that
 * another file writes is not read as the jobs that extend it, and the jobs of a configuration are
 * read once each, not once for each of its files. A file that several configurations include is
 * read alone, as which of them runs it is not known.
 */
export function withGitlabConfigurations(
  root: string,
  parsed: readonly ParsedFile[],
): ParsedFile[] {
  // A file of several documents (a `spec:` header) is not merged: its first document is no job.
  const gitlab = new Map(
    parsed
      .filter(({ file, documents }) => file.fileType === 'gitlab-ci' && !documents)
      .filter(({ doc }) => isRecord(doc?.data))
      .map((p) => [p.file.path, p]),
  );
  const includes = new Map(
    [...gitlab.values()].map((p) => [p.file.path, includedPaths(root, p, gitlab)]),
  );
  const included = new Set([...includes.values()].flat());
  const configurations = [...gitlab.keys()]
    .filter((path) => !included.has(path))
    .map((main) => mergeOrder(main, includes).map((path) => gitlab.get(path)!))
    .filter((files) => files.length > 1);
  const memberships = new Map<ParsedFile, number>();
  for (const file of configurations.flat()) memberships.set(file, (memberships.get(file) ?? 0) + 1);
  const read = new Map<ParsedFile, ParsedFile>();
  for (const files of configurations) {
    const { merged, writers } = mergedKeys(files);
    // Of those that have a value there, the file merged last is the one that writes it.
    const writer = (path: Path) =>
      writers.get(String(path[0]))?.findLast(({ doc }) => valueAt(doc!.data, path) !== undefined);
    for (const file of files.filter((f) => memberships.get(f) === 1)) {
      const keys = new Set([...GLOBAL_KEYWORDS, ...Object.keys(file.doc!.data as object)]);
      const data = Object.fromEntries(
        [...keys].filter((key) => writers.has(key)).map((key) => [key, merged(key)]),
      );
      const elsewhere = (path: Path) => {
        const other = writer(path);
        return other && other !== file ? { text: other.file.text, doc: other.doc! } : undefined;
      };
      read.set(file, { ...file, doc: withData(file.doc!, data, elsewhere) });
    }
  }
  return parsed.map((file) => read.get(file) ?? file);
}

/** The GitLab CI files read that a file includes, in order, globs expanded (sorted). */
function includedPaths(
  root: string,
  file: ParsedFile,
  gitlab: ReadonlyMap<string, ParsedFile>,
): string[] {
  return includedBy(file)
    .flatMap(({ path }) =>
      path === undefined ? [] : GLOB.test(path) ? globInside(root, path).sort() : [path],
    )
    .filter((path) => gitlab.has(path));
}

/**
 * The files of the configuration of `main`, in the order GitLab merges them: what each file
 * includes before the file itself. A file included again (or in a cycle) is merged once, where it
 * is first included.
 */
function mergeOrder(main: string, includes: ReadonlyMap<string, readonly string[]>): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (path: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const included of includes.get(path) ?? []) visit(included);
    order.push(path);
  };
  visit(main);
  return order;
}

/**
 * The files of a configuration (in the order merged) that write each top-level key, and the value
 * of a key merged from theirs, found when first asked for: a file asks for its own keys and the
 * global keywords, so each key is merged once.
 */
function mergedKeys(files: readonly ParsedFile[]): {
  merged: (key: string) => unknown;
  writers: ReadonlyMap<string, readonly ParsedFile[]>;
} {
  const writers = new Map<string, ParsedFile[]>();
  for (const file of files) {
    for (const key of Object.keys(file.doc!.data as object)) {
      const writing = writers.get(key);
      if (writing) writing.push(file);
      else writers.set(key, [file]);
    }
  }
  const found = new Map<string, unknown>();
  const merged = (key: string) => {
    if (!found.has(key)) {
      const values = writers.get(key)!.map(({ doc }) => valueAt(doc!.data, [key]));
      found.set(key, values.reduce(mergedDeeply));
    }
    return found.get(key);
  };
  return { merged, writers };
}

/**
 * `over` merged into `under` as GitLab merges a configuration's files: mappings key by key, at
 * any depth; anything else (a list, a string) replaces what is under it whole.
 */
function mergedDeeply(under: unknown, over: unknown): unknown {
  if (!isRecord(under) || !isRecord(over)) return over;
  const keys = new Set([...Object.keys(under), ...Object.keys(over)]);
  // Built with `fromEntries`, so that a key such as `__proto__` is a key like any other.
  return Object.fromEntries(
    [...keys].map((key) => [
      key,
      !Object.hasOwn(over, key)
        ? under[key]
        : Object.hasOwn(under, key)
          ? mergedDeeply(under[key], over[key])
          : over[key],
    ]),
  );
}
