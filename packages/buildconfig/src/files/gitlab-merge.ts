/**
 * What a GitLab job and the jobs it extends write, merged as GitLab merges them (see `mergedWrites`),
 * as a tree that jobs share: the jobs a job extends are merged once for every job that extends the
 * same ones, and each job's own keys lie over that merge (`mergedOver`) without copying it. 6,000
 * jobs extending the same thirty templates of 300 variables each held a copy of them (843 MB).
 */
import { isRecord, valueAt, type Path } from '../structured/doc.js';

/** What the jobs of a chain write at one place, merged. */
export interface Merged {
  /** The job whose value this is; of a hash, the first job (the one that wins) that writes one. */
  readonly owner: string;
  /** Of a hash, its keys merged; none for a value that one job writes whole. */
  readonly keys?: ReadonlyMap<string, Merged>;
  /** Of a hash over another (`mergedOver`), the hash under it, whose other keys it has too. */
  readonly under?: Merged;
  /**
   * Of a hash, whether a job below those whose hashes merge here writes something other than a
   * hash, which replaces whatever is below it: nothing lower merges in.
   */
  readonly closed?: boolean;
}

/**
 * What the jobs of a chain write (the one whose values win first), merged: hashes merge down to
 * the first job that writes something else there, which replaces them. Each hash's keys are read
 * once, not each job of the chain again for every key (a chain of many templates, each setting a
 * variable of its own, was quadratic in them for every job that extends it).
 */
export function mergedWrites(
  written: readonly { owner: string; value: unknown }[],
): Merged | undefined {
  const writers = written.filter(({ value }) => value !== undefined);
  if (writers.length === 0) return undefined;
  const replacing = writers.findIndex(({ value }) => !isRecord(value));
  if (replacing === 0) return { owner: writers[0]!.owner };
  const hashes = replacing < 0 ? writers : writers.slice(0, replacing);
  const byKey = new Map<string, { owner: string; value: unknown }[]>();
  for (const { owner, value } of hashes)
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const writing = byKey.get(key) ?? [];
      if (writing.length === 0) byKey.set(key, writing);
      writing.push({ owner, value: child });
    }
  const keys = new Map([...byKey].map(([key, writing]) => [key, mergedWrites(writing)!]));
  return { owner: hashes[0]!.owner, keys, closed: replacing >= 0 };
}

/**
 * The merge of a chain from that of its first jobs (`over`) and that of the rest (`under`): the
 * same as `mergedWrites` of the whole chain, but sharing `under`, of which only the keys that
 * `over` writes too are merged again.
 */
export function mergedOver(
  over: Merged | undefined,
  under: Merged | undefined,
): Merged | undefined {
  if (!over?.keys || over.closed || !under) return over ?? under;
  if (!under.keys) return { ...over, closed: true };
  const keys = new Map(
    [...entriesOf(over)].map(([key, child]) => [key, mergedOver(child, childOf(under, key))!]),
  );
  return { owner: over.owner, keys, under, closed: under.closed };
}

/** The keys of a merged hash with what each has: those over the hash under it first. */
function* entriesOf(node: Merged): Generator<[string, Merged]> {
  yield* node.keys ?? [];
  if (node.under)
    for (const entry of entriesOf(node.under)) if (!node.keys!.has(entry[0])) yield entry;
}

function childOf(node: Merged, key: string): Merged | undefined {
  return node.keys?.get(key) ?? (node.under && childOf(node.under, key));
}

/** Whether the merge at `path` is one job's value: not a hash, or a hash of no keys (`release: {}`). */
function isWhole(node: Merged, path: Path): boolean {
  return !node.keys || (path.length > 0 && entriesOf(node).next().done === true);
}

/** Each value of the merge, at or below `path`, with the job that writes it. */
export function* mergedValues(node: Merged, path: Path): Generator<{ path: Path; owner: string }> {
  if (isWhole(node, path)) yield { path, owner: node.owner };
  else for (const [key, child] of entriesOf(node)) yield* mergedValues(child, [...path, key]);
}

const records = new WeakMap<Merged, Record<string, unknown>>();

/**
 * The merge as data, its values those that `data` has where their jobs write them. A hash is made
 * once: the jobs that share it share its record.
 */
export function mergedData(data: unknown, node: Merged, path: Path): unknown {
  if (isWhole(node, path)) return valueAt(data, [node.owner, ...path]);
  let record = records.get(node);
  if (!record) {
    // Built with `fromEntries`, so that a key such as `__proto__` is a key like any other.
    record = Object.fromEntries(
      [...entriesOf(node)].map(([key, child]) => [key, mergedData(data, child, [...path, key])]),
    );
    records.set(node, record);
  }
  return record;
}
