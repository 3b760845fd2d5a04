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
