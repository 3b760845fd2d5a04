import type { Finding } from './finding.js';

/**
 * A version in an archive's name, as packers write it last before the extension: npm's
 * `acme-cli-1.0.1.tgz` (`scope-name-1.0.1-beta.2.tgz`), vsce's `acme-1.0.1.vsix`,
 * electron-builder's `Acme-1.0.1-arm64-mac.zip` (semver's pre-release part takes `arm64-mac`).
 * The pre-release part is taken lazily, so that a numeric one (`beta.2`) is not read as an extension.
 */
const VERSIONED_NAME =
  /^(.+?[-_. ])v?\d+\.\d+\.\d+(?:-[0-9a-z-]+(?:\.[0-9a-z-]+)*?)?(?:\+[0-9a-z-]+(?:\.[0-9a-z-]+)*?)?((?:\.[a-z][0-9a-z]*)*)$/i;

/**
 * The name a finding is identified by (its fingerprint, a baseline entry's `file`), given the name
 * `named` of its file. A finding of `posture artifact` that sits at the archive itself (no package
 * directory was found to place it at) would otherwise change identity with every release, the
 * version being part of the archive's name: there the version becomes `<version>`, and the
 * package's name from its package.json is added, so that a baseline written for
 * `acme-cli-1.0.0.tgz` holds for `acme-cli-1.0.1.tgz`, but not for another package's archive,
 * even one named as this one's, nor for the archive renamed. Any other finding's name is kept.
 */
export function identifyingName(finding: Finding, named: string): string {
  if (!atArchive(finding)) return named;
  const name = finding.properties?.package;
  const versionless = withoutVersion(named);
  return typeof name === 'string' ? `${versionless} (package ${name})` : versionless;
}

/**
 * The path a finding is at across releases, as a report that keys alerts by path (SARIF, for
 * GitHub code scanning) names it: `releases/acme-cli-<version>.tgz` for a finding that sits at
 * `releases/acme-cli-1.0.1.tgz` itself; any other finding's `named`.
 */
export function identifyingPath(finding: Finding, named: string): string {
  return atArchive(finding) ? withoutVersion(named) : named;
}

/** Whether a finding sits at the archive it is about: no package directory was found. */
export function atArchive(finding: Finding): boolean {
  return finding.properties?.artifact === finding.location.file;
}

/** `releases/acme-cli-<version>.tgz` for `releases/acme-cli-1.0.1.tgz`; a name without one as is. */
function withoutVersion(named: string): string {
  const slash = named.lastIndexOf('/') + 1;
  const match = VERSIONED_NAME.exec(named.slice(slash));
  return match ? `${named.slice(0, slash)}${match[1]}<version>${match[2]}` : named;
}
