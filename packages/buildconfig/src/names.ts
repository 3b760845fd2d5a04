import type { ReleaseStep } from '@posture/model';

/**
 * Names that mark a release context (a script, job, step, target or file): one that releases or
 * publishes, or one that deploys or uploads (`ReleaseStep`); and fields that say where source maps
 * are fetched from.
 */
const RELEASE_NAME = /release|publish/i;
const DEPLOY_NAME = /deploy|upload/i;
/** Words of a name that say it is a site's: documentation, a website, (GitHub) Pages. */
const SITE_WORDS = new Set([
  'doc',
  'docs',
  'documentation',
  'site',
  'sites',
  'website',
  'websites',
  'pages',
]);

/**
 * What a fact says of a step: a `ReleaseStep`, or `'site'` for a name that says the step is a
 * site's (`deploy-docs`, `docs`, `upload-website`, `gh-pages`), which deploys what is meant to be
 * public rather than what the build ships: no deploy step, whatever else says it deploys.
 */
export type StepFact = ReleaseStep | 'site';

/** What a name says of the step it names. */
export function releaseName(name: unknown): StepFact {
  if (typeof name !== 'string') return false;
  if (RELEASE_NAME.test(name)) return 'release';
  if (words(name).some((word) => SITE_WORDS.has(word))) return 'site';
  return DEPLOY_NAME.test(name) ? 'deploy' : false;
}

/** The words of a name, in lower case: `deployDocs`, `deploy-docs`, `Deploy docs` all hold `docs`. */
function words(name: string): string[] {
  return name.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).map((word) => word.toLowerCase());
}

/**
 * What a step is by several of its facts: a release step if any says so, else a deploy step if any
 * does and none says it is a site's.
 */
export function releaseStepOf(...facts: readonly (StepFact | undefined)[]): ReleaseStep {
  if (facts.includes('release')) return 'release';
  return facts.includes('deploy') && !facts.includes('site') ? 'deploy' : false;
}

/** Fields whose value is where a debugger fetches source maps or sources. */
const SOURCE_MAP_FIELDS = new Set(['sourcemapbaseurl', 'sourceroot', 'maproot']);

export function isSourceMapField(key: unknown): boolean {
  return typeof key === 'string' && SOURCE_MAP_FIELDS.has(key.toLowerCase());
}

/**
 * Whether a variable or field is named for the address source maps are served from
 * (`SOURCE_MAP_URL_BASE`, `SOURCEMAP_BASE_URL`, `sourceMapPublicUrl`): a build that sets one hands
 * it to the bundler (`SourceMapDevToolPlugin({ publicPath: process.env.SOURCE_MAP_URL_BASE })`),
 * which no scan of the files alone can follow.
 */
export function namesSourceMapUrl(key: unknown): boolean {
  if (typeof key !== 'string') return false;
  const name = key.toLowerCase().replace(/[-_.]/g, '');
  return name.includes('sourcemap') && /url|uri|base|root|prefix|host/.test(name);
}
