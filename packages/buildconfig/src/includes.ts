/**
 * CI files that a pipeline pulls in and runs as its own: GitLab's `include:` of local files, Azure
 * Pipelines' `template:` references and the configuration a CircleCI setup workflow continues with.
 * Release jobs often live in them, under names no discovery pattern knows (`ci/release.yml`,
 * `.circleci/continue_config.yml`), so they are read as files of the including type.
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
}

export function includedFiles(
  path: string,
  type: string,
  doc: StructuredDoc | undefined,
): Included[] {
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

/** The path normalised, when it stays inside the root. */
function inside(path: string): string | undefined {
  const normal = posix.normalize(path);
  return leavesRoot(normal) ? undefined : normal;
}
