import {
  compareModuleVersions as compare,
  constraintClauses,
  parseModuleVersion,
  pessimisticCeiling,
  type ConstraintClause,
  type ModuleVersion,
} from '@posture/model';

/**
 * Whether a module call can only get versions older than `version`. Terraform installs the newest
 * version its constraint allows, so a module's defaults are those of an old release only when the
 * constraint (or a git `ref` tag) caps below the release that changed them. No constraint, a
 * branch name, or an open range means the current release.
 */
export function cappedBelow(constraint: string | undefined, version: string): boolean {
  const limit = parseModuleVersion(version);
  if (constraint === undefined || !limit) return false;
  return constraintClauses(constraint).some((clause) => clauseCapsBelow(clause, limit));
}

function clauseCapsBelow({ operator, version }: ConstraintClause, limit: ModuleVersion): boolean {
  switch (operator) {
    case '=':
    case '<=':
      return compare(version, limit) < 0;
    case '<':
      return compare(version, limit) <= 0;
    case '~>':
      return compare(pessimisticCeiling(version), limit) <= 0;
    default:
      return false;
  }
}
