/**
 * GitLab CI. Every top-level key that is not a global keyword is a job, as GitLab runs it: with the
 * jobs it `extends` merged in. A job is a release step when its name or that of a job it extends,
 * its stage or its environment says release/publish/deploy/upload, when it runs only for tags
 * (`only: tags`, a rule on `$CI_COMMIT_TAG`) or when it has a `release:` section. The values a job
 * takes from the jobs it extends (a template's `script`) are read again as that job's.
 */
import { endpointServiceIn } from '../endpoint.js';
import { releaseName, releaseStepOf } from '../names.js';
import { isRecord, type Path } from '../structured/doc.js';
import type { Analyzer, RefContext } from './analysis.js';
import { inheritedValues, jobChain, mergedJob } from './gitlab-jobs.js';

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
    runsForTags(job) && 'release',
  );
  // An S3-compatible endpoint among the global or job `variables` (or those of a job it extends)
  // decides what `s3://` names.
  const scopes = [[], ...chain.map((key) => [key]).reverse()];
  return { releaseStep, ...endpointServiceIn(data, scopes, ['variables']) };
}

function runsForTags(job: Record<string, unknown>): boolean {
  const only = isRecord(job.only) ? job.only.refs : job.only;
  if (only === 'tags' || (Array.isArray(only) && only.includes('tags'))) return true;
  const rules = Array.isArray(job.rules) ? job.rules : [];
  return rules.some(
    (rule) => isRecord(rule) && typeof rule.if === 'string' && rule.if.includes('CI_COMMIT_TAG'),
  );
}
