export { builtinRules, FAIL_CLOSED_RULES, findRule } from './catalogue.js';
export { loadUserRules, USER_RULE_FILE } from './user/load.js';
export type { UserRuleError, UserRuleSpec } from './user/load.js';
export { renderCatalogue, renderDocs, renderRuleDoc } from './docs.js';
export { policyNamesIt, unknownValue, unplacedMessage } from './messages.js';
export { exposures, openPath, publicPaths } from './exposure/paths.js';
export type { PublicPath } from './exposure/paths.js';
export type { Exposure, Neutraliser } from './exposure/types.js';
export {
  PUBLIC_CANNED_ACLS,
  S3_CANNED_ACLS,
  PUBLIC_GRANTEE_URIS,
  S3_ACLS,
  S3_DISTRIBUTIONS,
  S3_POLICIES,
  effectivePublicAccessBlock,
  isPublicCannedAcl,
  publicGrants,
} from './exposure/s3.js';
export type { EffectiveFlag } from './exposure/s3.js';
export {
  NARROWING_CONDITION_KEYS,
  awsPrincipals,
  distributionArns,
  isWildcardPrincipal,
  publicStatements,
  statementName,
} from './exposure/policy.js';
export type { PublicStatement } from './exposure/policy.js';
export {
  GCS_ACLS,
  GCS_BACKEND_BUCKETS,
  GCS_IAM,
  PUBLIC_MEMBERS,
  PUBLIC_PREDEFINED_ACLS,
  isPublicEntity,
  isPublicMember,
  isPublicPredefinedAcl,
} from './exposure/gcs.js';
export { domainMayOpen } from './exposure/r2.js';
