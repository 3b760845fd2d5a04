/** What a module `source` string is, and where `terraform init` put the ones it downloaded. */
import path from 'node:path';
import { findNodeAtLocation, getNodeValue, parseTree, type ParseError } from 'jsonc-parser';
import {
  constraintAllows,
  jsonTooDeepAt,
  LineIndex,
  parseModuleVersion,
  type ModuleSourceKind,
  type Position,
} from '@posture/model';

export function isLocalSource(source: string): boolean {
  return /^\.\.?([/\\]|$)/.test(source);
}

const GIT = [/^git::/, /^git@/, /^(github\.com|bitbucket\.org)\//, /\.git($|\/\/|\?)/];
const REGISTRY = /^([a-z0-9][a-z0-9.-]*\.[a-z]+\/)?[\w-]+\/[\w-]+\/[\w-]+(\/\/.*)?$/i;

export function sourceKind(source: string): ModuleSourceKind {
  if (isLocalSource(source)) return 'local';
  if (GIT.some((pattern) => pattern.test(source))) return 'git';
  if (REGISTRY.test(source)) return 'registry';
  return 'other';
}

/** An entry of `.terraform/modules/modules.json`: a module `terraform init` says it installed. */
export interface InstalledModule {
  /** Its directory, relative to the root module's. */
  readonly dir: string;
  readonly source?: string;
  /** The version installed from a registry. */
  readonly version?: string;
  /** Where the entry is written in modules.json. */
  readonly at: Position;
}

/** Entries are written one level down: a manifest nested deeper is none Terraform wrote. */
const MAX_MANIFEST_DEPTH = 16;

/**
 * `.terraform/modules/modules.json` of a root module: module key (`a`, `a.b` for module b inside
 * module a) → what was installed for it. An unreadable manifest is the same as none: the modules
 * show as unresolved.
 */
export function parseManifest(text: string | undefined): Map<string, InstalledModule> {
  const installed = new Map<string, InstalledModule>();
  if (text === undefined || jsonTooDeepAt(text, MAX_MANIFEST_DEPTH) >= 0) return installed;
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true });
  const modules = root && errors.length === 0 ? findNodeAtLocation(root, ['Modules']) : undefined;
  const lines = new LineIndex(text);
  for (const node of modules?.type === 'array' ? (modules.children ?? []) : []) {
    const entry = node.type === 'object' ? (getNodeValue(node) as Record<string, unknown>) : {};
    const { Key: key, Dir: dir, Source: source, Version: version } = entry;
    if (typeof key !== 'string' || typeof dir !== 'string') continue;
    installed.set(key, {
      dir: dir.replace(/\\/g, '/'),
      ...(typeof source === 'string' && { source }),
      ...(typeof version === 'string' && { version }),
      at: lines.position(node.offset),
    });
  }
  return installed;
}

/** Where `terraform init` installs every module it downloads, under the root module. */
const INSTALL_DIR = '.terraform/modules/';

/**
 * Why `entry` does not stand for a call to a registry or remote `source` (when known) that asks for
 * `version`, or undefined when it may. `terraform init` installs such a module under
 * `.terraform/modules` and records the source and version it installed; an entry that says
 * otherwise is none it wrote (a manifest committed to the repository, or edited), and must not
 * have the call read another directory of the repository, a decoy, in place of the module.
 */
export function manifestMismatch(
  entry: InstalledModule,
  source: string | undefined,
  version: string | undefined,
): string | undefined {
  if (!path.posix.normalize(entry.dir).startsWith(INSTALL_DIR))
    return `its Dir "${entry.dir}" is not under .terraform/modules, where terraform init installs a module it downloads`;
  if (source !== undefined && entry.source !== undefined && !sameAddress(entry.source, source))
    return `its Source "${entry.source}" is not the call's`;
  const installed = entry.version === undefined ? undefined : parseModuleVersion(entry.version);
  if (version !== undefined && installed && !constraintAllows(version, installed))
    return `its Version "${entry.version}" is not one the call's version "${version}" allows`;
  return undefined;
}

/**
 * Whether two module sources name the same module, however each is written: Terraform records a
 * registry address with its host (`registry.terraform.io/ns/name/provider`) and a git one as
 * go-getter's URL (`git::https://github.com/org/repo.git` for `github.com/org/repo`,
 * `git::ssh://git@github.com/org/repo.git` for `git@github.com:org/repo.git`).
 */
function sameAddress(a: string, b: string): boolean {
  return address(a) === address(b);
}

function address(source: string): string {
  return source
    .trim()
    .toLowerCase()
    .replace(/^[a-z0-9]+::/, '')
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^[^@/]+@/, '')
    .replace(/^([^/:]+):(?!\d+\/)/, '$1/')
    .replace(/^registry\.(terraform\.io|opentofu\.org)\//, '')
    .replace(/\.git(?=\/\/|\?|$)/, '')
    .replace(/\/+$/, '');
}
