import {
  conjoined,
  formatBytes,
  versionControlFolder,
  type ArtifactEntry,
  type ArtifactRule,
  type NotAllowedReason,
  type Severity,
  type ShippedType,
} from '@posture/model';
import { sentences } from '../messages.js';
import {
  atOrigin,
  coverageFolder,
  entryName,
  exclusionAdvice,
  mapPattern,
  packedPath,
} from './place.js';

const WHAT: Partial<Record<ShippedType, string>> = {
  'source-map': 'a source map',
  'declaration-map': 'a TypeScript declaration map',
  env: 'an environment file',
  npmrc: 'an npm configuration file',
  credentials: 'a credentials file',
  'private-key': 'a private key',
  certificate: 'a certificate',
  archive: 'an archive',
  'version-control': 'version control data (the repository and its history)',
  'typescript-source': 'TypeScript source',
};

const SEVERITY: Partial<Record<ShippedType, Severity>> = {
  'private-key': 'critical',
  // It exists to hold passwords and tokens (.netrc, .pgpass, .git-credentials, .aws/credentials).
  credentials: 'critical',
  certificate: 'medium',
};

/** The ignore line or `files` negation that keeps this kind of file out. */
function pattern(entry: ArtifactEntry): string {
  const path = packedPath(entry);
  const name = path.split('/').pop() ?? '';
  switch (entry.type) {
    case 'source-map':
      return mapPattern(entry);
    case 'declaration-map':
      return `*${name.slice(name.toLowerCase().lastIndexOf('.d.'))}`;
    case 'env':
      // `.env`, `.env.production` and `.envrc`; `.dev.vars` and `.dev.vars.staging`; or a name
      // that ends in `.env` (`config/deploy.env`).
      return /^\.env/i.test(name) ? '.env*' : /^\.dev\.vars/i.test(name) ? '.dev.vars*' : '*.env';
    case 'version-control': {
      // The folder's name, at whatever depth it is: npm and vsce (with its `**/`) keep all of it out.
      const folder = entry.kind === 'directory' ? path : versionControlFolder(path);
      return folder?.split('/').pop() ?? path;
    }
    case 'typescript-source': {
      // A coverage report's page (`index.ts.html`): its coverage folder, as coverage data's advice
      // names it, since the report's other files and data ship beside it.
      const coverage = name.toLowerCase().endsWith('.html') ? coverageFolder(path) : undefined;
      if (coverage !== undefined) return coverage;
      // Its own extension: `*.ts` leaves out `.tsx`, `.mts` and a coverage page's `.html`.
      const dir = path.split('/')[0];
      return path.includes('/') ? `${dir}/**/*${name.slice(name.lastIndexOf('.'))}` : path;
    }
    default:
      return path;
  }
}

/**
 * How to keep the file out. npm and pnpm never pack a version control folder, so one in what they
 * would have packed was packed otherwise: by tar or zip run in a checkout, which need telling. A
 * git bundle, packfile or Mercurial bundle outside one they pack as any file.
 */
function advice(entry: ArtifactEntry): string {
  const folder =
    entry.kind === 'directory' || versionControlFolder(entry.packagePath) !== undefined;
  if (entry.type === 'version-control' && entry.packer === 'npm' && folder)
    return `build the archive without ${pattern(entry)}: npm pack and pnpm pack never pack it, while tar or zip run in a checkout do unless told to leave it out`;
  return exclusionAdvice(entry, pattern(entry));
}

/** `1 file of 21 bytes`, `2,418 files, 3.1 MiB`. */
function folderSize(files: number, bytes: number): string {
  return files === 1
    ? `1 file of ${formatBytes(bytes)}`
    : `${files.toLocaleString('en-US')} files, ${formatBytes(bytes)}`;
}

/** `HEAD, config and objects/ab/cdef01`, or `HEAD, config, index and 2,415 more`. */
function named({ files, names }: { files: number; names: readonly string[] }): string {
  const more = files - names.length;
  return conjoined(more > 0 ? [...names, `${more.toLocaleString('en-US')} more`] : [...names]);
}

/** A file's last extension, as it names a compression (`.zst`). */
function extension(entry: ArtifactEntry): string {
  return entry.packagePath.slice(entry.packagePath.lastIndexOf('.'));
}

const BECAUSE: Readonly<Record<NotAllowedReason, (entry: ArtifactEntry) => string>> = {
  'outside-allowlist': () =>
    'It matches no glob and no type of the allowlist in the policy (artifact.allow, artifact.allowTypes)',
  'source-beside-build': () =>
    'The package ships built JavaScript, so its TypeScript sources are a copy of the source code, not part of the package',
  'source-paths': () =>
    "It has no sourcesContent, so it gives away the source tree's file names, not its code; it lets editors go to a definition only where the sources ship too. If it is meant to ship, admit it in the policy (artifact.allowTypes: [declaration-map], or an artifact.allow glob)",
  'unopened-map': () =>
    'Only maps compressed as gzip or brotli are unpacked (Node decodes them; posture bundles no other decoder and runs no native code), so whether this one embeds its sources or credentials was not checked, and no policy type or glob admits it. Ship the map as .map, .map.gz or .map.br instead, which are read unpacked',
  'denied-type': (entry) =>
    `Such files are kept out of packages unless the policy admits the type (artifact.allowTypes: [${entry.type}])`,
};

const rule: ArtifactRule = {
  kind: 'artifact',
  meta: {
    id: 'artifact-not-allowed',
    title: 'A file that must not ship is in the package',
    severity: 'high',
    why: 'Whatever is in the package is published to everyone who can install it, and a registry never forgets: in March 2026 a 60 MB source map with the whole TypeScript source shipped in an npm package because *.map was neither excluded by .npmignore nor left out of package.json "files". Source maps, TypeScript sources next to the built code (and the pages of a coverage report, such as coverage/lcov-report/index.ts.html, which hold them whole; outside the template folders a scaffolder copies into new projects, and but for a file of types only that a shipped declaration imports by its path, such as the types.ts of ESLint packages, which is part of the types, or one that imports the package itself by its root, from ".." or from its own name (not a subpath of it), as a type test such as types/index.test-d.ts or an example does), environment files (.env, .envrc, Wrangler\'s .dev.vars), credentials files (.netrc, .pgpass, .git-credentials, .pypirc, .aws/credentials, .docker/config.json, .cargo/credentials.toml, .gem/credentials, credentials.tfrc.json, .vault-token; and, by the secret they hold, a kubeconfig with a token, key or password, an rclone.conf, .s3cfg or .boto with a secret, gcloud application default credentials, a Google service account key under any name, a Composer auth.json with a token or password, a .terraformrc with an API token; critical), private keys, certificates, .npmrc files, archives and version control folders (.git, .hg, .svn, .bzr, and the CVS folder of each folder of a CVS checkout, whose Root can hold a pserver password: the repository and its history, which npm never packs but vsce packs all but .git, and tar or zip run in a checkout packs .git too; reported once per folder, with how many files and bytes it holds, not once per file; and a git bundle or packfile, or a Mercurial bundle (HG10, HG20, HG2Y) or stream clone bundle, under any name, by its first bytes) inside a package are almost never meant to ship. A file is known by its name, and by its content where that says more: an archive by its magic bytes under any name (a tarball renamed payload.dat; an old v7 tar by the checksum of its header, an Electron asar by its header), a source map by its shape (.map.json, a map saved as .js, an index map of sections, behind the XSSI guard a map may open with or not), a compressed map (.map.gz, .map.br, a .map whose first bytes are those of gzip, a gzip whose header names a map, a file named for its compression alone, such as maps.br or maps.gz, whose bytes unpack to a map) unpacked. A web asset precompressed as a static server serves it (app.wasm.gz, index.js.br, style.css.gz) is one file, not an archive: it is the type of the asset, read unpacked, so a map, archive or credential inside it is still found. A map compressed as Node cannot unpack (.map.zst, .map.xz, .map.bz2, or a .map whose first bytes are those of zstd, xz or bzip2) is not opened, so its content is unchecked: it is refused whatever the policy admits. A TypeScript declaration map (.d.ts.map) gives away the source tree\'s paths, not its code, and is low until the policy admits it; one that embeds its sources is a source map. When the policy has an allowlist (artifact.allow globs and artifact.allowTypes), every file outside it is reported too.',
    fix: 'Keep the file out of the package where it gets in: narrow the "files" entry that matches it (list dist/**/*.js rather than dist), add a negation ("!dist/**/*.map") to "files", or add the pattern to .npmignore. A file of a bundled dependency ships as the "files" and .npmignore of that dependency say, which those of the package do not reach: drop the dependency from bundleDependencies. A VS Code extension (its directory, or a .vsix) is packed by vsce, which reads .vscodeignore (or "files", not both, where a negation does not keep anything out) with globs such as **/*.map; the asar of an Electron app by electron-builder ("files" globs such as "!**/*.map") or Electron Forge (packagerConfig.ignore). If the file must ship, admit its type in the policy (artifact.allowTypes) so the decision is written down.',
    bad: {
      language: 'json',
      code: `{
  "name": "acme-cli",
  "files": ["dist"]
}`,
    },
    good: {
      language: 'json',
      code: `{
  "name": "acme-cli",
  "files": ["dist/**/*.js", "dist/**/*.d.ts"]
}`,
    },
    tags: ['security', 'artifact', 'npm', 'source-code-exposure', 'secrets'],
    cwe: ['CWE-538', 'CWE-540'],
    precision: 'very-high',
  },
  check(observation) {
    if (observation.kind !== 'not-allowed') return [];
    const { entry, reason, folder } = observation;
    const name = entryName(entry);
    const what = WHAT[entry.type];
    const because = BECAUSE[reason](entry);
    const severity =
      reason === 'source-paths' ? 'low' : reason === 'denied-type' && SEVERITY[entry.type];
    const shown = entry.byContent === undefined ? '' : ` by its content (${entry.byContent})`;
    const is = folder
      ? `is a version control folder (the repository and its history) of ${folderSize(folder.files, entry.size)}: ${named(folder)}, and `
      : reason === 'unopened-map'
        ? `is a source map compressed as ${entry.byContent ?? extension(entry)}, which could not be opened, and `
        : what
          ? `is ${what}${shown} and `
          : '';
    return [
      {
        ...atOrigin(entry),
        ...(severity && { severity }),
        message: sentences(
          `${name} ${is}would ship: it is let in by ${entry.origin.label}`,
          because,
          `To keep it out, ${advice(entry)}`,
        ),
      },
    ];
  },
};

export default rule;
