/**
 * GitLab CI. Every top-level key that is not a global keyword is a job, as GitLab runs it: with the
 * jobs it `extends` merged in. A job is a release step when its name or that of a job it extends,
 * its stage or its environment says release/publish/deploy/upload, when it runs for tags (`only:
 * tags`, a rule on `$CI_COMMIT_TAG`: `tagRules`), when the whole pipeline runs only for them
 * (`workflow: rules:`), or when it has a `release:` section. The values a job takes from the jobs
 * it extends (a template's `script`) are read again as that job's.
 */
import { endpointServiceIn } from '../endpoint.js';
import { releaseName, releaseStepOf } from '../names.js';
import { isRecord, valueAt, type Path } from '../structured/doc.js';
import type { Analyzer, RefContext } from './analysis.js';
import { inheritedValues, jobChain, mergedJob } from './gitlab-jobs.js';
import { tagRules } from './gitlab-rules.js';

export const analyzeGitlabCi: Analyzer = ({ doc }) => ({
  context: (_offset, path) => gitlabContext(doc?.data, path),
  ...inheritedValues(doc?.data),
});

function gitlabContext(data: unknown, path: Path | undefined): RefContext {
  const name = path?.[0];
  const job = typeof name === 'string' ? mergedJob(data, name) : undefined;
  if (typeof name !== 'string' || !job) return endpointServiceIn(data, [[]], ['variables']);
  const chain = jobChain(data, name);
  const environment = isRecord(job.environment) ? job.environment.name : job.environment;
  const releaseStep = releaseStepOf(
    ...chain.map(releaseName),
    releaseName(job.stage),
    releaseName(environment),
    'release' in job && 'release',
    runsForTags(data, job) && 'release',
  );
  // An S3-compatible endpoint among the global or job `variables` (or those of a job it extends)
  // decides what `s3://` names.
  const scopes = [[], ...chain.map((key) => [key]).reverse()];
  return { releaseStep, ...endpointServiceIn(data, scopes, ['variables']) };
}

function runsForTags(data: unknown, job: Record<string, unknown>): boolean {
  const only = isRecord(job.only) ? job.only.refs : job.only;
  if (only === 'tags' || (Array.isArray(only) && only.includes('tags'))) return true;
  if (tagRules(job.rules).forTags) return true;
  const pipeline = tagRules(valueAt(data, ['workflow', 'rules']));
  return pipeline.forTags && !pipeline.forOthers;
}
