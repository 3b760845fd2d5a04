import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Inventory, Range, ResourceInstance } from '@posture/model';
import { loadPlan, type LoadedPlan } from '@posture/plan';
import { tempDir } from '../../../test/support/temp-dirs.js';

export const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Loads a fixture with the fixtures directory as the scan root. */
export function loadFixture(path: string): LoadedPlan {
  return loadPlan(join(fixtures, path), { root: fixtures });
}

/** Writes `content` as `name` in a fresh temporary directory, the root, and loads it. */
export function loadText(name: string, content: string | Buffer): Inventory {
  const root = tempDir('plan');
  writeFileSync(join(root, name), content);
  return loadPlan(join(root, name), { root });
}

export function resource(inventory: Inventory, address: string): ResourceInstance {
  const found = inventory.resources.find((r) => r.address === address);
  if (!found) throw new Error(`no ${address} in ${inventory.resources.map((r) => r.address)}`);
  return found;
}

/** `line:column` of a range's start, to compare with the fixture as an editor shows it. */
export function startOf(range: Range | undefined): string {
  return range ? `${range.start.line}:${range.start.column}` : 'none';
}
