/**
 * @posture/core — the engine. `scan()` is the library entry point; the model types are
 * re-exported so a library user needs only this package.
 */
export * from '@posture/model';
export { scan, type ScanOptions, type ScanProgress, type ScanReport } from './scan.js';
export {
  manifestSupport,
  scanArtifacts,
  type ArtifactScanOptions,
  type ArtifactScanReport,
  type ManifestSupport,
} from './artifact-scan.js';
export { commonAncestor, gitTopLevel } from './base-dir.js';
export { adapt, ADAPTED, ADAPTED_TYPES, type Adapted } from './adapters/index.js';
export { runRules } from './engine.js';
export {
  DEFAULT_POLICY,
  type ArtifactPolicy,
  type Policy,
  type PolicyException,
  type ReleaseSelectors,
  ruleSetting,
  type RuleSetting,
  type TagSelector,
} from './policy/policy.js';
export {
  findPolicyFile,
  loadPolicyFile,
  PolicyError,
  POLICY_FILE_NAMES,
  type LoadedPolicy,
} from './policy/load.js';
export { exclusions, type ExcludeGlob, type Exclusions } from './policy/exclusions.js';
export { lineLocator } from './policy/locate.js';
export { failsClosed, gateExitCode } from './gate.js';
export { isModuleFile, textVariable, variableValue } from '@posture/hcl';
export { isBuildFile } from '@posture/buildconfig';
export type { PlanText } from '@posture/plan';
export { VERSION } from './version.js';
export { builtinRules, findRule, loadUserRules, renderRuleDoc } from '@posture/rules';
