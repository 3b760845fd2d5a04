/**
 * GitLab CI. Every top-level key that is not a global keyword is a job. A job is a release step
 * when its name, stage or environment says release/publish/deploy/upload, when it runs only for
 * tags (`only: tags`, a rule on `$CI_COMMIT_TAG`) or when it has a `release:` section.
 */
import { endpointServiceIn } from '../endpoint.js';
import { isReleaseName } from '../names.js';
import { isRecord, valueAt, type Path } from '../structured/doc.js';
import type { Analyzer, RefContext } from './analysis.js';

const GLOBAL_KEYWORDS = new Set([
  'stages',
  'variables',
  'default',
  'include',
  'workflow',
  'image',
  'services',
  'before_script',
  'after_script',
  'cache',
]);

export const analyzeGitlabCi: Analyzer = ({ doc }) => ({
  context: (_offset, path) => gitlabContext(doc?.data, path),
});

function gitlabContext(data: unknown, path: Path | undefined): RefContext {
  const name = path?.[0];
  const job =
    typeof name === 'string' && !GLOBAL_KEYWORDS.has(name) ? valueAt(data, [name]) : undefined;
  if (typeof name !== 'string' || !isRecord(job))
    return endpointServiceIn(data, [[]], ['variables']);
  const environment = isRecord(job.environment) ? job.environment.name : job.environment;
  const releaseStep =
    isReleaseName(name) ||
    isReleaseName(job.stage) ||
    isReleaseName(environment) ||
    'release' in job ||
    runsForTags(job);
  // An S3-compatible endpoint among the global or job `variables` decides what `s3://` names.
  return { releaseStep, ...endpointServiceIn(data, [[], [name]], ['variables']) };
}

function runsForTags(job: Record<string, unknown>): boolean {
  const only = isRecord(job.only) ? job.only.refs : job.only;
  if (only === 'tags' || (Array.isArray(only) && only.includes('tags'))) return true;
  const rules = Array.isArray(job.rules) ? job.rules : [];
  return rules.some(
    (rule) => isRecord(rule) && typeof rule.if === 'string' && rule.if.includes('CI_COMMIT_TAG'),
  );
}
