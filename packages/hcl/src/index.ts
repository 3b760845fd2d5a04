/**
 * @posture/hcl — Terraform and OpenTofu configuration (`.tf`, `.tf.json`, `.tofu`, `.tfvars`,
 * Terragrunt units) read into the inventory:
 * parsing with ranges, module loading, and expression evaluation.
 */
export type * from './ast.js';
export { parseHcl, parseTfJson } from './parser/index.js';
export {
  loadTerraform,
  type LoadFocus,
  type LoadProgress,
  type LoadTerraformOptions,
  type RecordedInstances,
} from './load-terraform.js';
export { LoadCache } from './loader/load-cache.js';
export { isModuleFile } from './loader/files.js';
export type { ReadFile } from './loader/session.js';
export { renderPolicyDocument } from './eval/policy-document.js';
export { Sensitive } from './eval/marks.js';
export { reasonAt } from './eval/unknowns.js';
export { asNumber } from './eval/values.js';
export {
  readTextVariable,
  textVariable,
  variableValue,
  type CommandLineInput,
  type EnvironmentVariable,
} from './loader/tfvars.js';
