import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadTerraform } from '@posture/hcl';

/** The shared corpus of real Terraform, beside the repository (`../shared/corpus`). */
const corpus = fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));
const repos = existsSync(corpus)
  ? readdirSync(corpus, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
  : [];

describe.skipIf(repos.length === 0)('the corpus of real Terraform', () => {
  it.each(repos)('%s loads without throwing, with bounded diagnostics', (repo) => {
    const inventory = loadTerraform({ root: `${corpus}/${repo}` });
    expect(inventory.files.length).toBeGreaterThan(0);
    expect(inventory.resources.length).toBeGreaterThan(0);
    expect(inventory.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(inventory.diagnostics.length).toBeLessThanOrEqual(2 * inventory.files.length);
    const read = new Set(inventory.files.map((f) => f.path));
    for (const r of inventory.resources) {
      expect(read.has(r.ranges['']?.file ?? '')).toBe(true);
      expect(r.rootModule).toBeDefined();
    }
    // Values are data: they survive a round trip through JSON.
    expect(() => JSON.stringify(inventory)).not.toThrow();
  });
});
