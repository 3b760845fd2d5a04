import { describe, expect, it } from 'vitest';
import { isUnknown } from '@posture/model';
import { loadTerraform, type LoadFocus } from '@posture/hcl';
import { tempTree } from './support/fixtures.js';

const bucket = (expr: string, meta = '') =>
  `resource "aws_s3_bucket" "rel" {\n${meta}  bucket = ${expr}\n}\n`;

/** Each `eval-invalid` warning as `file:line message`. */
function warnings(files: Readonly<Record<string, string>>, focus?: ReadonlySet<string>): string[] {
  const inventory = loadTerraform({
    root: tempTree(files),
    ...(focus && { focus: { resourceTypes: focus } }),
  });
  return inventory.diagnostics
    .filter((d) => d.code === 'eval-invalid')
    .map((d) => `${d.range.file}:${d.range.start.line} ${d.severity} ${d.message}`);
}

interface Case {
  readonly what: string;
  readonly files: Readonly<Record<string, string>>;
  /** The resource types the scan reads; all by default. */
  readonly focus?: ReadonlySet<string>;
  readonly expected: readonly string[];
}

const refused = (what: string, reason: string) =>
  `${what} could not be evaluated: ${reason} (Terraform would refuse this configuration); it is taken as unknown`;

/**
 * An attribute that evaluates to an error no `try` or `can` caught is taken as unknown, so a
 * release bucket's name must not be lost in silence: Terraform refuses the configuration, or
 * Posture's function library is wrong where Terraform is right. Either way a warning says so,
 * once per expression, where it is written.
 */
describe('evaluation errors', () => {
  it.each<Case>([
    {
      what: 'a function that refuses its argument',
      files: { 'main.tf': bucket('"acme-releases-${parseint("B", 37)}"') },
      expected: [
        `main.tf:2 warning ${refused('aws_s3_bucket.rel: bucket', 'parseint: cannot parse "B" as a base 37 integer')}`,
      ],
    },
    {
      what: 'a function called without its arguments',
      files: { 'main.tf': bucket('"acme-releases-${max()}"') },
      expected: [
        `main.tf:2 warning ${refused('aws_s3_bucket.rel: bucket', 'max: max needs an argument')}`,
      ],
    },
    {
      what: 'an undeclared local, read through a nested block',
      files: {
        'main.tf':
          'resource "aws_s3_bucket_website_configuration" "w" {\n  bucket = "b"\n  index_document {\n    suffix = local.page\n  }\n}\n',
      },
      expected: [
        `main.tf:4 warning ${refused('aws_s3_bucket_website_configuration.w: index_document.0.suffix', 'local.page is not declared')}`,
      ],
    },
    {
      what: 'an error in a local the attribute reads, reported where the attribute is',
      files: {
        'main.tf': `locals {\n  n = parseint("B", 37)\n}\n${bucket('"acme-${local.n}"')}`,
      },
      expected: [
        `main.tf:5 warning ${refused('aws_s3_bucket.rel: bucket', 'parseint(…) (written at main.tf:2): cannot parse "B" as a base 37 integer')}`,
      ],
    },
    {
      what: 'an index out of range in the argument of a module call, at the call alone',
      files: {
        'main.tf':
          'module "org" {\n  source = "./org"\n  count  = 0\n}\nmodule "b" {\n  source = "./b"\n  name   = module.org[0].name\n}\n',
        'org/main.tf': 'output "name" {\n  value = "acme"\n}\n',
        'b/main.tf': `variable "name" {}\n${bucket('var.name')}`,
      },
      expected: [`main.tf:7 warning ${refused('module.b: name', 'index 0 is out of range')}`],
    },
    {
      what: 'an argument the scan reads only through the module, at the call',
      files: {
        'main.tf': 'module "b" {\n  source = "./b"\n  name   = max()\n}\n',
        'b/main.tf': `variable "name" {}\n${bucket('var.name')}`,
      },
      focus: new Set(['aws_s3_bucket']),
      expected: [`main.tf:3 warning ${refused('module.b: name', 'max: max needs an argument')}`],
    },
    {
      what: 'a member of an object argument, read by the module, at the call',
      files: {
        'main.tf': 'module "b" {\n  source = "./b"\n  cfg    = { name = max(), env = "x" }\n}\n',
        'b/main.tf': `variable "cfg" {}\n${bucket('"${var.cfg.name}-${var.cfg.env}"')}`,
      },
      focus: new Set(['aws_s3_bucket']),
      expected: [`main.tf:3 warning ${refused('module.b: cfg', 'max: max needs an argument')}`],
    },
    {
      // The warning's line is the argument's first: an error further down keeps its own place.
      what: 'an error on a later line of an argument of many lines, named and placed',
      files: {
        'main.tf':
          'module "b" {\n  source = "./b"\n  cfg = {\n    env  = "x"\n    name = max()\n  }\n}\n',
        'b/main.tf': `variable "cfg" {}\n${bucket('"${var.cfg.name}-${var.cfg.env}"')}`,
      },
      focus: new Set(['aws_s3_bucket']),
      expected: [
        `main.tf:3 warning ${refused('module.b: cfg', 'max() (written at main.tf:5): max needs an argument')}`,
      ],
    },
    {
      what: 'an undeclared variable in another file',
      files: {
        'locals.tf': 'locals {\n  name = "acme-${var.env}"\n}\n',
        'main.tf': bucket('local.name'),
      },
      expected: [
        `main.tf:2 warning ${refused('aws_s3_bucket.rel: bucket', 'var.env (written at locals.tf:2): variable env is not declared')}`,
      ],
    },
    {
      what: 'a missing attribute, keyed index and splat, each named as written',
      files: {
        'locals.tf':
          'locals {\n  cfg  = { a = "x" }\n  list = ["x"]\n  one  = local.cfg.b\n  two  = local.cfg["c"]\n  all  = local.list[*].name\n}\n',
        'main.tf': [
          bucket('local.one'),
          bucket('local.two').replace('"rel"', '"two"'),
          bucket('local.all[0]').replace('"rel"', '"all"'),
        ].join(''),
      },
      expected: [
        `main.tf:2 warning ${refused('aws_s3_bucket.rel: bucket', 'local.cfg.b (written at locals.tf:4): object has no attribute "b"')}`,
        `main.tf:5 warning ${refused('aws_s3_bucket.two: bucket', 'local.cfg["c"] (written at locals.tf:5): object has no element "c"')}`,
        `main.tf:8 warning ${refused('aws_s3_bucket.all: bucket', 'local.list[*].name (written at locals.tf:6): a string has no attribute "name"')}`,
      ],
    },
    {
      what: 'an error in a template a templatefile call renders, at its line there',
      files: {
        'main.tf': bucket('templatefile("${path.module}/name.tftpl", { env = "x" })'),
        'name.tftpl': 'acme-${env}\n${max()}\n',
      },
      expected: [
        `main.tf:2 warning ${refused('aws_s3_bucket.rel: bucket', 'max() (written at ./name.tftpl:2): max needs an argument')}`,
      ],
    },
    {
      what: 'once for the three instances of a count',
      files: { 'main.tf': bucket('"acme-${count.index}-${max()}"', '  count = 3\n') },
      expected: [
        `main.tf:3 warning ${refused('aws_s3_bucket.rel: bucket', 'max: max needs an argument')}`,
      ],
    },
    {
      what: 'once for a module called twice',
      files: {
        'main.tf': 'module "a" {\n  source = "./m"\n}\nmodule "b" {\n  source = "./m"\n}\n',
        'm/main.tf': bucket('max()'),
      },
      expected: [
        `m/main.tf:2 warning ${refused('aws_s3_bucket.rel: bucket', 'max: max needs an argument')}`,
      ],
    },
    {
      what: 'a for_each that fails, besides the note that it is not known',
      files: { 'main.tf': bucket('"acme-${each.key}"', '  for_each = toset(local.names)\n') },
      expected: [
        `main.tf:2 warning ${refused('aws_s3_bucket.rel: for_each', 'local.names is not declared')}`,
      ],
    },
    {
      what: 'a count that fails in a module called twice, once, naming the local it reads',
      files: {
        'main.tf': 'module "a" {\n  source = "./m"\n}\nmodule "b" {\n  source = "./m"\n}\n',
        'm/main.tf': `locals {\n  n = parseint("B", 37)\n}\n${bucket('"acme"', '  count = local.n\n')}`,
      },
      expected: [
        `m/main.tf:5 warning ${refused('aws_s3_bucket.rel: count', 'parseint(…) (written at m/main.tf:2): cannot parse "B" as a base 37 integer')}`,
      ],
    },
    {
      what: 'a module call whose for_each fails',
      files: {
        'main.tf': 'module "m" {\n  source   = "./m"\n  for_each = var.envs\n}\n',
        'm/main.tf': bucket('"acme"'),
      },
      expected: [
        `main.tf:3 warning ${refused('module.m: for_each', 'variable envs is not declared')}`,
      ],
    },
    {
      what: 'a dynamic block whose for_each fails',
      files: {
        'main.tf':
          'resource "aws_s3_bucket_website_configuration" "w" {\n  bucket = "b"\n  dynamic "routing_rule" {\n    for_each = max()\n    content {\n    }\n  }\n}\n',
      },
      expected: [
        `main.tf:4 warning ${refused('aws_s3_bucket_website_configuration.w: dynamic "routing_rule" for_each', 'max: max needs an argument')}`,
      ],
    },
    {
      what: 'nothing for a for_each or dynamic for_each merely not known',
      files: {
        'main.tf': `variable "names" {}\n${bucket('"acme-${each.key}"', '  for_each = var.names\n')}resource "aws_s3_bucket_website_configuration" "w" {\n  bucket = "b"\n  dynamic "routing_rule" {\n    for_each = var.names\n    content {\n    }\n  }\n}\n`,
      },
      expected: [],
    },
    {
      what: 'nothing for an error try catches',
      files: { 'main.tf': bucket('"acme-${try(parseint("B", 37), 0)}"') },
      expected: [],
    },
    {
      what: 'nothing for an error can catches',
      files: { 'main.tf': bucket('can(parseint("B", 37)) ? "acme-a" : "acme-b"') },
      expected: [],
    },
    {
      what: 'nothing for the branch a known condition does not take',
      files: { 'main.tf': bucket('true ? "acme-releases" : parseint("B", 37)') },
      expected: [],
    },
    {
      what: 'nothing for a branch while the condition is unknown: Terraform reports neither yet',
      files: {
        'main.tf': `variable "on" {\n  type = bool\n}\n${bucket('var.on ? "acme-releases" : parseint("B", 37)')}`,
      },
      expected: [],
    },
    {
      what: 'nothing for a resource of a type the scan does not read',
      files: {
        'main.tf': `${bucket('"acme"')}resource "null_resource" "n" {\n  triggers = { n = max() }\n}\n`,
      },
      focus: new Set(['aws_s3_bucket']),
      expected: [],
    },
    {
      what: 'nothing for a sensitive variable: its value is unknown, and never quoted',
      files: {
        'main.tf': `variable "s" {\n  sensitive = true\n  default   = "hunter2hunter2"\n}\n${bucket('"acme-${parseint(var.s, 10)}"')}`,
      },
      expected: [],
    },
    {
      what: 'nothing more for a cycle: eval-cycle reports it',
      files: { 'main.tf': `locals {\n  a = local.a\n}\n${bucket('local.a')}` },
      expected: [],
    },
    {
      what: 'nothing more for a syntax error: the parser reports it',
      files: { 'main.tf': bucket('"acme-${1 +}"') },
      expected: [],
    },
    {
      // The provider computes an optional attribute left null: the region it is configured for.
      what: 'nothing for a data source attribute configured null',
      files: {
        'main.tf': `variable "region" {\n  default = null\n}\ndata "aws_region" "r" {\n  region = var.region\n}\n${bucket('"acme-${data.aws_region.r.region}"')}`,
      },
      expected: [],
    },
  ])('$what', ({ files, focus, expected }) => {
    expect(warnings(files, focus)).toEqual(expected);
  });
});

/** Each diagnostic about a file a function reads, as `code file:line message`. */
function fileDiagnostics(files: Readonly<Record<string, string>>): string[] {
  return loadTerraform({ root: tempTree(files) })
    .diagnostics.filter((d) =>
      ['eval-invalid', 'path-outside-root', 'function-file-unreadable'].includes(d.code),
    )
    .map((d) => `${d.code} ${d.range.file}:${d.range.start.line} ${d.message}`);
}

/**
 * A file a function reads and cannot: one missing from the checkout may be made by the build
 * before Terraform runs, so the warning does not say Terraform refuses it outright; one that is
 * there but not read (outside the root, a directory) is said once, where the read is refused.
 */
describe('evaluation errors of the file functions', () => {
  const policy = (path: string) =>
    `${bucket('"acme-releases"')}resource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.rel.id\n  policy = file("${path}")\n}\n`;
  it.each<Omit<Case, 'focus'>>([
    {
      what: 'a file missing from the checkout',
      files: { 'main.tf': policy('dist/policy.json') },
      expected: [
        'eval-invalid main.tf:6 aws_s3_bucket_policy.p: policy could not be evaluated: file: cannot read dist/policy.json (Terraform refuses this configuration unless the build makes the file before it runs); it is taken as unknown',
      ],
    },
    {
      what: 'a file outside the scan root: said once, by path-outside-root',
      files: { 'main.tf': policy('../policy.json') },
      expected: [
        'path-outside-root main.tf:6 ../policy.json is outside the scan root and is not read',
      ],
    },
    {
      what: 'a directory: said once, by function-file-unreadable, which names it',
      files: { 'main.tf': policy('dist'), 'dist/policy.json': '{}' },
      expected: [
        'function-file-unreadable main.tf:6 dist, which a function reads, cannot be read: not a regular file',
      ],
    },
    {
      what: 'nothing for a missing file try catches',
      files: {
        'main.tf': policy('dist/policy.json')
          .replace('file(', 'try(file(')
          .replace('")', '"), "{}")'),
      },
      expected: [],
    },
  ])('$what', ({ files, expected }) => {
    expect(fileDiagnostics(files)).toEqual(expected);
  });
});

/** Each note that instances or `dynamic` blocks are not known, as `file:line message`. */
function notes(files: Readonly<Record<string, string>>): string[] {
  return loadTerraform({ root: tempTree(files) })
    .diagnostics.filter((d) => ['eval-unknown-for-each', 'eval-dynamic-unknown'].includes(d.code))
    .map((d) => `${d.range.file}:${d.range.start.line} ${d.message}`);
}

/**
 * The note that a `for_each` is not known says why as the warning does: an error in the `for_each`
 * itself is not named and placed again, one read from elsewhere is; a value known after apply is
 * not said to be twice.
 */
describe('the notes on a for_each that fails or is known after apply', () => {
  const website = (forEach: string) =>
    `resource "aws_s3_bucket_website_configuration" "w" {\n  bucket = "b"\n  dynamic "routing_rule" {\n    for_each = ${forEach}\n    content {\n    }\n  }\n}\n`;
  it.each<Omit<Case, 'focus'>>([
    {
      what: 'an error in the for_each itself',
      files: {
        'main.tf': `${bucket('"acme-${each.key}"', '  for_each = toset(local.names)\n')}${website('max()')}`,
      },
      expected: [
        'main.tf:2 aws_s3_bucket.rel: for_each is not known (local.names is not declared); scanned as one instance aws_s3_bucket.rel[*]',
        'main.tf:8 the routing_rule blocks of aws_s3_bucket_website_configuration.w are not known before apply: the for_each of a dynamic "routing_rule" block is not known (max: max needs an argument)',
      ],
    },
    {
      what: 'an error in a local it reads',
      files: {
        'main.tf': `locals {\n  names = max()\n}\n${bucket('"acme-${each.key}"', '  for_each = local.names\n')}`,
      },
      expected: [
        'main.tf:5 aws_s3_bucket.rel: for_each is not known (max() (written at main.tf:2): max needs an argument); scanned as one instance aws_s3_bucket.rel[*]',
      ],
    },
    {
      what: 'a count and a dynamic for_each known after apply',
      files: {
        'main.tf': `resource "aws_s3_bucket" "a" {\n}\n${bucket('"acme"', '  count = length(aws_s3_bucket.a.tags_all)\n')}${website('aws_s3_bucket.a.tags_all')}`,
      },
      expected: [
        'main.tf:4 aws_s3_bucket.rel: count is not known before apply; scanned as one instance aws_s3_bucket.rel[*]',
        'main.tf:10 the routing_rule blocks of aws_s3_bucket_website_configuration.w are not known before apply: the for_each of a dynamic "routing_rule" block is not known',
      ],
    },
  ])('$what', ({ files, expected }) => {
    expect(notes(files)).toEqual(expected);
  });
});

/**
 * What a focus leaves unread of a type it reads (`unreadAttributes`: a Worker's code) is not
 * evaluated: a file it reads that the build makes later gives no warning, and a reference to it is
 * unknown, never its value. The attributes read beside it, and the same attribute of a type read
 * in full, still warn as before.
 */
describe('attributes a focus leaves unread', () => {
  const focus: LoadFocus = {
    resourceTypes: new Set(['x_script', 'x_route']),
    unreadAttributes: (type) => (type === 'x_script' ? new Set(['content', 'wasm']) : undefined),
  };
  /** The `code file:line` of each diagnostic, then each value of the route as known or not. */
  const loaded = (files: Readonly<Record<string, string>>): string[] => {
    const inventory = loadTerraform({ root: tempTree(files), focus });
    const route = inventory.resources.find((r) => r.type === 'x_route');
    return [
      ...inventory.diagnostics.map((d) => `${d.code} ${d.range.file}:${d.range.start.line}`),
      ...Object.entries(route?.values ?? {}).map(
        ([key, value]) => `${key} ${isUnknown(value) ? 'unknown' : JSON.stringify(value)}`,
      ),
    ];
  };
  const script = (body: string) => `resource "x_script" "s" {\n  name = "dl"\n${body}}\n`;
  it.each<{ what: string; files: Record<string, string>; expected: string[] }>([
    {
      what: 'a file missing from the checkout, read by an unread attribute: nothing',
      files: { 'main.tf': script('  content = file("dist/worker.js")\n') },
      expected: [],
    },
    {
      what: 'a file outside the root: not read, so nothing',
      files: { 'main.tf': script('  content = file("../worker.js")\n') },
      expected: [],
    },
    {
      what: 'an unread block: nothing',
      files: { 'main.tf': script('  wasm {\n    module = filebase64("dist/w.wasm")\n  }\n') },
      expected: [],
    },
    {
      what: 'an attribute read beside them still warns',
      files: { 'main.tf': script('  content = file("dist/worker.js")\n  bound = file("b.txt")\n') },
      expected: ['eval-invalid main.tf:4'],
    },
    {
      what: 'the same attribute of a type read in full still warns',
      files: { 'main.tf': 'resource "x_route" "r" {\n  content = file("dist/worker.js")\n}\n' },
      expected: ['eval-invalid main.tf:2', 'content unknown'],
    },
    {
      what: 'a reference to an unread attribute is unknown; to a read one, its value',
      files: {
        'main.tf': `${script('  content = "export default {}"\n')}resource "x_route" "r" {\n  script = x_script.s.name\n  code   = x_script.s.content\n}\n`,
      },
      expected: ['script "dl"', 'code unknown'],
    },
  ])('$what', ({ files, expected }) => {
    expect(loaded(files)).toEqual(expected);
  });
});
