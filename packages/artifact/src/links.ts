/**
 * Where a symbolic link in an archive leads, worked out from the archive alone: its target is
 * resolved from the link's folder, through the archive's other links, as an extractor that
 * created them all would. A macOS framework's `Versions/Current -> A` stays inside; `/etc/passwd`,
 * `../../x`, or `up -> ..` followed by `up/..` does not.
 */

/** Linux gives up after 40 links (ELOOP); a longer chain is not settled, so it counts as leading out. */
const MAX_HOPS = 40;

/** Whether the link at `path` (a package path) resolves inside the package. */
export function staysInside(path: string, links: ReadonlyMap<string, string>): boolean {
  const target = links.get(path);
  if (target === undefined) return false;
  let hops = 0;

  /** Walks `target` from the folder `from`; undefined once it climbs above the root. */
  function walk(from: readonly string[], target: string): string[] | undefined {
    if (++hops > MAX_HOPS || /^(?:[\\/]|[A-Za-z]:)/.test(target)) return undefined;
    let at = [...from];
    // Windows extractors take `\` as a separator too.
    for (const segment of target.split(/[\\/]/)) {
      if (segment === '' || segment === '.') continue;
      if (segment === '..') {
        if (at.length === 0) return undefined;
        at.pop();
        continue;
      }
      at.push(segment);
      const next = links.get(at.join('/'));
      if (next === undefined) continue;
      const resolved = walk(at.slice(0, -1), next);
      if (resolved === undefined) return undefined;
      at = resolved;
    }
    return at;
  }

  const folder = walk([], path.split('/').slice(0, -1).join('/'));
  return folder !== undefined && walk(folder, target) !== undefined;
}
