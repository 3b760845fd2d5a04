/**
 * CI files that a pipeline pulls in and runs as its own: GitLab's `include:` of local files and
 * Azure Pipelines' `template:` references. Release jobs often live in them, under names no
 * discovery pattern knows (`ci/release.yml`), so they are read as files of the including type.
 */
import { posix } from 'node:path';
import { isRecord, recordsIn, type StructuredDoc } from './structured/doc.js';

/** A file (or, for GitLab, a glob) that a CI file includes, relative to the scan root. */
export interface Included {
  readonly path: string;
  /** The file type it is read as: the including file's. */
  readonly type: string;
}

export function includedFiles(
  path: string,
  type: string,
  doc: StructuredDoc | undefined,
): Included[] {
  const data = doc?.data;
  if (data === undefined) return [];
  const paths =
    type === 'gitlab-ci'
      ? gitlabIncludes(data)
      : type === 'azure-pipelines'
        ? azureTemplates(data, path)
        : [];
  return [...new Set(paths)].map((included) => ({ path: included, type }));
}

/**
 * `include: 'ci/a.yml'`, `include: [{ local: 'ci/*.yml' }]`, `include: { local: … }`: paths from the
 * project root (a leading `/` too); remote, project, template and component includes are elsewhere.
 */
function gitlabIncludes(data: unknown): string[] {
  const include = isRecord(data) ? data.include : undefined;
  const entries = Array.isArray(include) ? include : include === undefined ? [] : [include];
  return entries.flatMap((entry) => {
    const local = typeof entry === 'string' ? entry : isRecord(entry) ? entry.local : undefined;
    if (typeof local !== 'string' || /^[a-z][a-z0-9+.-]*:\/\//i.test(local)) return [];
    return inside(local.replace(/^\/+/, ''));
  });
}

/**
 * `template: build.yml` of steps, jobs, stages, variables and `extends`: relative to the file that
 * names it, or to the repository root with a leading `/`; `@other-repo` is another repository's.
 */
function azureTemplates(data: unknown, from: string): string[] {
  return recordsIn(data).flatMap(([, node]) => {
    const template = node.template;
    if (typeof template !== 'string') return [];
    const [file = '', repository] = template.split('@');
    if (repository !== undefined && repository !== 'self') return [];
    if (/[$]\{\{|\$\(/.test(file)) return [];
    return inside(file.startsWith('/') ? file.slice(1) : posix.join(posix.dirname(from), file));
  });
}

/** The path normalised, when it stays inside the root. */
function inside(path: string): string[] {
  const normal = posix.normalize(path);
  return normal === '..' || normal.startsWith('../') || posix.isAbsolute(normal) ? [] : [normal];
}
