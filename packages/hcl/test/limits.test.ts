/**
 * Crafted configurations that would exhaust the stack or the heap: each is an error at the place
 * it is written (the gate fails closed), the rest of the load goes on, and nothing takes long.
 */
import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { isUnknown } from '@posture/model';
import { TooLarge } from '../src/eval/unknowns.js';
import { loadTerraform } from '@posture/hcl';
import { evalHcl } from './support/evaluate.js';
import { tempTree } from './support/fixtures.js';
import { GUARD_TIMEOUT_MS, threadCpuMs } from '../../../test/support/cpu-time.js';

/**
 * The bound, in ms of the CPU time of the thread that runs it, of a guard against input crafted to
 * take exponential time: far above the well under a second it takes since its fix, far below the
 * minutes it took before.
 */
const BLOW_UP_MS = 10_000;

// The guards against blow-ups bound CPU time; a busy machine may take long to give it them.
vi.setConfig({ testTimeout: GUARD_TIMEOUT_MS });

const chain = (n: number, link: (next: string) => string, last = '"x"') =>
  [
    'locals {',
    ...Array.from({ length: n }, (_, i) => `  l${i} = ${link(`local.l${i + 1}`)}`),
    `  l${n} = ${last}`,
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

  // Each local doubles the one after it: the first past a bound is the error, and what reads it
  // is unknown, however many more doublings there are above it.
  it.each([
    [
      'text, through a template',
      chain(40, (next) => `"\${${next}}\${${next}}"`),
      'l15',
      /^text of more than 16777216 characters/,
    ],
    [
      'text, through replace',
      chain(40, (next) => `replace(${next}, "x", "xx")`),
      'l15',
      /^replace\(\) of more than 16777216 characters/,
    ],
    [
      'a list, through concat',
      chain(40, (next) => `concat(${next}, ${next})`, '["x"]'),
      'l20',
      /^concat\(\) of more than 1000000 elements/,
    ],
    [
      'an object holding it twice',
      chain(40, (next) => `{ a = ${next}, b = ${next} }`),
      'l21',
      /^an object of more than 1000000 elements/,
    ],
  ])(
    '%s: an error where the value passes a bound, what reads it unknown',
    (_n, locals, at, why) => {
      const { inventory, errors } = load({ 'main.tf': locals + BUCKETS });
      const line = locals.split('\n').findIndex((l) => l.startsWith(`  ${at} = `)) + 1;
      expect(errors).toEqual([expect.stringMatching(new RegExp(`^main\\.tf:${line} `))]);
      expect(errors[0]?.replace(/^\S+ /, '')).toMatch(why);
      const find = (address: string) => inventory.resources.find((r) => r.address === address);
      expect(isUnknown(find('aws_s3_bucket.crafted')?.values.bucket)).toBe(true);
      expect(find('aws_s3_bucket.plain')?.values.bucket).toBe('acme-releases');
    },
  );

  // Within the bounds themselves, what they would build passes them: refused before it is built.
  it.each([
    'format("%99999999s", "x")',
    'indent(99999999, "a\\nb")',
    'replace("aaaa", "a", format("%9999999s", "x"))',
    'replace("aaaa", "/a/", format("%9999999s", "x"))',
    'length(split("", format("%2000000s", "x")))',
    'length(regexall("", format("%2000000s", "x")))',
    // RE2 keeps each group at each step: 2,000 groups against 2,000 characters took 52 s, and
    // 8,000 against 8,000 minutes and 5.6 GB.
    `regexall("${'(a?)'.repeat(2000)}${'a'.repeat(2000)}", "${'a'.repeat(2000)}")`,
    `regex("${'(a?)'.repeat(1000)}", format("%200000s", "a"))`,
    `replace(format("%100000s", "a"), "/${'(a?)'.repeat(300)}b/", "x")`,
  ])('%s is too large to evaluate', (source) => {
    expect(evalHcl(source)).toBeInstanceOf(TooLarge);
  });

  it('module calls nested 200 × 200 deep: an error at the call past 10,000 instances', () => {
    const { inventory, errors } = load({
      'main.tf': 'module "m" {\n  count  = 200\n  source = "./m"\n}\n' + BUCKETS,
      'm/main.tf': 'module "n" {\n  count  = 200\n  source = "../n"\n}\n',
      'n/main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "acme-releases"\n}\n',
    });
    expect(errors).toEqual([
      expect.stringMatching(
        /^m\/main\.tf:1 module "n" would make more than 10000 module instances/,
      ),
    ]);
    const made = inventory.resources.filter((r) => r.address.startsWith('module.'));
    expect(made.length).toBeGreaterThan(9000);
    expect(made.length).toBeLessThanOrEqual(10_000);
  });

  it('resources sharing one object of half a million elements: an error past 16 million', () => {
    const buckets = Array.from(
      { length: 2000 },
      (_, i) => `resource "aws_s3_bucket" "b${i}" {\n  bucket = "acme-${i}"\n  tags = local.l2\n}`,
    );
    const locals = chain(20, (next) => `{ a = ${next}, b = ${next} }`);
    const { inventory, errors } = load({ 'main.tf': `${locals}\n${buckets.join('\n')}\n` });
    const line = (n: number) => locals.split('\n').length + 1 + 4 * n;
    // 524,288 elements each: 30 resources hold 15.7 million, the 31st (b30) passes 16 million.
    expect(errors).toEqual([
      `main.tf:${line(30)} a root module whose resources hold more than 16000000 elements in all is too large to evaluate; its values were not checked`,
    ]);
    const bucket = (i: number) =>
      inventory.resources.find((r) => r.address === `aws_s3_bucket.b${i}`);
    expect(bucket(29)?.values.bucket).toBe('acme-29');
    expect(isUnknown(bucket(30)?.values.bucket)).toBe(true);
    expect(isUnknown(bucket(1999)?.values.tags)).toBe(true);
  });

  it('a for expression nested over long lists stops at a million elements', () => {
    const list = `[${Array.from({ length: 5000 }, (_, i) => i).join(', ')}]`;
    const locals = `locals {\n  l0 = length([for a in ${list} : [for b in ${list} : [a, b]]])\n}`;
    // The bound counts elements: its error says the 25,000,000 were not built, no clock needed.
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

  // A value nested deep by data, not by references: it was said to be a chain of references too
  // long to follow, at the resource that read it (the .tfvars.json value at main.tf).
  it.each([
    [
      'jsondecode',
      {
        'main.tf': `locals {\n  l0 = jsondecode("${'['.repeat(10_000)}${']'.repeat(10_000)}")\n}\n${BUCKETS}`,
      },
      'main.tf:2 eval-too-large JSON nested over 200 levels deep is too large to evaluate; its values were not checked',
    ],
    [
      'a .tfvars.json value',
      {
        'main.tf':
          'variable "x" {}\nresource "aws_s3_bucket" "b" { bucket = "a-${length(var.x)}" }\n',
        'terraform.tfvars.json': `{"x": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
      },
      'terraform.tfvars.json:1 hcl-syntax nesting is too deep (more than 200 levels)',
    ],
  ])('a value nested too deep by %s says so, where it is written', (_what, files, error) => {
    const { diagnostics } = load(files).inventory;
    const said = diagnostics.map(
      (d) => `${d.range.file}:${d.range.start.line} ${d.code} ${d.message}`,
    );
    expect(said).toEqual([error]);
  });

  it('a module of 150,000 resources is loaded whole', () => {
    const many = Array.from({ length: 150_000 }, (_, i) => `resource "aws_s3_bucket" "b${i}" {}`);
    const start = threadCpuMs();
    const { inventory } = load({ 'main.tf': many.join('\n') });
    expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
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
          message: 'cannot be read: does not exist',
          range: expect.objectContaining({ file: name }),
        },
      ]);
    },
  );

  // A unit, stack or lock file that was a named pipe was passed by: the walk took only a file or
  // a symlink by that name, so a unit of a pipe was no unit, and the scan passed without a word.
  it.each(['pipe.tf', 'terragrunt.hcl', 'terragrunt.stack.hcl', '.terraform.lock.hcl'])(
    'a named pipe called %s is an unreadable file, not a scan that waits forever or passes it by',
    (name) => {
      const root = tempTree({
        'ok.tf': 'resource "aws_s3_bucket" "ok" {\n  bucket = "acme-releases"\n}\n',
      });
      const fifo = spawnSync('mkfifo', [join(root, name)]);
      expect(fifo.status, 'mkfifo is needed for this test').toBe(0);
      const inventory = loadTerraform({ root });
      expect(inventory.resources.map((r) => r.address)).toEqual(['aws_s3_bucket.ok']);
      expect(inventory.diagnostics).toContainEqual(
        expect.objectContaining({
          severity: 'error',
          code: 'file-unreadable',
          range: expect.objectContaining({ file: name }),
        }),
      );
    },
  );

  // Compared pairwise, 90,000 values took 53 s, and 200,000 would take hours.
  const many = 'flatten([for i in range(400) : [for j in range(500) : "${i}-${j % 250}"]])';
  it.each([
    [`length(distinct(${many}))`, 100_000],
    [`length(setunion(${many}, ["x"]))`, 100_001],
    [`length(setintersection(${many}, ${many}))`, 100_000],
    [`length(setsubtract(${many}, ["0-0"]))`, 99_999],
    [`length(matchkeys(${many}, ${many}, ${many}))`, 200_000],
  ])('%s: sets of many values are built by hashing', (source, expected) => {
    const start = threadCpuMs();
    expect(evalHcl(source)).toEqual(expected);
    expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
  });

  // Spread into one call, a list's values overflowed the stack past some 120,000 on the main thread
  // (a test's worker thread has a larger stack): the result was an error, and the bucket name unknown.
  const wide = 'flatten([for i in range(800) : [for j in range(1000) : i * 1000 + j]])';
  it.each([
    [`max(${wide}...)`, 799_999],
    [`min(${wide}...)`, 0],
    [`length(flatten([${wide}]))`, 800_000],
  ])('%s: a call takes a list of any length', (source, expected) => {
    expect(evalHcl(source)).toEqual(expected);
  });

  // A backtracking RegExp takes seconds at 28 characters and doubles with each one more. What
  // shows the engine is RE2, linear in the text by construction, is what RE2 alone refuses: a
  // backreference or a lookahead, which only backtracking can match (no clock needed).
  const a50 = `${'a'.repeat(50)}!`;
  it.each([
    [`can(regex("^(a+)+$", "${a50}"))`, false],
    [`length(regexall("(a*)*b", "${a50}"))`, 0],
    [`replace("${a50}", "/^(a|a)+$/", "x")`, a50],
    ['can(regex("(a)\\\\1", "aa"))', false],
    ['can(regex("a(?=b)", "ab"))', false],
  ])("%s: Terraform's regular expressions are RE2's, linear in time", (source, expected) => {
    expect(evalHcl(source)).toEqual(expected);
  });
});

describe('dynamic blocks within a bound', () => {
  const dynamic = (forEach: readonly string[]) =>
    'resource "aws_s3_bucket" "crafted" {\n  bucket = "acme-crafted"\n' +
    forEach.map((each) => `dynamic "a" {\nfor_each = ${each}\ncontent {\n`).join('') +
    'x = 1\n' +
    '}\n}\n'.repeat(forEach.length) +
    '}\n' +
    BUCKETS.slice(BUCKETS.indexOf('resource "aws_s3_bucket" "plain"'));

  // Nested dynamic blocks multiply: eight levels over range(1000) asked for 10^24 blocks (a
  // minute, 3 GB and a crash). Past the bound, one error at the for_each where it is passed, and
  // the blocks stand unknown: what was not made is not read as no blocks.
  it.each([
    ['eight levels of 1,000', Array(8).fill('range(1000)'), 25],
    ['two levels of 1,000', Array(2).fill('range(1000)'), 7],
    ['one level of 20,000', ['setproduct(range(200), range(100))'], 4],
  ])('%s: an error at the for_each, the blocks unknown', (_name, forEach, line) => {
    const { inventory, errors } = load({ 'main.tf': dynamic(forEach) });
    expect(errors).toEqual([
      `main.tf:${line} dynamic blocks making more than 10000 blocks is too large to evaluate; its values were not checked`,
    ]);
    const find = (address: string) => inventory.resources.find((r) => r.address === address);
    expect(isUnknown(find('aws_s3_bucket.crafted')?.values.a)).toBe(true);
    expect(find('aws_s3_bucket.plain')?.values.bucket).toBe('acme-releases');
  });

  it('makes as many blocks as the bound', () => {
    const { inventory, errors } = load({
      'main.tf': dynamic(['setproduct(range(100), range(100))']),
    });
    expect(errors).toEqual([]);
    const crafted = inventory.resources.find((r) => r.address === 'aws_s3_bucket.crafted');
    expect(crafted?.values.a).toHaveLength(10_000);
  });
});
