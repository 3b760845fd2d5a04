/**
 * CI files that a pipeline pulls in and runs as its own: GitLab's `include:` of local files and
 * Azure Pipelines' `template:` references. Release jobs often live in them, under names no
 * discovery pattern knows (`ci/release.yml`), so they are read as files of the including type.
 */
import { posix } from 'node:path';
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

/** The path normalised, when it stays inside the root. */
function inside(path: string): string | undefined {
  const normal = posix.normalize(path);
  return leavesRoot(normal) ? undefined : normal;
}
