import { readdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkGithubProfile, toSarif } from '../src/index.js';
import { finding, Fixture, rule } from './support/fixture.js';
import { sarifSchemaErrors } from './support/sarif-schema.js';

describe('artifact URIs', () => {
  let fixture: Fixture | undefined;
  afterEach(() => fixture?.cleanup());

  function uriOf(file: string, root: Fixture): string | undefined {
    const log = toSarif(
      root.result({
        rules: [rule('s3-x')],
        findings: [finding('s3-x', root.range(file, 'bucket'))],
      }),
    );
    expect(checkGithubProfile(log, { srcRoot: root.baseDir })).toEqual([]);
    return log.runs[0]?.results?.[0]?.locations?.[0]?.physicalLocation?.artifactLocation?.uri;
  }

  it.each([
    ['main.tf', 'main.tf'],
    ['my stack/main.tf', 'my%20stack/main.tf'],
    ['données/bucket.tf', 'donn%C3%A9es/bucket.tf'],
    ['odd/100%#1?.tf', 'odd/100%25%231%3F.tf'],
    ['日本/桶.tf', '%E6%97%A5%E6%9C%AC/%E6%A1%B6.tf'],
  ])('encodes %j as %j', (file, uri) => {
    fixture = Fixture.create({ [file]: 'bucket = "b"\n' });
    expect(uriOf(file, fixture)).toBe(uri);
  });

  it('is relative to the repository top level, not the scan root', () => {
    fixture = Fixture.create({ 'main.tf': 'bucket = "b"\n' }, 'deploy/prod');
    expect(uriOf('main.tf', fixture)).toBe('deploy/prod/main.tf');
  });

  it('resolves symlinks to the file they point at inside the repository', () => {
    fixture = Fixture.create({ 'modules/s3/main.tf': 'bucket = "b"\n' });
    symlinkSync(path.join(fixture.root, 'modules/s3'), path.join(fixture.root, 'current'));
    expect(uriOf('current/main.tf', fixture)).toBe('modules/s3/main.tf');
  });

  it('resolves a directory below a symlinked one', () => {
    fixture = Fixture.create({ 'modules/s3/prod/main.tf': 'bucket = "b"\n' });
    symlinkSync(path.join(fixture.root, 'modules/s3'), path.join(fixture.root, 'current'));
    expect(uriOf('current/prod/main.tf', fixture)).toBe('modules/s3/prod/main.tf');
  });

  it('lists no directory again when given the scan’s listings', () => {
    const files = ['main.tf', 'a/one.tf', 'a/two.tf', 'a/b/three.tf'];
    fixture = Fixture.create(Object.fromEntries(files.map((f) => [f, 'bucket = "b"\n'])));
    symlinkSync(path.join(fixture.root, 'a'), path.join(fixture.root, 'link'));
    const scanned = [...files, 'link/one.tf'].map((f) => fixture!.scanned(f));
    const result = fixture.result({ files: scanned });
    const listed: string[] = [];
    const listDirectory = (dir: string) => {
      listed.push(path.relative(fixture!.root, dir) || '.');
      return readdirSync(dir, { withFileTypes: true });
    };
    const uris = (log: ReturnType<typeof toSarif>) =>
      log.runs[0]?.artifacts?.map((a) => a.location?.uri);
    expect(uris(toSarif(result, { listDirectory }))).toEqual(uris(toSarif(result)));
    expect(uris(toSarif(result))).toEqual(['main.tf', 'a/one.tf', 'a/two.tf', 'a/b/three.tf']);
    expect(listed.sort()).toEqual(['.', 'a', 'a/b', 'link']);
  });

  it('keeps the in-repository path of a symlink that points outside it', () => {
    const outside = Fixture.create({ 'shared.tf': 'bucket = "b"\n' });
    try {
      fixture = Fixture.create({});
      symlinkSync(path.join(outside.root, 'shared.tf'), path.join(fixture.root, 'linked.tf'));
      expect(uriOf('linked.tf', fixture)).toBe('linked.tf');
    } finally {
      outside.cleanup();
    }
  });

  it('never writes an absolute URI for a result, artifact or notification', () => {
    fixture = Fixture.create({ 'a b/main.tf': 'bucket = "b"\n' });
    const range = fixture.range('a b/main.tf', 'bucket');
    const log = toSarif(
      fixture.result({
        rules: [rule('s3-x')],
        findings: [finding('s3-x', range, { related: [{ label: 'block', range }] })],
        files: [fixture.scanned('a b/main.tf')],
        diagnostics: [{ severity: 'warning', code: 'c', message: 'm', range }],
      }),
    );
    const text = JSON.stringify(log.runs[0], (key, value: unknown) =>
      key === 'originalUriBaseIds' ? undefined : value,
    );
    expect(text).not.toContain(fixture.baseDir);
    expect(text).not.toContain('file:');
  });

  // `--config ../../central/strict.yaml` from the root deploy/: a finding on the policy file is
  // named from the repository's top, as %SRCROOT% resolves it, relative and valid.
  it('names a file outside the repository from its top level, relative and valid', () => {
    fixture = Fixture.create({ 'main.tf': 'bucket = "b"\n' }, 'deploy');
    const outside = '../../central/strict.yaml';
    const range = { ...fixture.range('main.tf', 'bucket'), file: outside };
    const log = toSarif(
      fixture.result({
        rules: [rule('s3-x')],
        findings: [finding('s3-x', range)],
        policy: { path: path.resolve(fixture.root, outside) },
      }),
    );
    expect(sarifSchemaErrors(log)).toEqual([]);
    const location = log.runs[0]?.results?.[0]?.locations?.[0]?.physicalLocation;
    expect(location?.artifactLocation).toEqual({
      uri: '../central/strict.yaml',
      uriBaseId: '%SRCROOT%',
    });
    expect(JSON.stringify(log.runs[0]?.properties)).toBe('{"policy":{"path":"strict.yaml"}}');
  });
});
