/**
 * Google Cloud Build. A step runs its builder's program with `args` as a list (`name:
 * gcr.io/cloud-builders/gsutil`, `args: [cp, -a, public-read, x, gs://b/]`), so those arguments are
 * read as that command. `artifacts.objects.location` and `logsBucket` are where the build writes.
 * A step whose `id` says release/publish/deploy/upload is a release step.
 */
import { releaseName, releaseStepOf } from '../names.js';
import { valueAt, type Path } from '../structured/doc.js';
import type { Analyzer, RefContext } from './analysis.js';

const PROGRAMS = new Set(['gsutil', 'gcloud', 'aws']);

export const analyzeCloudbuild: Analyzer = ({ doc }) => ({
  context: (_offset, path) => cloudbuildContext(doc?.data, path),
});

function cloudbuildContext(data: unknown, path: Path | undefined): RefContext {
  if (!path) return {};
  if (
    path[0] === 'logsBucket' ||
    (path[0] === 'artifacts' && path[1] === 'objects' && path[2] === 'location')
  ) {
    return { usage: 'upload' };
  }
  if (path[0] !== 'steps' || typeof path[1] !== 'number') return {};
  const step = path.slice(0, 2);
  const releaseStep = releaseStepOf(releaseName(valueAt(data, [...step, 'id'])));
  const program = stepProgram(data, step);
  const args = valueAt(data, [...step, 'args']);
  if (path[2] !== 'args' || !program || !Array.isArray(args)) return { releaseStep };
  const words = [program, ...args.map(String)];
  const index = typeof path[3] === 'number' ? path[3] + 1 : undefined;
  return { releaseStep, argv: { words, ...(index !== undefined && { index }) } };
}

/** The program a step runs: its `entrypoint`, else its builder image's name. */
function stepProgram(data: unknown, step: Path): string | undefined {
  const entrypoint = valueAt(data, [...step, 'entrypoint']);
  const image = valueAt(data, [...step, 'name']);
  const builder = typeof image === 'string' ? image.split(':')[0]!.split('/').pop() : undefined;
  const program =
    typeof entrypoint === 'string' ? entrypoint : builder === 'aws-cli' ? 'aws' : builder;
  return program !== undefined && PROGRAMS.has(program) ? program : undefined;
}
