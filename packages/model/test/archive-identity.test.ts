import { describe, expect, it } from 'vitest';
import { identifyingName, type Finding } from '@posture/model';

/** A finding of `posture artifact` about a shipped map, sitting at `file`, of the artifact `artifact`. */
function finding(file: string, artifact: string): Finding {
  const at = { line: 1, column: 1, offset: 0 };
  return {
    ruleId: 'artifact-not-allowed',
    severity: 'high',
    message: 'm',
    location: { file, start: at, end: at },
    related: [],
    properties: { artifact, packagePath: 'dist/cli.js.map' },
  };
}

describe('identifyingName', () => {
  it.each([
    ['acme-cli-1.0.1.tgz', 'acme-cli-<version>.tgz'],
    ['releases/acme-cli-1.0.1.tgz', 'releases/acme-cli-<version>.tgz'],
    ['acme-cli-2.0.0-beta.2.tgz', 'acme-cli-<version>.tgz'],
    ['acme-cli-2.0.0-rc.1+build.7.tgz', 'acme-cli-<version>.tgz'],
    ['acme-cli-1.0.1.tar.gz', 'acme-cli-<version>.tar.gz'],
    ['acme-cli-v1.0.1.zip', 'acme-cli-<version>.zip'],
    ['socket.io-4.7.2.tgz', 'socket.io-<version>.tgz'],
    ['acme-ext-0.4.0.vsix', 'acme-ext-<version>.vsix'],
    ['Acme-1.2.3-arm64-mac.zip', 'Acme-<version>.zip'],
    ['acme-linux-1.2.3.zip', 'acme-linux-<version>.zip'],
    // No version to take out: the name is the identity.
    ['acme-cli.tgz', 'acme-cli.tgz'],
    ['app.asar', 'app.asar'],
    ['1.0.0.tgz', '1.0.0.tgz'],
    ['acme-cli-1.0.tgz', 'acme-cli-1.0.tgz'],
  ])('names a finding at the archive %s as %s', (archive, identity) => {
    expect(identifyingName(finding(archive, archive), archive)).toBe(identity);
  });

  it.each([
    ['package.json of a package directory', 'pkg-1.0.0/package.json', 'pkg-1.0.0'],
    ['a "files" entry, for a tarball', 'acme-cli/package.json', 'acme-cli-1.0.0.tgz'],
  ])('keeps the name of a finding at %s', (_what, file, artifact) => {
    expect(identifyingName(finding(file, artifact), file)).toBe(file);
  });

  it.each([
    ['acme-cli-1.0.0.tgz', 'acme-cli', 'acme-cli-<version>.tgz (package acme-cli)'],
    ['acme-cli-1.0.0.tgz', 'other-cli', 'acme-cli-<version>.tgz (package other-cli)'],
    ['renamed.tgz', 'acme-cli', 'renamed.tgz (package acme-cli)'],
  ])('names a finding at %s holding the package %s as %s', (archive, name, identity) => {
    const at = finding(archive, archive);
    const named = { ...at, properties: { ...at.properties, package: name } };
    expect(identifyingName(named, archive)).toBe(identity);
  });

  it('keeps the name of a finding that is not about an artifact', () => {
    const { properties: _none, ...plain } = finding('acme-cli-1.0.0.tgz', '');
    expect(identifyingName(plain, 'acme-cli-1.0.0.tgz')).toBe('acme-cli-1.0.0.tgz');
  });
});
