import type { ReleaseStep } from '@posture/model';

/**
 * Names that mark a release context (a script, job, step, target or file): one that releases or
 * publishes, or one that deploys or uploads (`ReleaseStep`); and fields that say where source maps
 * are fetched from.
 */
const RELEASE_NAME = /release|publish/i;
const DEPLOY_NAME = /deploy|upload/i;

/** What a name says of the step it names. */
export function releaseName(name: unknown): ReleaseStep {
  if (typeof name !== 'string') return false;
  if (RELEASE_NAME.test(name)) return 'release';
  return DEPLOY_NAME.test(name) ? 'deploy' : false;
}

/** What a step is by several of its facts: a release step if any says so, else a deploy step if any does. */
export function releaseStepOf(...facts: readonly (ReleaseStep | undefined)[]): ReleaseStep {
  if (facts.includes('release')) return 'release';
  return facts.includes('deploy') ? 'deploy' : false;
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
