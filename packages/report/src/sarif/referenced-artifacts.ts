import type { Artifact, Run } from 'sarif';
import { setOwn } from '@posture/model';

/**
 * The run with only the artifacts a location in it points at, renumbered. `run.artifacts` lists
 * every scanned file (about 230 bytes each): 100,000 of them pass GitHub's upload limit alone,
 * and GitHub needs none that no result or notification names.
 */
export function withReferencedArtifacts(run: Run): Run {
  const all = run.artifacts ?? [];
  const renumbered = new Map<number, number>();
  const kept: Artifact[] = [];
  const { artifacts: _all, ...rest } = run;
  const remapped = remap(rest, (index) => {
    let to = renumbered.get(index);
    if (to === undefined) {
      to = kept.push(all[index] as Artifact) - 1;
      renumbered.set(index, to);
    }
    return to;
  }) as Omit<Run, 'artifacts'>;
  return kept.length === 0 ? remapped : { ...remapped, artifacts: kept };
}

/** A copy of `value` with every `artifactLocation.index` passed through `to`. */
function remap(value: unknown, to: (index: number) => number): unknown {
  if (Array.isArray(value)) return value.map((item) => remap(item, to));
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const location = key === 'artifactLocation' && typeof item === 'object' && item !== null;
    const index = location ? (item as { index?: unknown }).index : undefined;
    // Finding properties hold keys read from scanned files: `__proto__` stays a key.
    setOwn(
      copy,
      key,
      typeof index === 'number' ? { ...(item as object), index: to(index) } : remap(item, to),
    );
  }
  return copy;
}
