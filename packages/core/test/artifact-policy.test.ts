import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  builtinRules,
  DEFAULT_POLICY,
  loadPolicyFile,
  PolicyError,
  SHIPPED_TYPES,
} from '../src/index.js';
import { tempDir } from '../../../test/support/temp-dirs.js';

const KNOWN = new Set(builtinRules.map((r) => r.meta.id));

function load(text: string) {
  const path = join(tempDir('policy'), 'posture.config.yaml');
  writeFileSync(path, text);
  return loadPolicyFile(path, KNOWN).policy;
}

describe('the artifact section of the policy', () => {
  it('defaults to no allowlist and the built-in bounds', () => {
    expect(load('owner: sec@acme.example\n').artifact).toEqual(DEFAULT_POLICY.artifact);
  });

  it('reads globs, types and limits', () => {
    const policy = load(
      "artifact:\n  allow: ['dist/**']\n  allowTypes: [source-map, javascript]\n  limits: { maxEntries: 50000 }\n",
    );
    expect(policy.artifact).toEqual({
      allow: ['dist/**'],
      allowTypes: ['source-map', 'javascript'],
      limits: { maxEntries: 50000 },
    });
  });

  it('refuses an unknown type or limit, naming the field and line', () => {
    expect(() => load('artifact:\n  allowTypes: [binaries]\n')).toThrow(PolicyError);
    expect(() => load('artifact:\n  limits:\n    maxFiles: 3\n')).toThrow(
      /:3: artifact\.limits\.maxFiles: unknown setting/,
    );
  });

  it('lists in its schema exactly the types the model knows', () => {
    const schema = JSON.parse(
      readFileSync(new URL('../src/policy/posture-config.schema.json', import.meta.url), 'utf8'),
    );
    expect(schema.properties.artifact.properties.allowTypes.items.enum).toEqual([...SHIPPED_TYPES]);
  });
});
