import { fileURLToPath } from 'node:url';
import type { Inventory, ResourceInstance } from '@posture/model';
import { loadTerraform, type LoadTerraformOptions } from '@posture/hcl';
import { tempTree as tempTreeNamed } from '../../../../test/support/temp-dirs.js';

export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

export function loadFixture(name: string, options: Partial<LoadTerraformOptions> = {}): Inventory {
  return loadTerraform({ root: fixture(name), ...options });
}

/** Writes `files` (relative path → content) under a fresh temporary directory, removed after the file's tests. */
export function tempTree(files: Readonly<Record<string, string | Buffer>>): string {
  return tempTreeNamed('hcl', files);
}

export function resource(inventory: Inventory, address: string): ResourceInstance {
  const found = inventory.resources.find((r) => r.address === address);
  if (!found) {
    const known = inventory.resources.map((r) => r.address).join(', ');
    throw new Error(`no resource ${address}; have ${known}`);
  }
  return found;
}

export function codes(inventory: Inventory): string[] {
  return inventory.diagnostics.map((d) => d.code);
}
