/**
 * Crafted configurations that would exhaust the stack or the heap: each is an error at the place
 * it is written (the gate fails closed), the rest of the load goes on, and nothing takes long.
 */
import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUnknown } from '@posture/model';
import { loadTerraform } from '@posture/hcl';
import { evalHcl } from './support/evaluate.js';
import { tempTree } from './support/fixtures.js';

/**
 * The bound, in ms, of a guard against input crafted to take exponential time: far above the well
 * under a second it takes since its fix, far below the minutes it took before.
 */
const BLOW_UP_MS = 10_000;

const chain = (n: number, link: (next: string) => string) =>
  [
    'locals {',
    ...Array.from({ length: n }, (_, i) => `  l${i} = ${link(`local.l${i + 1}`)}`),
    `  l${n} = "x"`,
    '}',
  ].join('\n');
const BUCKETS = `
resource "aws_s3_bucket" "crafted" {
  bucket = local.l0
}
resource "aws_s3_bucket" "plain" {
  bucket = "acme-releases"
}
`;

function load(files: Record<string, string>) {
  // As a scan loads: what resources read is evaluated.
  const focus = { resourceTypes: new Set(['aws_s3_bucket']) };
  const inventory = loadTerraform({ root: tempTree(files), focus });
  const errors = inventory.diagnostics.filter((d) => d.code === 'eval-too-large');
  return {
    inventory,
    errors: errors.map((d) => `${d.range.file}:${d.range.start.line} ${d.message}`),
  };
}

describe('crafted input within limits', () => {
  it.each([
    ['a chain of 100,000 locals', chain(100_000, (next) => next), /nested too deeply/],
    [
      'a sum of 200,000 terms',
      `locals {\n  l0 = ${Array(200_000).fill('1').join(' + ')}\n}`,
      /nested too deeply/,
    ],
    [
      '40 locals each doubling the next',
      chain(40, (next) => `"\${${next}}\${${next}}"`),
      /text of more than 16777216 characters/,
    ],
  ])(
    '%s: an error at the resource that reads it, the others evaluated',
    (_name, locals, reason) => {
      const { inventory, errors } = load({ 'main.tf': locals + BUCKETS });
      const line =
        (locals + BUCKETS).split('\n').indexOf('resource "aws_s3_bucket" "crafted" {') + 1;
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(new RegExp(`^main\\.tf:${line} `));
      expect(errors[0]).toMatch(reason);
      const plain = inventory.resources.find((r) => r.address === 'aws_s3_bucket.plain');
      expect(plain?.values.bucket).toBe('acme-releases');
    },
  );

  it('a for expression nested over long lists stops at a million elements', () => {
    const list = `[${Array.from({ length: 5000 }, (_, i) => i).join(', ')}]`;
    const locals = `locals {\n  l0 = length([for a in ${list} : [for b in ${list} : [a, b]]])\n}`;
    const { inventory, errors } = load({ 'main.tf': locals + BUCKETS });
    expect(errors[0]).toMatch(/for expression of more than 1000000 elements/);
    const crafted = inventory.resources.find((r) => r.address === 'aws_s3_bucket.crafted');
    expect(isUnknown(crafted?.values.bucket)).toBe(true);
  });

  it('a load that evaluates every local reports the first that is too deep, once', () => {
    const root = tempTree({ 'main.tf': chain(100_000, (next) => next) });
    const codes = loadTerraform({ root }).diagnostics.map((d) => `${d.code} ${d.range.start.line}`);
    expect(codes).toEqual(['eval-too-large 2']);
  });

  it('a .tfvars value or a Terragrunt unit nested too deeply is an error at its file', () => {
    const { errors } = load({
      'root/main.tf': 'variable "x" {}\nresource "aws_s3_bucket" "b" { bucket = var.x }\n',
      'root/terraform.tfvars': `x = ${Array(200_000).fill('1').join(' + ')}\n`,
      'unit/terragrunt.hcl': `terraform { source = "../root" }\n${chain(100_000, (next) => next)}\ninputs = { x = local.l0 }\n`,
    });
    expect(errors.map((e) => e.split(' ')[0]).sort()).toEqual([
      'root/terraform.tfvars:1',
      'unit/terragrunt.hcl:1',
    ]);
  });

  it('a module of 150,000 resources is loaded whole', () => {
    const many = Array.from({ length: 150_000 }, (_, i) => `resource "aws_s3_bucket" "b${i}" {}`);
    const { inventory } = load({ 'main.tf': many.join('\n') });
    expect(inventory.resources).toHaveLength(150_000);
  });

  it.each(['main.tf', 'terraform.tfvars'])(
    'a %s that is a symlink to nothing is an unreadable file, not a file passed by',
    (name) => {
      const root = tempTree({ 'ok.tf': 'resource "aws_s3_bucket" "ok" {}\n' });
      symlinkSync('generated/missing', join(root, name));
      const { diagnostics } = loadTerraform({ root });
      expect(diagnostics).toEqual([
        {
          severity: 'error',
          code: 'file-unreadable',
          message: 'cannot be read: ENOENT',
          range: expect.objectContaining({ file: name }),
        },
      ]);
    },
  );

  it('a named pipe called main.tf is an unreadable file, not a scan that waits forever', () => {
    const root = tempTree({
      'ok.tf': 'resource "aws_s3_bucket" "ok" {\n  bucket = "acme-releases"\n}\n',
    });
    const fifo = spawnSync('mkfifo', [join(root, 'pipe.tf')]);
    expect(fifo.status, 'mkfifo is needed for this test').toBe(0);
    const inventory = loadTerraform({ root });
    expect(inventory.resources.map((r) => r.address)).toEqual(['aws_s3_bucket.ok']);
    expect(inventory.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        code: 'file-unreadable',
        range: expect.objectContaining({ file: 'pipe.tf' }),
      }),
    );
  });

  // A backtracking RegExp takes seconds at 28 characters and doubles with each one more.
  const a50 = `${'a'.repeat(50)}!`;
  it.each([
    [`can(regex("^(a+)+$", "${a50}"))`, false],
    [`length(regexall("(a*)*b", "${a50}"))`, 0],
    [`replace("${a50}", "/^(a|a)+$/", "x")`, a50],
  ])("%s: Terraform's regular expressions run in linear time", (source, expected) => {
    const start = performance.now();
    expect(evalHcl(source)).toEqual(expected);
    expect(performance.now() - start).toBeLessThan(BLOW_UP_MS);
  });
});
