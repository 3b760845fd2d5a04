import { describe, expect, it } from 'vitest';
import type { ShippedType } from '@posture/model';
import {
  bareCompression,
  compressionByName,
  containerByDesign,
  shippedType,
} from '../src/shipped-type.js';

describe('what a shipped file is, by its name', () => {
  // [the package path, its type]
  const CASES: [string, ShippedType][] = [
    ['dist/cli.js.map', 'source-map'],
    ['dist/cli.js.map.gz', 'source-map'],
    ['dist/cli.js.map.br', 'source-map'],
    ['dist/CLI.JS.MAP.GZ', 'source-map'],
    ['dist/index.d.ts.map', 'declaration-map'],
    ['dist/index.d.mts.map', 'declaration-map'],
    ['dist/index.d.cts.map', 'declaration-map'],
    ['dist/index.d.ts.map.gz', 'declaration-map'],
    ['dist/index.d.ts', 'declaration'],
    ['vendor/src.tgz', 'archive'],
    ['vendor/src.tbz2', 'archive'],
    ['vendor/src.tbz', 'archive'],
    ['vendor/src.txz', 'archive'],
    ['vendor/src.tzst', 'archive'],
    ['vendor/src.tar.br', 'archive'],
    ['vendor/src.tar.lz4', 'archive'],
    ['vendor/src.ts.gz', 'archive'],
    // A web asset precompressed as a server serves it is that asset.
    ['dist/app.js.br', 'javascript'],
    ['dist/app.wasm.gz', 'wasm'],
    ['dist/style.CSS.GZ', 'css'],
    ['dist/data.json.br', 'json'],
    ['dist/index.html.gz', 'html'],
    ['.env', 'env'],
    ['.env.local', 'env'],
    ['config/deploy.env', 'env'],
    ['.envrc', 'env'],
    ['worker/.dev.vars', 'env'],
    ['worker/.dev.vars.staging', 'env'],
    ['.netrc', 'credentials'],
    ['_netrc', 'credentials'],
    ['.pgpass', 'credentials'],
    ['.git-credentials', 'credentials'],
    ['.pypirc', 'credentials'],
    ['.aws/credentials', 'credentials'],
    ['home/.aws/credentials', 'credentials'],
    ['.docker/config.json', 'credentials'],
    ['.cargo/credentials.toml', 'credentials'],
    ['.cargo/credentials', 'credentials'],
    ['.gem/credentials', 'credentials'],
    ['.vault-token', 'credentials'],
    ['.terraform.d/credentials.tfrc.json', 'credentials'],
    // Coverage reports' pages of TypeScript sources (istanbul's HTML reporter), not other pages.
    ['coverage/lcov-report/src/cli.ts.html', 'typescript-source'],
    ['coverage/src/App.tsx.html', 'typescript-source'],
    ['coverage/index.html', 'html'],
    ['coverage/lcov-report/src/cli.js.html', 'html'],
    ['docs/index.html', 'html'],
    ['.git/objects/ab/cdef0123', 'version-control'],
    ['.git/config', 'version-control'],
    ['node_modules/dep/.hg/store/data/index.js.i', 'version-control'],
    ['src/.svn/pristine/3f/3f0a.svn-base', 'version-control'],
    ['.bzr/branch/branch.conf', 'version-control'],
    ['.GIT/HEAD', 'version-control'],
    ['CVS/Root', 'version-control'],
    ['src/CVS/Entries', 'version-control'],
    // The same names elsewhere are anything.
    ['credentials', 'other'],
    ['aws/credentials', 'other'],
    ['.aws/config', 'other'],
    ['.cargo/config.toml', 'text'],
    ['cargo/credentials.toml', 'text'],
    ['config.json', 'json'],
    ['docker/config.json', 'json'],
    ['src/credentials.ts', 'typescript-source'],
    ['docs/netrc.md', 'markdown'],
    ['.envrc.md', 'markdown'],
    ['dev.vars', 'other'],
    // Their ignore files, a submodule's `.git` file and names that only start so are not.
    ['.gitignore', 'other'],
    ['.hgignore', 'other'],
    ['vendor/dep/.git', 'other'],
    ['.github/workflows/ci.yml', 'text'],
    ['.gitlab/ci.yml', 'text'],
    // CVS's folder is named so exactly: a `cvs` module, or a file named CVS, is not one.
    ['lib/cvs/index.js', 'javascript'],
    ['docs/CVS', 'other'],
  ];

  it.each(CASES)('%s is %s', (path, type) => {
    expect(shippedType(path)).toBe(type);
  });
});

describe('maps and web assets named as compressed are unpacked by their name', () => {
  const CASES: [string, string | undefined][] = [
    ['dist/cli.js.map.gz', 'gzip'],
    ['dist/cli.js.map.GZ', 'gzip'],
    ['dist/cli.js.map.br', 'brotli'],
    ['dist/index.d.ts.map.br', 'brotli'],
    ['dist/cli.js.map', undefined],
    ['dist/cli.js.gz', 'gzip'],
    ['dist/app.wasm.br', 'brotli'],
    ['vendor/src.tar.gz', undefined],
    ['vendor/src.gz', undefined],
    ['dist/cli.js.map.zst', undefined],
  ];

  it.each(CASES)('%s: %s', (path, compression) => {
    expect(compressionByName(path)).toBe(compression);
  });
});

describe('a file named for its compression alone is told by its bytes', () => {
  const CASES: [string, string | undefined][] = [
    ['vendor/maps.br', 'brotli'],
    ['vendor/maps.BR', 'brotli'],
    ['vendor/maps.gz', 'gzip'],
    ['vendor/src.tar.gz', undefined],
    ['vendor/src.tar.br', undefined],
    ['vendor/src.tgz', undefined],
    ['vendor/maps.zst', undefined],
  ];

  it.each(CASES)('%s: %s', (path, compression) => {
    expect(bareCompression(path)).toBe(compression);
  });
});

describe('containers by design are not archives by content', () => {
  const CASES: [string, boolean][] = [
    ['docs/report.docx', true],
    ['docs/sheet.XLSX', true],
    ['docs/book.epub', true],
    ['img/logo.svgz', true],
    ['vendor/payload.dat', false],
    ['vendor/app.apk', false],
  ];

  it.each(CASES)('%s: %s', (path, byDesign) => {
    expect(containerByDesign(path)).toBe(byDesign);
  });
});
