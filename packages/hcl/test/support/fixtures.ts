import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import type { Inventory, ResourceInstance } from '@posture/model';
import { loadTerraform, type LoadTerraformOptions } from '@posture/hcl';

export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

export function loadFixture(name: string, options: Partial<LoadTerraformOptions> = {}): Inventory {
  return loadTerraform({ root: fixture(name), ...options });
}

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes `files` (relative path → content) under a fresh temporary directory, removed after the file's tests. */
export function tempTree(files: Readonly<Record<string, string | Buffer>>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'posture-hcl-'));
  temporary.push(root);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
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
