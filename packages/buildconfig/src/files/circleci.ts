/**
 * CircleCI. A job or `run` step whose name says release/publish/deploy/upload is a release step.
 * The aws-s3 orb's `sync`/`copy` steps write to their `to:` (public with `--acl public-read` in
 * `arguments`).
 */
import { awsSyncArgsArePublic } from '../commands.js';
import { isReleaseName } from '../names.js';
import { isRecord, valueAt, type Path } from '../structured/doc.js';
import type { Analyzer, RefContext } from './analysis.js';

const AWS_S3_ORB_WRITE = /(?:^|\/)aws-s3\/(?:sync|copy)$/;

export const analyzeCircleci: Analyzer = ({ doc }) => ({
  context: (_offset, path) => circleContext(doc?.data, path),
});

function circleContext(data: unknown, path: Path | undefined): RefContext {
  if (path?.[0] !== 'jobs' || path.length < 2) return {};
  const step =
    path[2] === 'steps' && typeof path[3] === 'number'
      ? valueAt(data, path.slice(0, 4))
      : undefined;
  const run = isRecord(step) && isRecord(step.run) ? step.run : undefined;
  const releaseStep = isReleaseName(path[1]) || isReleaseName(run?.name);
  const orb = path[4];
  if (typeof orb !== 'string' || !AWS_S3_ORB_WRITE.test(orb) || path[5] !== 'to')
    return { releaseStep };
  const usage = awsSyncArgsArePublic(valueAt(data, [...path.slice(0, 5), 'arguments']))
    ? 'public-upload'
    : 'upload';
  return { releaseStep, usage };
}
