export { excludedWithin, isBuildFile, listBuildFiles, type DiscoverOptions } from './discover.js';
export {
  extractCommandLinks,
  extractLinks,
  type CommandText,
  type ExtractOptions,
  type ExtractResult,
} from './extract.js';
export type { CustomDomain } from './find-refs.js';
export { URL_PATTERNS, type UrlPattern } from './url-patterns.js';
export { findTextLinks, type TextLink } from './text-links.js';
export {
  assembledLinks,
  findAssemblies,
  holdsHost,
  JsConstants,
  namesPattern,
  type Assembly,
} from './assembled-links.js';
export {
  terraformRuns,
  type CommandLineVariable,
  type EnvironmentValue,
  type TerraformRun,
} from './terraform-runs/index.js';
export { ReadAhead } from './read-file.js';
export { ParseAhead } from './extract/parse.js';
