/**
 * re2js is loaded on first use, and the CLI's bundle leaves it outside: when it cannot be loaded, a
 * regular-expression call is an error at the place it is written (the gate fails closed), never a
 * value read as unknown, or as a bad pattern, in silence.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadRe2jsWith, re2js } from '@posture/model';
import { loadTerraform } from '@posture/hcl';
import { tempTree } from './support/fixtures.js';

const working = re2js();

describe('regular expressions without their engine', () => {
  afterEach(() => loadRe2jsWith(() => working));

  it.each([
    'regex("^acme-(.*)$", "acme-releases")',
    'replace("acme-releases", "/-.*/", "")',
    'can(regex("^acme-", "acme-releases")) ? "a" : "b"',
  ])('%s: an error at the resource, not a silent unknown', (expr) => {
    loadRe2jsWith(() => {
      throw new Error("Cannot find module 're2js'\nRequire stack: …");
    });
    const root = tempTree({
      'main.tf': `resource "aws_s3_bucket" "b" {\n  bucket = ${expr}\n}\n`,
    });
    const inventory = loadTerraform({ root, focus: { resourceTypes: new Set(['aws_s3_bucket']) } });
    const errors = inventory.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.code, d.range.file, d.range.start.line, d.message])).toEqual([
      [
        'eval-unavailable',
        'main.tf',
        1,
        "the regular-expression engine re2js could not be loaded (Cannot find module 're2js'); its values were not checked",
      ],
    ]);
    // As for a resource too deep to evaluate, the resource is not read: the error stands for it.
    expect(inventory.resources).toEqual([]);
  });
});
