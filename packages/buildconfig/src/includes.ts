/**
 * Build files that another pulls in and runs as its own: GitLab's `include:` of local files, Azure
 * Pipelines' `template:` references, the configuration a CircleCI setup workflow continues with,
 * and the makefiles a Makefile `include`s. Release jobs and bucket names often live in them, under
 * names no discovery pattern knows (`ci/release.yml`, `.circleci/continue_config.yml`,
 * `Makefile.common`), so they are read as files of the including type.
 */
import { posix } from 'node:path';
import { isOrbCommand, orbAliases } from './files/circleci.js';
import { leavesRoot } from './paths.js';
import {
  entriesAt,
  isRecord,
  recordsIn,
  type Path,
  type Span,
  type StructuredDoc,
} from './structured/doc.js';

/** A file (or, for GitLab, a glob) that a CI file includes. */
export interface Included {
  /** Relative to the scan root, normalised; undefined when written to reach outside it. */
  readonly path: string | undefined;
  /** As written. */
  readonly written: string;
  /** The file type it is read as: the including file's. */
  readonly type: string;
  /** Where the including file names it. */
  readonly at: Span | undefined;
  /** Whether a missing file is no gap: make's `-include`, which exists to include one maybe not there. */
  readonly optional?: boolean;
}

/**
 * What the file at `path` includes; `read`, the paths of the files read, tells a makefile the
 * directory make runs in (see `makeDirectory`).
 */
export function includedFiles(
  path: string,
  type: string,
  doc: StructuredDoc | undefined,
  text: string,
  read: ReadonlySet<string> = new Set(),
): Included[] {
  if (type === 'makefile') return makeIncludes(text, makeDirectory(path, read));
  if (doc?.data === undefined) return [];
  const named =
    type === 'gitlab-ci'
      ? gitlabIncludes(doc.data)
      : type === 'azure-pipelines'
        ? azureTemplates(doc.data, path)
        : type === 'circleci'
          ? circleContinuations(doc.data)
          : [];
  return named.map(({ at, written, path: included }) => ({
    path: included,
    written,
    type,
    at: doc.scalarSpan(at),
  }));
}

interface Named {
  /** Where the data holds it. */
  readonly at: Path;
  readonly written: string;
  readonly path: string | undefined;
}

/**
 * `include: 'ci/a.yml'`, `include: [{ local: 'ci/*.yml' }]`, `include: { local: … }`: paths from the
 * project root (a leading `/` too); remote, project, template and component includes are elsewhere.
 */
function gitlabIncludes(data: unknown): Named[] {
  const include = isRecord(data) ? data.include : undefined;
  const entries: [Path, unknown][] = Array.isArray(include)
    ? entriesAt(data, ['include'])
    : include === undefined
      ? []
      : [[['include'], include]];
  return entries.flatMap(([at, entry]) => {
    const local = typeof entry === 'string' ? at : isRecord(entry) ? [...at, 'local'] : undefined;
    const written = typeof entry === 'string' ? entry : isRecord(entry) ? entry.local : undefined;
    if (!local || typeof written !== 'string' || /^[a-z][a-z0-9+.-]*:\/\//i.test(written))
      return [];
    return [{ at: local, written, path: inside(written.replace(/^\/+/, '')) }];
  });
}

/**
 * `template: build.yml` of steps, jobs, stages, variables and `extends`: relative to the file that
 * names it, or to the repository root with a leading `/`; `@other-repo` is another repository's.
 */
function azureTemplates(data: unknown, from: string): Named[] {
  return recordsIn(data).flatMap(([at, node]) => {
    const written = node.template;
    if (typeof written !== 'string') return [];
    const [file = '', repository] = written.split('@');
    if (repository !== undefined && repository !== 'self') return [];
    if (/[$]\{\{|\$\(/.test(file)) return [];
    const path = file.startsWith('/') ? file.slice(1) : posix.join(posix.dirname(from), file);
    return [{ at: [...at, 'template'], written, path: inside(path) }];
  });
}

/** path-filtering's `filter` job and `generate-config` command continue with this by default. */
const CONTINUE_CONFIG = '.circleci/continue_config.yml';

/**
 * A CircleCI setup configuration (`setup: true`) continues the pipeline with the file that the
 * continuation orb's `continue` command names (`configuration_path`) or the path-filtering orb's
 * `filter` job or `generate-config` command (`config-path`), from the repository root.
 */
function circleContinuations(data: unknown): Named[] {
  if (!isRecord(data) || data.setup !== true) return [];
  const continuation = orbAliases(data, 'continuation');
  const pathFiltering = orbAliases(data, 'path-filtering');
  const parameterOf = (key: unknown) =>
    isOrbCommand(key, continuation, ['continue'])
      ? 'configuration_path'
      : isOrbCommand(key, pathFiltering, ['filter', 'generate-config'])
        ? 'config-path'
        : undefined;
  // A step or a workflow's job given parameters: `- path-filtering/filter: { config-path: … }`.
  const invoked = recordsIn(data).flatMap(([at, node]) =>
    Object.entries(node).map(([key, params]): [Path, unknown, unknown] => [
      [...at, key],
      key,
      params,
    ]),
  );
  // A workflow's job without them: `jobs: [path-filtering/filter]`.
  const bare = entriesAt(data, ['workflows'])
    .flatMap(([workflow]) => entriesAt(data, [...workflow, 'jobs']))
    .map(([at, job]): [Path, unknown, unknown] => [at, job, undefined]);
  return [...invoked, ...bare].flatMap(([at, key, params]) =>
    continuationFile(at, parameterOf(key), params),
  );
}

function continuationFile(at: Path, parameter: string | undefined, params: unknown): Named[] {
  if (parameter === undefined) return [];
  const written = isRecord(params) ? params[parameter] : undefined;
  if (written === undefined)
    return parameter === 'config-path'
      ? [{ at, written: CONTINUE_CONFIG, path: CONTINUE_CONFIG }]
      : [];
  // A configuration written at run time (`/tmp/generated.yml`, `<< pipeline.parameters.config >>`)
  // is not in the repository.
  if (typeof written !== 'string' || written.startsWith('/') || /[$<]/.test(written)) return [];
  return [{ at: [...at, parameter], written, path: inside(written) }];
}

/**
 * `include a.mk b.mk`, `-include local.mk` (and its old name `sinclude`): make reads each file
 * there as if written in place, from the directory it runs in, the Makefile's (also for what an
 * included makefile includes in turn). A name holding a variable (`include $(ROOT)/vars.mk`) is not
 * read: its value may be given only when make runs.
 */
const MAKE_INCLUDE = /^[ ]*(?<optional>-|s)?include[ \t]+(?![:?+!]*=)(?<names>[^#\n]*)/gm;

/** The names make reads in the directory it runs in, when not told which file to read. */
const MAKEFILE = /^(?:GNUmakefile|[Mm]akefile)$/;

/**
 * The directory make runs in when it reads the makefile at `path`: a Makefile's own; for another
 * (`mk/vars.mk`, `build/Makefile.common`), which a Makefile includes, that of the nearest Makefile
 * above it among the files `read`, else its own.
 */
function makeDirectory(path: string, read: ReadonlySet<string>): string {
  const own = posix.dirname(path);
  if (MAKEFILE.test(posix.basename(path))) return own;
  const holdsMakefile = (dir: string) =>
    ['GNUmakefile', 'makefile', 'Makefile'].some((name) => read.has(posix.join(dir, name)));
  for (let dir = own; ; dir = posix.dirname(dir)) {
    if (holdsMakefile(dir)) return dir;
    if (dir === '.' || dir === '/') return own;
  }
}

function makeIncludes(text: string, dir: string): Included[] {
  return [...text.matchAll(MAKE_INCLUDE)].flatMap((m) => {
    const names = m.groups?.names ?? '';
    const start = m.index + m[0].length - names.length;
    return [...names.matchAll(/\S+/g)].flatMap(({ 0: written, index }) => {
      if (written.includes('$')) return [];
      const path = written.startsWith('/') ? undefined : inside(posix.join(dir, written));
      const at = { start: start + index, end: start + index + written.length };
      return [
        { path, written, type: 'makefile', at, ...(m.groups?.optional && { optional: true }) },
      ];
    });
  });
}

/** The path normalised, when it stays inside the root. */
function inside(path: string): string | undefined {
  const normal = posix.normalize(path);
  return leavesRoot(normal) ? undefined : normal;
}
