/** What a module `source` string is, and where `terraform init` put the ones it downloaded. */
import type { ModuleSourceKind } from '@posture/model';

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

/**
 * `.terraform/modules/modules.json` of a root module: module key (`a`, `a.b` for module b inside
 * module a) → directory, relative to the root module's directory.
 */
export function parseManifest(text: string | undefined): Map<string, string> {
  const dirs = new Map<string, string>();
  if (text === undefined) return dirs;
  try {
    const parsed = JSON.parse(text) as { Modules?: unknown };
    for (const entry of Array.isArray(parsed.Modules) ? parsed.Modules : []) {
      const { Key: key, Dir: dir } = (entry ?? {}) as { Key?: unknown; Dir?: unknown };
      if (typeof key === 'string' && typeof dir === 'string')
        dirs.set(key, dir.replace(/\\/g, '/'));
    }
  } catch {
    // An unreadable manifest is the same as none: the modules show as unresolved.
  }
  return dirs;
}
