import { versionControlFolder, type ShippedType } from '@posture/model';

/**
 * What a shipped file is, by its name: what `allowTypes` in the policy admits. Its content may
 * say more (`ContentScanner`): an archive under another name, a source map as `.json`.
 */
export function shippedType(packagePath: string): ShippedType {
  // npm never packs these folders, but vsce packs `.hg` and `.svn`, and a tarball or zip made with
  // tar or zip from a checkout holds `.git` too: the repository ships, history and all.
  if (versionControlFolder(packagePath) !== undefined) return 'version-control';
  // A web asset compressed as a server serves it is that asset, read unpacked: not an archive.
  const asset = PRECOMPRESSED.exec(packagePath);
  if (asset?.[1] !== undefined) return shippedType(asset[1]);
  const path = packagePath.toLowerCase();
  const base = path.split('/').pop() ?? '';
  for (const [type, test] of BY_PLACE) if (test.test(path)) return type;
  for (const [type, test] of BY_NAME) if (test.test(base)) return type;
  return 'other';
}

/**
 * A single web asset compressed as a static server serves it beside the original (`app.wasm.gz`,
 * `index.js.br`, as vite-plugin-compression and compression-webpack-plugin write them): one file,
 * not an archive of many, so it is the asset's type, and read unpacked as a compressed map is.
 */
const PRECOMPRESSED = /^(.+\.(?:[cm]?js|css|html?|json|svg|wasm|txt|xml))\.(?:gz|br)$/i;

/** Files known by their folder too: a bare `credentials` or `config.json` is anything. */
const BY_PLACE: readonly (readonly [ShippedType, RegExp])[] = [
  [
    'credentials',
    /(?:^|\/)\.(?:aws\/credentials|docker\/config\.json|cargo\/credentials(?:\.toml)?|gem\/credentials)$/,
  ],
];

/** In order: the first match wins, so `.d.ts` is a declaration before `.ts` is a source. */
const BY_NAME: readonly (readonly [ShippedType, RegExp])[] = [
  // A map compressed as a web server would serve it is still a map: it is read unpacked.
  ['declaration-map', /\.d\.[cm]?ts\.map(?:\.gz|\.br)?$/],
  ['source-map', /\.map(?:\.gz|\.br)?$/],
  // Wrangler's local secrets (`.dev.vars`, `.dev.vars.staging`) and direnv's `.envrc` are .env files.
  ['env', /^\.env(?:\..*)?$|\.env$|^\.envrc$|^\.dev\.vars(?:\..*)?$/],
  ['npmrc', /^\.npmrc$|^\.yarnrc(?:\.yml)?$/],
  // Terraform CLI's API tokens (credentials.tfrc.json) and Vault's login token too.
  [
    'credentials',
    /^[._]netrc$|^\.pgpass$|^\.git-credentials$|^\.pypirc$|^\.vault-token$|^credentials\.tfrc\.json$/,
  ],
  [
    'private-key',
    /\.(?:pem|key|p12|pfx|jks|keystore|ppk)$|^id_(?:rsa|dsa|ecdsa|ed25519)$|^\.?htpasswd$/,
  ],
  ['certificate', /\.(?:crt|cer|der|p7b|p7c|csr)$/],
  ['archive', /\.(?:zip|tgz|tar|gz|bz2|tbz2?|xz|txz|zst|tzst|br|lz|lzma|lz4|7z|rar|jar|war|ear)$/],
  ['declaration', /\.d\.[cm]?ts$/],
  // A coverage report's page of a source (istanbul's `coverage/lcov-report/index.ts.html`, as
  // nyc, Jest and Vitest write it) holds that source whole, line by line.
  ['typescript-source', /\.[cm]?tsx?(?:\.html)?$/],
  ['javascript', /\.[cm]?jsx?$/],
  ['json', /\.(?:json|jsonc|json5)$/],
  ['license', /^(?:license|licence|copying|notice)(?:\..*)?$/],
  ['markdown', /\.(?:md|markdown|mdx)$/],
  ['css', /\.(?:css|scss|sass|less)$/],
  ['html', /\.html?$/],
  ['wasm', /\.wasm$/],
  ['native-addon', /\.(?:node|so|dylib|dll)$/],
  ['image', /\.(?:png|jpe?g|gif|svg|ico|webp|avif)$/],
  ['font', /\.(?:woff2?|ttf|otf|eot)$/],
  ['text', /\.(?:txt|yml|yaml|toml|ini|csv)$/],
];

/** A source map by name, a declaration map among them: its `sourcesContent` is what leaks. */
export function isMap(type: ShippedType): boolean {
  return type === 'source-map' || type === 'declaration-map';
}

/**
 * How a file named as compressed is unpacked to be read: a map (`cli.js.map.gz`, `cli.js.map.br`)
 * or a precompressed web asset (`app.wasm.gz`).
 */
export type Compression = 'gzip' | 'brotli';

export function compressionByName(packagePath: string): Compression | undefined {
  if (!/\.map\.(?:gz|br)$/i.test(packagePath) && !PRECOMPRESSED.test(packagePath)) return undefined;
  return /gz$/i.test(packagePath) ? 'gzip' : 'brotli';
}

/**
 * A file named for its compression alone (`maps.br`, `bundle.gz`; not a tarball, `src.tar.gz`): an
 * archive by its name, though it may hold one source map, packed by a script or a server with
 * nothing in its name or header to tell (brotli has no header; gzip's names the file only when
 * `gzip` writes it). Its bytes say which.
 */
export function bareCompression(packagePath: string): Compression | undefined {
  const match = /(?<!\.tar)\.(gz|br)$/i.exec(packagePath);
  if (!match) return undefined;
  return match[1]?.toLowerCase() === 'gz' ? 'gzip' : 'brotli';
}

/**
 * A source map compressed in a format Node has no decoder for: named so (`cli.js.map.zst`,
 * `.map.xz`, `.map.bz2`, `.map.lz4`, `.map.lz`, `.map.lzma`), or named plainly (`cli.js.map`) with
 * the first bytes of zstd, xz or bzip2. It is not unpacked, so its sources and secrets are not
 * checked: the gate refuses it whatever the policy admits, rather than pass what it did not read.
 */
export function isUnopenedMap(entry: {
  readonly packagePath: string;
  readonly byContent?: string;
}): boolean {
  if (/\.map\.(?:zst|xz|bz2|lz4|lz|lzma)$/i.test(entry.packagePath)) return true;
  return (
    /\.map$/i.test(entry.packagePath) && ['zstd', 'xz', 'bzip2'].includes(entry.byContent ?? '')
  );
}

/**
 * Formats that are zip or gzip containers by design — Office and OpenDocument files, EPUB, SVGZ —
 * are documents and images, whatever their first bytes: never archives by content.
 */
export function containerByDesign(packagePath: string): boolean {
  return /\.(?:docx|xlsx|pptx|odt|ods|odp|epub|svgz)$/i.test(packagePath);
}
