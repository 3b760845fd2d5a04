type Version = readonly number[];

/**
 * Whether a module call can only get versions older than `version`. Terraform installs the newest
 * version its constraint allows, so a module's defaults are those of an old release only when the
 * constraint (or a git `ref` tag) caps below the release that changed them. No constraint, a
 * branch name, or an open range means the current release.
 */
export function cappedBelow(constraint: string | undefined, version: string): boolean {
  if (constraint === undefined) return false;
  const limit = parse(version);
  return constraint.split(',').some((clause) => clauseCapsBelow(clause.trim(), limit));
}

function clauseCapsBelow(clause: string, limit: Version): boolean {
  const match = /^(=|!=|>=|<=|>|<|~>)?\s*v?(\d+(?:\.\d+)*)/.exec(clause);
  if (!match) return false;
  const [, operator = '=', text = ''] = match;
  const version = parse(text);
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

/** `~> 3.7.0` allows up to 3.8 (excluded), `~> 3.7` up to 4.0: the last given part may grow. */
function pessimisticCeiling(version: Version): Version {
  const kept = version.length > 1 ? version.slice(0, -1) : [...version];
  return [...kept.slice(0, -1), (kept.at(-1) ?? 0) + 1];
}

function parse(text: string): Version {
  return text.split('.').map(Number);
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
