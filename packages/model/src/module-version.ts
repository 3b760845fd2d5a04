/** Module versions and Terraform's version constraints (`>= 4.0, < 5.0`, `~> 4.1`). */

/** A version's numeric parts: `4.1.0` is [4, 1, 0]; a prerelease or build suffix is not kept. */
export type ModuleVersion = readonly number[];

export function parseModuleVersion(text: string): ModuleVersion | undefined {
  const match = /^v?(\d+(?:\.\d+)*)(?:[-+].*)?$/.exec(text.trim());
  return match?.[1]?.split('.').map(Number);
}

/** Negative, zero or positive as `a` is older than, the same as, or newer than `b`. */
export function compareModuleVersions(a: ModuleVersion, b: ModuleVersion): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** `~> 3.7.0` allows up to 3.8 (excluded), `~> 3.7` up to 4.0: the last given part may grow. */
export function pessimisticCeiling(version: ModuleVersion): ModuleVersion {
  const kept = version.length > 1 ? version.slice(0, -1) : [...version];
  return [...kept.slice(0, -1), (kept.at(-1) ?? 0) + 1];
}

/** A clause of a constraint: its operator (`=` when none is written) and version. */
export interface ConstraintClause {
  readonly operator: '=' | '!=' | '>=' | '<=' | '>' | '<' | '~>';
  readonly version: ModuleVersion;
}

/** The clauses of a constraint; a clause that is none is left out. */
export function constraintClauses(constraint: string): ConstraintClause[] {
  return constraint.split(',').flatMap((clause) => {
    const match = /^(=|!=|>=|<=|>|<|~>)?\s*(v?\d+(?:\.\d+)*)/.exec(clause.trim());
    const version = match?.[2] === undefined ? undefined : parseModuleVersion(match[2]);
    if (!version) return [];
    return [{ operator: (match?.[1] ?? '=') as ConstraintClause['operator'], version }];
  });
}

/**
 * Whether `version` meets every clause of `constraint`, as `terraform init` chooses one. A clause
 * that cannot be read is taken as met: this says when a version is plainly not the one a call asks
 * for, not whether the constraint is well written, which Terraform says.
 */
export function constraintAllows(constraint: string, version: ModuleVersion): boolean {
  return constraintClauses(constraint).every(({ operator, version: bound }) => {
    const order = compareModuleVersions(version, bound);
    switch (operator) {
      case '=':
        return order === 0;
      case '!=':
        return order !== 0;
      case '>=':
        return order >= 0;
      case '<=':
        return order <= 0;
      case '>':
        return order > 0;
      case '<':
        return order < 0;
      case '~>':
        return order >= 0 && compareModuleVersions(version, pessimisticCeiling(bound)) < 0;
    }
  });
}
