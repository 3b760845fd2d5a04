import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StorageLink } from '@posture/model';
import { expect, it } from 'vitest';
import {
  extractLinks,
  listBuildFiles,
  type ExtractOptions,
  type ExtractResult,
} from '../src/index.js';
import { threadCpuMs } from '../../../test/support/cpu-time.js';
import { tempTree } from '../../../test/support/temp-dirs.js';

export const fixture = (name: string): string =>
  fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/**
 * The bound, in ms of the CPU time of the thread that runs it (`threadCpuMs`), of the guards against
 * inputs crafted to blow up. Each such input took from tens of seconds to hours before its fix, and
 * takes well under a second since; the bound sits far from both. CPU time, unlike the wall clock,
 * hardly grows on a busy machine (a load of 12 on 2 cores), so a guard fails on a blow-up only. How
 * fast a scan is is measured by `pnpm bench`, not here.
 */
export const BLOW_UP_MS = 20_000;

/** A scratch repository with these files (path → content), removed after the test file. */
export function repo(files: Record<string, string | Buffer>): string {
  return tempTree('buildconfig', files);
}

/** Lists the build files, then extracts and follows the scripts they run, as a scan does. */
export function scan(root: string, options?: ExtractOptions): ExtractResult {
  return extractLinks(root, listBuildFiles(root), { followScripts: () => true, ...options });
}

/** `scan(root)`, as a guard: it fails the test past `BLOW_UP_MS` of the thread's CPU time. */
export function scanGuarded(root: string): ExtractResult {
  const start = threadCpuMs();
  const result = scan(root);
  expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
  return result;
}

/** Extracts the links of one file given as text. */
export function scanText(path: string, text: string, options?: ExtractOptions): ExtractResult {
  const root = repo({ [path]: text });
  return extractLinks(root, [path], options);
}

/** `line:column-line:column` of a link's range. */
export function where(link: StorageLink): string {
  const { start, end } = link.range;
  return `${start.line}:${start.column}-${end.line}:${end.column}`;
}

/** The text a link's range covers in its file. */
export function written(root: string, link: StorageLink): string {
  return readFileSync(join(root, link.range.file), 'utf8').slice(
    link.range.start.offset,
    link.range.end.offset,
  );
}

/** The one link that starts at `line:column` in `file`. */
export function linkAt(links: readonly StorageLink[], file: string, position: string): StorageLink {
  const found = links.filter(
    (l) => l.range.file === file && `${l.range.start.line}:${l.range.start.column}` === position,
  );
  if (found.length !== 1) throw new Error(`${found.length} links at ${file}:${position}`);
  return found[0]!;
}

/** A link a fixture must hold: its file, `line:column-line:column`, the text it covers, its facts. */
export type ExpectedLink = [
  file: string,
  range: string,
  written: string,
  facts: Record<string, unknown>,
];

/** Tests that a fixture's links are exactly these, each at its range with its facts. */
export function itFindsExactly(
  root: string,
  result: ExtractResult,
  expected: ExpectedLink[],
): void {
  it.each(expected)('%s %s is %s', (file, range, text, facts) => {
    const link = linkAt(result.links, file, range.split('-')[0]!);
    expect(where(link)).toBe(range);
    expect(written(root, link)).toBe(text);
    expect(link).toMatchObject(facts);
  });

  it('finds no other link', () => {
    const listed = expected.map(([file, range]) => `${file} ${range}`).sort();
    expect(result.links.map((l) => `${l.range.file} ${where(l)}`).sort()).toEqual(listed);
  });
}
