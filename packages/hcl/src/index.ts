/**
 * @posture/hcl — Terraform configuration (`.tf`, `.tf.json`, `.tfvars`) read into the inventory:
 * parsing with ranges, module loading, and expression evaluation.
 */
export type * from './ast.js';
export { parseHcl, parseTfJson } from './parser/index.js';
export { loadTerraform, type LoadTerraformOptions } from './load-terraform.js';
export type { ReadFile } from './loader/session.js';
export { evaluate } from './eval/expressions.js';
export { constantEnv, type Env, type Scope } from './eval/scope.js';
export { renderPolicyDocument } from './eval/policy-document.js';
export { lookupFunction } from './functions/index.js';
