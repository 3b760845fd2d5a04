/**
 * Matrices a CI system refuses to expand: GitHub a `strategy.matrix` of more than 256 jobs, GitLab
 * a `parallel: matrix` of more than 200 instances. The workflow or pipeline does not run as
 * written; the scan reads the first runs as if it did, and says so where the matrix is written
 * (where Gitea or Forgejo runs the workflow, only that the others were not read). And a GitHub
 * matrix whose runs were not all worked out, of which not even that is known.
 */
import type { Diagnostic } from '@posture/model';
import type { SourceFile } from '../files/analysis.js';
import * as github from '../files/github-matrix.js';
import * as gitlab from '../files/gitlab-jobs.js';
import type { Path, StructuredDoc } from '../structured/doc.js';

interface Refusing {
  readonly refused: (data: unknown) => Path[];
  /** What the note says of a matrix in `file`. */
  readonly says: (file: SourceFile) => string;
  /** The matrices whose runs were not all worked out, and why (see `github.uncountedMatrices`). */
  readonly uncounted?: (data: unknown) => { path: Path; why: string }[];
}

/**
 * Gitea and Forgejo, which run GitHub's workflows from their own directories (the files' labels,
 * see file-types.ts) by their own limits, which GitHub's refusal does not tell: the note says only
 * what was read.
 */
const FORGES: Readonly<Record<string, string>> = {
  'gitea-workflow': 'Gitea',
  'forgejo-workflow': 'Forgejo',
};

function githubSays({ label }: SourceFile): string {
  const max = github.MAX_COMBINATIONS;
  const forge = label === undefined ? undefined : FORGES[label];
  if (forge === undefined)
    return `GitHub refuses a matrix of more than ${max} jobs, and does not run the workflow; the first ${max} were read`;
  return `a matrix of more than ${max} jobs, which GitHub refuses; ${forge} runs what its server allows, and only the first ${max} were read: what the others run was not checked`;
}

const REFUSING: Readonly<Record<string, Refusing>> = {
  'github-workflow': {
    refused: github.refusedMatrices,
    says: githubSays,
    uncounted: github.uncountedMatrices,
  },
  'gitlab-ci': {
    refused: gitlab.refusedMatrices,
    says: () =>
      `GitLab refuses a parallel: matrix of more than ${gitlab.MAX_MATRIX_INSTANCES} jobs, and does not create the pipeline; the first ${gitlab.MAX_MATRIX_INSTANCES} were read`,
  },
};

/**
 * A warning where each matrix of the file that its CI system refuses is written; an error where
 * one is whose runs were not all worked out (`uncountedMatrices`): whether it is refused, and what
 * the runs not made run, is not known, and the gate fails closed.
 */
export function refusedMatrixNotes(file: SourceFile, doc: StructuredDoc): Diagnostic[] {
  const refusing = REFUSING[file.fileType];
  if (!refusing) return [];
  const note = (path: Path, severity: Diagnostic['severity'], code: string, says: string) => {
    const at = doc.valueSpan(path)?.start ?? 0;
    const range = file.lines.range(file.path, at, at);
    return { severity, code, message: `${file.path}: ${says}`, range };
  };
  return [
    ...refusing
      .refused(doc.data)
      .map((path) => note(path, 'warning', 'build-matrix-refused', refusing.says(file))),
    ...(refusing.uncounted?.(doc.data) ?? []).map(({ path, why }) =>
      note(
        path,
        'error',
        'build-links-truncated',
        `the jobs of a matrix were not worked out: ${why}. How many jobs it runs, and which, is not known: those made were read, and what the others run was not checked`,
      ),
    ),
  ];
}
