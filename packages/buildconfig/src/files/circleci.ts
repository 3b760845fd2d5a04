/**
 * CircleCI. A job, reusable command or `run` step whose name says release/publish/deploy/upload is
 * a release step. The aws-s3 orb's `sync`/`copy` steps, in a job or a reusable command, write to
 * their `to:` (public with `--acl public-read` in `arguments`). Orbs are used under the name the
 * `orbs:` map gives them (`s3: circleci/aws-s3@4` makes `s3/sync` the orb's).
 */
import { awsSyncArgsArePublic } from '../commands.js';
import { releaseName, releaseStepOf } from '../names.js';
import { isRecord, valueAt, type Path } from '../structured/doc.js';
import type { Analyzer, RefContext } from './analysis.js';
import { parameterReadings } from './circleci-parameters.js';

/** Where steps are listed: `jobs.<job>.steps` and the reusable `commands.<command>.steps`. */
const STEP_LISTS = new Set(['jobs', 'commands']);

export const analyzeCircleci: Analyzer = ({ doc }) => {
  const data = doc?.data;
  const awsS3 = orbAliases(data, 'aws-s3');
  return {
    context: (_offset, path) => circleContext(data, path, awsS3),
    ...parameterReadings(data),
  };
};

/**
 * The names a configuration uses an orb of CircleCI's under: those its `orbs:` map gives
 * `circleci/<orb>@…`, and the orb's own name.
 */
export function orbAliases(data: unknown, orb: string): Set<string> {
  const orbs = valueAt(data, ['orbs']);
  const declared = isRecord(orbs) ? Object.entries(orbs) : [];
  const source = new RegExp(`^circleci/${orb}@`);
  return new Set([
    orb,
    ...declared.flatMap(([alias, ref]) =>
      typeof ref === 'string' && source.test(ref) ? [alias] : [],
    ),
  ]);
}

/** Whether a step or job key (`s3/sync`) is one of `commands` of an orb used under `aliases`. */
export function isOrbCommand(
  key: unknown,
  aliases: ReadonlySet<string>,
  commands: readonly string[],
): boolean {
  if (typeof key !== 'string') return false;
  const slash = key.lastIndexOf('/');
  return slash > 0 && aliases.has(key.slice(0, slash)) && commands.includes(key.slice(slash + 1));
}

function circleContext(
  data: unknown,
  path: Path | undefined,
  awsS3: ReadonlySet<string>,
): RefContext {
  if (!STEP_LISTS.has(String(path?.[0])) || !path || path.length < 2) return {};
  const step =
    path[2] === 'steps' && typeof path[3] === 'number'
      ? valueAt(data, path.slice(0, 4))
      : undefined;
  const run = isRecord(step) && isRecord(step.run) ? step.run : undefined;
  const releaseStep = releaseStepOf(releaseName(path[1]), releaseName(run?.name));
  if (!isOrbCommand(path[4], awsS3, ['sync', 'copy']) || path[5] !== 'to') return { releaseStep };
  const usage = awsSyncArgsArePublic(valueAt(data, [...path.slice(0, 5), 'arguments']))
    ? 'public-upload'
    : 'upload';
  return { releaseStep, usage };
}
