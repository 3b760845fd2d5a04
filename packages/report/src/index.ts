export {
  toSarif,
  toSarifReport,
  truncationOf,
  TOOL_NAME,
  SARIF_SCHEMA_URI,
  GITHUB_MAX_RESULTS,
} from './sarif/build.js';
export { sarifText, GITHUB_MAX_UPLOAD_BYTES } from './sarif/upload-size.js';
export type { SarifReport } from './sarif/upload-size.js';
export type { SarifOptions } from './sarif/build.js';
export { lineHashes } from './sarif/line-hash.js';
export { POSTURE_FINDING_HASH } from './sarif/fingerprint.js';
export { checkGithubProfile, GITHUB_LIMITS } from './github-profile.js';
export type { GithubProfileOptions } from './github-profile.js';
export { toJson, jsonParts, toJsonReport, JSON_SCHEMA_VERSION } from './json.js';
export type { PostureReportV1, ReportSummary } from './json.js';
export { toMarkdown, GITHUB_COMMENT_LIMIT } from './markdown.js';
export type { MarkdownGate } from './markdown.js';
export { toText, textParts } from './text.js';
export type { TextOptions } from './text.js';
export { findingFingerprints } from './fingerprints.js';
export { toEvidence, EVIDENCE_SCHEMA_VERSION } from './evidence.js';
export { toJunit } from './junit.js';
export { toCodeQuality } from './codequality.js';
export type { CodeQualityIssue } from './codequality.js';
export { nounFor, plural } from './wording.js';
