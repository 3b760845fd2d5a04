import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareManifest, inspectArtifact, ManifestError, manifestText } from '../src/index.js';
import { makePackage, npmPack, scratch } from './support.js';

describe('release manifests', () => {
  const dir = makePackage({
    'package.json': JSON.stringify({ name: 'evidence', version: '2.0.0', files: ['dist'] }),
    'dist/cli.js': 'run();\n',
    'dist/util.js': 'util();\n',
    'dist/gone.js': 'gone();\n',
  });
  const approved = join(dir, 'approved.json');

  it('written from the directory, matches the tarball npm packs from it', async () => {
    const local = await inspectArtifact({ root: dir, path: dir });
    writeFileSync(approved, manifestText(local));
    const manifest = JSON.parse(readFileSync(approved, 'utf8'));
    expect(manifest.package).toEqual({ name: 'evidence', version: '2.0.0' });
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual([
      'dist/cli.js',
      'dist/gone.js',
      'dist/util.js',
      'package.json',
    ]);
    const packed = await inspectArtifact({ root: dir, path: npmPack(dir) });
    expect(compareManifest(packed, approved, dir)).toEqual([]);
  });

  it('matches the tarball npm packs from hard-linked files, which holds one as a link', async () => {
    const linked = makePackage({
      'package.json': JSON.stringify({ name: 'hl', version: '1.0.0', main: 'dist/index.js' }),
      'dist/index.cjs': 'module.exports = 1;\n',
    });
    linkSync(join(linked, 'dist/index.cjs'), join(linked, 'dist/index.js'));
    const local = await inspectArtifact({ root: linked, path: linked });
    const packed = await inspectArtifact({ root: linked, path: npmPack(linked) });
    const manifest = join(linked, 'approved.json');
    writeFileSync(manifest, manifestText(local));
    expect(packed.files).toEqual(local.files);
    expect(compareManifest(packed, manifest, linked)).toEqual([]);
    expect(packed.observations.map((o) => o.kind === 'unsafe-entry' && o.problem)).toEqual([
      'hardlink-inside',
    ]);
  });

  it('reports every deviation: added, removed, changed content and size, at the manifest line', async () => {
    writeFileSync(join(dir, 'dist/cli.js'), 'run(); // changed\n');
    writeFileSync(join(dir, 'dist/util.js'), 'UTIL();\n');
    writeFileSync(join(dir, 'dist/cli.js.map'), '{}');
    rmSync(join(dir, 'dist/gone.js'));
    const packed = await inspectArtifact({ root: dir, path: npmPack(dir), packageDir: [dir] });
    const changes = compareManifest(packed, approved, dir).map((o) =>
      o.kind === 'manifest-mismatch'
        ? [o.packagePath, o.change, o.location.file, o.location.start.line]
        : [],
    );
    expect(changes.sort()).toEqual(
      [
        ['dist/cli.js', 'size', 'approved.json', 8],
        ['dist/cli.js.map', 'added', 'package.json', 1],
        ['dist/gone.js', 'removed', 'approved.json', 9],
        ['dist/util.js', 'content', 'approved.json', 10],
      ].sort(),
    );
  });

  it('refuses a file that is not a manifest', () => {
    const bad = join(scratch(), 'bad.json');
    writeFileSync(bad, '{"files": []}');
    return expect(
      inspectArtifact({ root: dir, path: dir }).then((i) => compareManifest(i, bad, dir)),
    ).rejects.toBeInstanceOf(ManifestError);
  });
});
