/**
 * Names that mark a release/publish context (a script, job, step, target or file), and fields that
 * say where source maps are fetched from.
 */
const RELEASE_NAME = /release|publish|deploy|upload/i;

export function isReleaseName(name: unknown): boolean {
  return typeof name === 'string' && RELEASE_NAME.test(name);
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
