/**
 * GitLab reads a pipeline's files as one configuration: the files it includes (`include: local`,
 * and what those include), each merged deeply over the ones before, then the including file over
 * them all (docs.gitlab.com/ci/yaml/includes, "Override included configuration values"). So the
 * jobs of an included file have the global `variables:` and `default:` (its `before_script`) of
 * the main file, the jobs of the main file those of an included file, and a job's own `variables:`
 * win over them all. GitLab resolves `extends` and `!reference` in the merged configuration, so a
 * job may run a template another file writes.
 */
import type { Diagnostic } from '@posture/model';
import { globInside } from '../discover.js';
import { GLOBAL_KEYWORDS, jobsRunBy, runningJobs } from '../files/gitlab-jobs.js';
import { isRecord, valueAt, withData, type Path } from '../structured/doc.js';
import { includedBy } from './follow.js';
import type { ParsedFile } from './parse.js';

const GLOB = /[*?[{]/;

/**
 * Past this many jobs read in files other than their own (see `jobsElsewhere`), a configuration's
 * files read no more: a template that each of a hundred files writes, extended by ten thousand
 * jobs, would be read a million times.
 */
const MAX_JOBS_ELSEWHERE = 10_000;

/**
 * The files, each GitLab CI file that is part of a configuration of several read with the
 * configuration's settings (its global keywords) and, of its jobs, as the configuration merges
 * them; its text and places stay its own. A job it does not write is in it only where the job runs
 * what it writes, or it runs what the job writes (see `jobsElsewhere`): the jobs of a configuration
 * are read once each, not once for each of its files. A file that several configurations include
 * is read alone, as which of them runs it is not known.
 */
export function withGitlabConfigurations(
  root: string,
  parsed: readonly ParsedFile[],
  diagnostics: Diagnostic[],
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
    const jobsOf = jobsElsewhere(files, merged, writers, diagnostics);
    // Of those that have a value there, the file merged last is the one that writes it.
    const writer = (path: Path) =>
      writers.get(String(path[0]))?.findLast(({ doc }) => valueAt(doc!.data, path) !== undefined);
    for (const file of files.filter((f) => memberships.get(f) === 1)) {
      const keys = new Set([
        ...GLOBAL_KEYWORDS,
        ...Object.keys(file.doc!.data as object),
        ...(jobsOf.get(file) ?? []),
      ]);
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

/**
 * The jobs that each file of a configuration (merged in this order) reads besides its own, for each
 * running job whose values several files write: the job and the jobs whose values it runs (those
 * it extends or names with `!reference`, see `jobsRunBy`), so that the job is read with a template
 * another file writes, and the template, where it is written, as that job's.
 */
function jobsElsewhere(
  files: readonly ParsedFile[],
  merged: (key: string) => unknown,
  writers: ReadonlyMap<string, readonly ParsedFile[]>,
  diagnostics: Diagnostic[],
): Map<ParsedFile, Set<string>> {
  const jobs = [...writers.keys()].filter((key) => !GLOBAL_KEYWORDS.has(key));
  // Built with `fromEntries`, so that a job named `__proto__` is a key like any other.
  const whole = Object.fromEntries(jobs.map((key) => [key, merged(key)]));
  const found = new Map<ParsedFile, Set<string>>();
  let added = 0;
  for (const job of runningJobs(whole)) {
    const run = jobsRunBy(whole, job);
    const written = new Set([...run].flatMap((key) => writers.get(key) ?? []));
    if (written.size < 2) continue;
    for (const file of written) {
      let keys = found.get(file);
      if (!keys) found.set(file, (keys = new Set()));
      for (const key of run) {
        if (Object.hasOwn(file.doc!.data as object, key) || keys.has(key)) continue;
        keys.add(key);
        added++;
      }
    }
    if (added > MAX_JOBS_ELSEWHERE) {
      const main = files[files.length - 1]!.file;
      diagnostics.push({
        severity: 'error',
        code: 'build-links-truncated',
        message: `${main.path} is a GitLab configuration whose jobs run templates of other files, and more than ${MAX_JOBS_ELSEWHERE} of them were read in those files; the templates were not read as the others, and the links they give them were not checked`,
        range: main.lines.range(main.path, 0, 0),
      });
      break;
    }
  }
  return found;
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
