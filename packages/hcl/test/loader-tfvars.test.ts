import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUnknown } from '@posture/model';
import { loadTerraform, textVariable, variableValue } from '@posture/hcl';
import { loadFixture, resource, tempTree } from './support/fixtures.js';

describe('variable values', () => {
  const inventory = loadFixture('tfvars', { varFiles: ['extra.tfvars'], vars: { f: 'api' } });
  const input = resource(inventory, 'terraform_data.v').values.input as Record<string, unknown>;

  it('follow Terraform precedence: defaults, tfvars, tfvars.json, auto files, var files, API', () => {
    expect(input).toMatchObject({
      a: 'tfvars',
      b: 'tfvars.json',
      c: 'a.auto',
      d: 'b.auto.json',
      e: 'extra',
      f: 'api',
      only_default: 'default',
    });
  });

  it('leave a variable without any value unknown, saying why', () => {
    expect(isUnknown(input.g) && input.g.reason).toBe('variable g has no value');
  });

  it('never read a variable or module output marked sensitive, whatever its value', () => {
    const sensitive = loadTerraform({
      root: tempTree({
        'main.tf': `variable "acl" {
  default   = "public-read"
  sensitive = true
}
module "m" {
  source = "./m"
}
resource "terraform_data" "v" {
  input = [var.acl, module.m.key]
}
`,
        'm/main.tf': 'output "key" {\n  value     = "k"\n  sensitive = true\n}\n',
      }),
    });
    const values = resource(sensitive, 'terraform_data.v').values.input as unknown[];
    expect(values.map((v) => isUnknown(v) && v.reason)).toEqual([
      'variable acl is sensitive, and a sensitive value is never read',
      'output key is sensitive, and a sensitive value is never read',
    ]);
  });

  it('read a sensitive value through nonsensitive(), which says it is no secret', () => {
    const marked = loadTerraform({
      root: tempTree({
        'main.tf': `variable "acl" {
  default   = "public-read"
  sensitive = true
}
variable "token" {
  default   = "t0k3n"
  ephemeral = true
}
module "m" {
  source = "./m"
}
resource "aws_db_instance" "d" {
  password = "hunter2"
}
resource "terraform_data" "v" {
  input = {
    unmarked  = [nonsensitive(var.acl), nonsensitive(module.m.key)]
    sensitive = [issensitive(var.acl), issensitive("x"), issensitive(aws_db_instance.d.password)]
    ephemeral = [ephemeralasnull(var.token), ephemeralasnull(ephemeral.random_password.p.result)]
    token     = var.token
  }
}
`,
        'm/main.tf': 'output "key" {\n  value     = "k"\n  sensitive = true\n}\n',
      }),
    });
    const { unmarked, sensitive, ephemeral, token } = resource(marked, 'terraform_data.v').values
      .input as Record<string, unknown[]>;
    expect(unmarked).toEqual(['public-read', 'k']);
    // The provider's schema may mark a resource's attribute sensitive: not known.
    expect(sensitive?.slice(0, 2)).toEqual([true, false]);
    expect(isUnknown(sensitive?.[2])).toBe(true);
    expect(ephemeral).toEqual([null, null]);
    expect(isUnknown(token) && token.reason).toBe(
      'variable token is ephemeral, and never in a plan',
    );
  });

  it('convert to the declared type, with optional attribute defaults', () => {
    expect(input.n).toBe(3);
    expect(input.settings).toEqual({ public: false, name: 's', versions: null });
  });

  it('record every variable file read, and only those', () => {
    expect(inventory.files.map((f) => [f.path, f.kind])).toEqual([
      ['a.auto.tfvars', 'tfvars'],
      ['b.auto.tfvars.json', 'tfvars'],
      ['extra.tfvars', 'tfvars'],
      ['terraform.tfvars', 'tfvars'],
      ['terraform.tfvars.json', 'tfvars'],
      ['variables.tf', 'terraform'],
    ]);
  });

  it('read a var file outside the root, as the caller named it, for every root', () => {
    const tree = tempTree({
      'infra/main.tf':
        'variable "env" {}\nresource "aws_s3_bucket" "b" {\n  bucket = "acme-${var.env}"\n}\n',
      'envs/prod.tfvars': 'env = "prod"\n',
    });
    const root = path.join(tree, 'infra');
    const inventory = loadTerraform({ root, varFiles: [path.join(tree, 'envs/prod.tfvars')] });
    expect(inventory.diagnostics).toEqual([]);
    expect(resource(inventory, 'aws_s3_bucket.b').values.bucket).toBe('acme-prod');
    expect(inventory.files.map((f) => f.path)).toContain('../envs/prod.tfvars');
  });

  // A named var file that was not there was skipped without a word: a library scan of
  // `varFiles: ['prod.tfvars']` with the file missing (a typo, a checkout without it) passed on
  // defaults. The command line refuses such a file before the scan; the loader now says so too.
  it.each([
    ['inside the root', 'prod.tfvars', 'prod.tfvars'],
    ['outside the root', '../envs/prod.tfvars', '../envs/prod.tfvars'],
  ])('say a var file named %s that is not there cannot be read', (_where, named, shown) => {
    const tree = tempTree({ 'infra/main.tf': 'variable "env" {}\n' });
    const root = path.join(tree, 'infra');
    const inventory = loadTerraform({ root, varFiles: [path.join(root, named)] });
    expect(inventory.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'file-unreadable',
        message: 'cannot be read: does not exist',
        range: expect.objectContaining({ file: shown }),
      }),
    ]);
  });

  it('apply a var file inside a root only to that root, and one outside every root to all', () => {
    const main =
      'variable "env" {}\nresource "aws_s3_bucket" "b" {\n  bucket = "acme-${var.env}-releases"\n}\n';
    const root = tempTree({
      'envs/dev/main.tf': main,
      'envs/dev/dev.tfvars': 'env = "dev"\n',
      'envs/prod/main.tf': main,
      'shared/all.tfvars': 'env = "all"\n',
    });
    const names = (varFiles: string[]) =>
      loadTerraform({ root, varFiles })
        .resources.map((r) => [r.rootModule, r.values.bucket])
        .map(([dir, name]) => `${String(dir)}=${typeof name === 'string' ? name : '?'}`);
    // Terraform applies a var file to the root it plans: dev's values are not prod's.
    expect(names(['envs/dev/dev.tfvars'])).toEqual(['envs/dev=acme-dev-releases', 'envs/prod=?']);
    expect(names(['shared/all.tfvars'])).toEqual([
      'envs/dev=acme-all-releases',
      'envs/prod=acme-all-releases',
    ]);
  });
});

describe('a -var value written as an expression', () => {
  it.each([
    ['HCL', '{ env = "prod", release = true }', { env: 'prod', release: true }],
    ['JSON', '{"env": "prod", "n": 2}', { env: 'prod', n: 2 }],
    ['a list', '["a", "b"]', ['a', 'b']],
    ['nested', '{ tags = { team = "x" }, ids = [1, 2] }', { tags: { team: 'x' }, ids: [1, 2] }],
  ])('is read as Terraform reads it: %s', (_what, text, value) => {
    expect(variableValue(text)).toEqual(value);
  });

  it.each([
    ['a syntax error', '{ env = }'],
    ['a reference', '{ env = var.x }'],
    ['a call', '[uuid()]'],
    ['text after the value', '{} {}'],
  ])('is refused with the reason: %s', (_what, text) => {
    expect(() => variableValue(text)).toThrow(/./);
  });
});

// Terraform reads a -var's or TF_VAR_'s text by the variable's declared type: a `string` variable
// given `{"Statement": []}` or `[a]` holds that text. Parsed before the type was known, it held a
// map, which a name or a policy written as JSON is not.
describe('a value given as text, read by the type of its variable', () => {
  const inventory = loadTerraform({
    root: tempTree({
      'main.tf': `variable "text" { type = string }
variable "untyped" {}
variable "any" { type = any }
variable "list" { type = list(string) }
variable "number" { type = number }
resource "terraform_data" "v" {
  input = [var.text, var.untyped, var.any, var.list, var.number]
}
`,
    }),
    vars: {
      text: textVariable('{"Statement": []}'),
      untyped: textVariable('["acme-releases"]'),
      any: textVariable('{ env = "prod" }'),
      list: textVariable('["a", "b"]'),
      number: textVariable('7'),
    },
  });

  it('keeps the text for string and untyped variables, and reads it for any and collections', () => {
    expect(resource(inventory, 'terraform_data.v').values.input).toEqual([
      '{"Statement": []}',
      '["acme-releases"]',
      { env: 'prod' },
      ['a', 'b'],
      7,
    ]);
  });
});

// Terraform holds every number written exactly; a double read 12345678901234567890 and …891 as
// 12345678901234567000, so that two bucket names made of them were one, and neither Terraform's.
describe('a number a double does not hold as written', () => {
  const inventory = loadTerraform({
    root: tempTree({
      'main.tf': `variable "tfvars" { type = number }
variable "json" { type = number }
variable "api" { type = number }
variable "list" { type = list(number) }
resource "terraform_data" "v" {
  input = {
    literal  = 12345678901234567890
    negative = -12345678901234567891
    fraction = 0.12345678901234567890123
    huge     = 1e400
    tonumber = tonumber("12345678901234567892")
    sum      = "12345678901234567890" + 1
    yaml     = yamldecode("12345678901234567893")
    tfvars   = var.tfvars
    json     = var.json
    api      = var.api
    list     = var.list[0]
    exact    = [9007199254740991, 0.1, -1.50e2, tonumber("0.5"), yamldecode("+1.50"), "9007199254740993"]
  }
}
`,
      'n.tf.json': '{"resource": {"terraform_data": {"j": {"input": 12345678901234567894}}}}',
      'terraform.tfvars': 'tfvars = 12345678901234567895\n',
      'terraform.tfvars.json': '{"json": 12345678901234567896}',
    }),
    vars: { api: '12345678901234567897', list: variableValue('[12345678901234567898]') },
  });
  const input = resource(inventory, 'terraform_data.v').values.input as Record<string, unknown>;
  const held = ' has more digits than are held exactly';

  it.each([
    ['literal', `the number 12345678901234567890 (written at main.tf:7)${held}`],
    ['negative', `the number 12345678901234567891 (written at main.tf:8)${held}`],
    ['fraction', `the number 0.12345678901234567890123 (written at main.tf:9)${held}`],
    ['huge', `the number 1e400 (written at main.tf:10)${held}`],
    ['tonumber', `the number 12345678901234567892${held}`],
    ['sum', `the number 12345678901234567890${held}`],
    ['yaml', `yamldecode: the number 12345678901234567893${held}`],
    ['tfvars', `the number 12345678901234567895 (written at terraform.tfvars:1)${held}`],
    ['json', `the number 12345678901234567896 (written in terraform.tfvars.json)${held}`],
    ['api', `the number 12345678901234567897${held}`],
    ['list', `the number 12345678901234567898 (written at -var:1)${held}`],
  ])('is unknown, not another number: %s', (key, reason) => {
    expect(isUnknown(input[key]) && input[key].reason).toBe(reason);
  });

  it('is unknown in a .tf.json file', () => {
    const json = resource(inventory, 'terraform_data.j').values.input;
    expect(isUnknown(json) && json.reason).toBe(
      `the number 12345678901234567894 (written at n.tf.json:1)${held}`,
    );
  });

  it('reads the numbers a double holds as before', () => {
    expect(input.exact).toEqual([9007199254740991, 0.1, -150, 0.5, 1.5, '9007199254740993']);
  });
});
