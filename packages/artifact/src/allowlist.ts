import { globTest, type NotAllowedReason, type ShippedType } from '@posture/model';
import { isUnopenedMap } from './shipped-type.js';

/**
 * What may ship. Path globs say where files may be; types say what they may be. Dangerous types
 * (source maps, env files, credentials files, keys, certificates, `.npmrc`, archives, version
 * control folders) ship only when `allowTypes` names the type itself: a broad glob such as
 * `dist/**` never lets a source map through by accident.
 */
export interface Allowlist {
  /** Globs over package paths (`dist/**`, `package.json`), matched as the policy's other globs. */
  readonly allow?: readonly string[];
  readonly allowTypes?: readonly ShippedType[];
}

export const DENIED_TYPES: readonly ShippedType[] = [
  'source-map',
  'env',
  'npmrc',
  'credentials',
  'private-key',
  'certificate',
  'archive',
  'version-control',
];

export interface AllowlistEntry {
  readonly packagePath: string;
  readonly type: ShippedType;
  /** The format its content showed, where that gave its type (`ArtifactEntry.byContent`). */
  readonly byContent?: string;
}

/**
 * A folder of files a scaffolder copies into the projects it creates (create-t3-app's `template/`,
 * create-vite's `template-react-ts/`, a Yeoman generator's `templates/`, hygen's `_templates/`):
 * TypeScript there is the product the package ships, not the source of its built code.
 */
const TEMPLATE_DIR = /^(?:_?templates?|skeletons?|template-.+)$/i;

function inTemplate(packagePath: string): boolean {
  return packagePath
    .split('/')
    .slice(0, -1)
    .some((dir) => TEMPLATE_DIR.test(dir));
}

/**
 * Judges the files of one artifact. Without an allowlist, TypeScript sources are refused only in
 * a package that ships built JavaScript (they are then a leak of the source, not the package),
 * except in template folders and those of the package's types (`typeSources`: a file a shipped
 * declaration imports, or a type test or example that imports the package); a package of sources
 * is left alone. Declaration maps, which give
 * away the source tree's paths but not its code (one with `sourcesContent` is a source map), are
 * refused until the policy admits them. With an allowlist, a glob that names either admits it.
 * A source map compressed in a format that is not unpacked is refused whatever the policy says.
 */
export function notAllowed<E extends AllowlistEntry>(
  entries: readonly E[],
  allowlist: Allowlist,
  typeSources: ReadonlySet<string> = new Set(),
): Map<E, NotAllowedReason> {
  const types = new Set(allowlist.allowTypes ?? []);
  const globs = allowlist.allow ?? [];
  const matches = globTest(globs);
  const explicit = globs.length > 0 || types.size > 0;
  const shipsBuild = entries.some((e) => e.type === 'javascript');
  const byDesign = (path: string) => inTemplate(path) || typeSources.has(path);
  const verdicts = new Map<E, NotAllowedReason>();
  for (const entry of entries) {
    const reason = judge(entry);
    if (reason) verdicts.set(entry, reason);
  }
  return verdicts;

  function judge(entry: AllowlistEntry): NotAllowedReason | undefined {
    if (isUnopenedMap(entry)) return 'unopened-map';
    if (types.has(entry.type)) return undefined;
    if (DENIED_TYPES.includes(entry.type)) return 'denied-type';
    if (explicit) return matches(entry.packagePath) ? undefined : 'outside-allowlist';
    if (entry.type === 'typescript-source' && shipsBuild && !byDesign(entry.packagePath))
      return 'source-beside-build';
    if (entry.type === 'declaration-map') return 'source-paths';
    return undefined;
  }
}
