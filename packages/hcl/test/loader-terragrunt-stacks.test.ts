import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUnknown } from '@posture/model';
import { loadTerraform } from '@posture/hcl';
import { tempTree } from './support/fixtures.js';

describe('Terragrunt stacks', () => {
  const MODULE =
    'variable "name" {}\nvariable "public" {\n  default = false\n}\nresource "aws_s3_bucket" "this" {\n  bucket = var.name\n  tags   = { public = var.public }\n}\n';
  const UNIT = [
    'terraform {\n  source = "${get_repo_root()}/modules/bucket"\n}',
    'inputs = {\n  name   = values.name\n  public = values.public\n}\n',
  ].join('\n');
  const unitBlock = (name: string, values: string, more = '') =>
    `unit "${name}" {\n  source = "../../units/bucket"\n  path   = "${name}"\n${more}  values = ${values}\n}\n`;
  const PROD = unitBlock('bucket', '{\n    name   = "acme-releases"\n    public = true\n  }');
  const loadTree = (files: Record<string, string>) => {
    const tree = tempTree({
      'repo/modules/bucket/main.tf': MODULE,
      'repo/units/bucket/terragrunt.hcl': UNIT,
      'repo/live/prod/terragrunt.stack.hcl': PROD,
      ...files,
    });
    return loadTerraform({ root: path.join(tree, 'repo') });
  };
  /** Each bucket as `root name public`, and what is said about `.hcl` files, `code@file:line`. */
  const load = (files: Record<string, string>) => {
    const inventory = loadTree(files);
    const shown = (v: unknown) => (isUnknown(v) ? 'unknown' : String(v));
    const buckets = inventory.resources
      .filter((r) => r.type === 'aws_s3_bucket')
      .map((r) => {
        const tags = r.values.tags as Record<string, unknown>;
        return `${r.rootModule} ${shown(r.values.bucket)} ${shown(tags.public)}`;
      });
    const said = inventory.diagnostics
      .filter((d) => d.range.file.endsWith('.hcl'))
      .map((d) => `${d.code}@${d.range.file}:${d.range.start.line}`);
    return [buckets.sort(), said] as const;
  };

  it.each<[string, Record<string, string>, string[], string[]]>([
    [
      'a unit is read where the stack generates it, its values bound; its source is no unit alone',
      {},
      ['live/prod/.terragrunt-stack/bucket acme-releases true'],
      [],
    ],
    [
      'units of one source are one root each, values from the stack file locals',
      {
        'repo/live/prod/terragrunt.stack.hcl': [
          'locals {\n  org = "acme"\n}',
          unitBlock('bin', '{ name = "${local.org}-bin-releases", public = true }'),
          unitBlock('logs', '{ name = "${local.org}-logs", public = false }'),
        ].join('\n'),
      },
      [
        'live/prod/.terragrunt-stack/bin acme-bin-releases true',
        'live/prod/.terragrunt-stack/logs acme-logs false',
      ],
      [],
    ],
    [
      'a nested stack passes its values down; the stack it copies is read only through it',
      {
        'repo/live/prod/terragrunt.stack.hcl':
          'stack "env" {\n  source = "${get_repo_root()}/stacks/env"\n  path   = "env"\n  values = { env = "prod", public = true }\n}\n',
        'repo/stacks/env/terragrunt.stack.hcl':
          'unit "bucket" {\n  source = "${get_repo_root()}/units/bucket"\n  path   = "bucket"\n  values = { name = "acme-${values.env}-releases", public = values.public }\n}\n',
      },
      ['live/prod/.terragrunt-stack/env/.terragrunt-stack/bucket acme-prod-releases true'],
      [],
    ],
    [
      'no_dot_terragrunt_stack generates beside the stack file; a checked-in copy is not read again',
      {
        'repo/live/prod/terragrunt.stack.hcl': unitBlock(
          'bucket',
          '{ name = "acme-releases", public = true }',
          '  no_dot_terragrunt_stack = true\n',
        ),
        'repo/live/prod/bucket/terragrunt.hcl': UNIT,
        'repo/live/prod/bucket/terragrunt.values.hcl': 'name = "acme-releases"\npublic = true\n',
      },
      ['live/prod/bucket acme-releases true'],
      [],
    ],
    [
      'a checked-in .terragrunt-stack is not read again',
      {
        'repo/live/prod/.terragrunt-stack/bucket/terragrunt.hcl': UNIT,
        'repo/live/prod/.terragrunt-stack/bucket/main.tf': MODULE,
      },
      ['live/prod/.terragrunt-stack/bucket acme-releases true'],
      [],
    ],
    [
      "a unit's relative paths start where it is generated, as Terragrunt runs it",
      { 'repo/units/bucket/terragrunt.hcl': UNIT.replace('${get_repo_root()}', '../..') },
      // live/prod/modules/bucket: not there; the module is read alone, as no unit deploys it.
      ['modules/bucket unknown false'],
      ['module-unresolved@units/bucket/terragrunt.hcl:2'],
    ],
    [
      'none from a unit fetched when the stack is generated: it is said at its source',
      {
        'repo/live/prod/terragrunt.stack.hcl': PROD.replace(
          '../../units/bucket',
          'git::https://example.com/units.git//bucket?ref=v1',
        ),
      },
      // No stack names units/bucket in the checkout: it is read alone, without values.
      ['units/bucket unknown unknown'],
      ['module-unresolved@live/prod/terragrunt.stack.hcl:2'],
    ],
    [
      'values in a unit no stack generates is no value',
      { 'repo/live/prod/terragrunt.stack.hcl': '' },
      ['units/bucket unknown unknown'],
      [],
    ],
    [
      'a checked-in terragrunt.values.hcl beside a unit no stack in the scan generates is its values',
      {
        'repo/live/prod/terragrunt.stack.hcl': '',
        'repo/live/prod/bucket/terragrunt.hcl': UNIT,
        'repo/live/prod/bucket/terragrunt.values.hcl': 'name = "acme-releases"\npublic = true\n',
      },
      ['live/prod/bucket acme-releases true', 'units/bucket unknown unknown'],
      [],
    ],
  ])('%s', (_name, files, buckets, said) => {
    expect(load(files)).toEqual([buckets, said]);
  });

  it('say that a relative path missing from a generated unit starts where it is generated', () => {
    const inventory = loadTree({
      'repo/units/bucket/terragrunt.hcl': UNIT.replace('${get_repo_root()}', '../..'),
    });
    expect(inventory.diagnostics.map((d) => d.message)).toContainEqual(
      'Terragrunt unit live/prod/.terragrunt-stack/bucket deploys "live/prod/modules/bucket", which holds no Terraform files (units/bucket/terragrunt.hcl is generated there by a stack, and its relative paths start there); its resources are not scanned',
    );
  });

  it.each<[string, string, string[]]>([
    [
      'a source outside the scan root',
      PROD.replace('../../units/bucket', '../../../units/bucket'),
      [
        'path-outside-root@live/prod/terragrunt.stack.hcl:2',
        'module-unresolved@live/prod/terragrunt.stack.hcl:2',
      ],
    ],
    [
      'a path out of the stack directory',
      PROD.replace('path   = "bucket"', 'path   = "../../units"'),
      ['module-unresolved@live/prod/terragrunt.stack.hcl:3'],
    ],
    [
      'a source without its terragrunt.hcl',
      PROD.replace('../../units/bucket', '../../modules/bucket'),
      ['module-unresolved@live/prod/terragrunt.stack.hcl:2'],
    ],
  ])('do not read a unit from %s, and say so at the block', (_name, stack, said) => {
    const [buckets, saying] = load({ 'repo/live/prod/terragrunt.stack.hcl': stack });
    expect(buckets.filter((b) => b.startsWith('live/'))).toEqual([]);
    expect(saying).toEqual(said);
  });

  // An autoinclude block was not read (a warning): `public = true` in it, over the unit's inputs,
  // left the bucket as private as the stack's values made it.
  it.each<[string, string, string[], string[]]>([
    [
      'its inputs, over the unit and its values',
      '  autoinclude {\n    inputs = { public = true }\n  }\n',
      [
        'live/prod/.terragrunt-stack/bucket acme-releases true',
        'live/prod/.terragrunt-stack/logs acme-logs false',
      ],
      [],
    ],
    [
      "the stack's locals, and a sibling unit's path, which depends on nothing",
      '  autoinclude {\n    dependency "logs" {\n      config_path = unit.logs.path\n    }\n    inputs = { public = local.open, logs = dependency.logs.outputs.id }\n  }\n',
      [
        'live/prod/.terragrunt-stack/bucket acme-releases true',
        'live/prod/.terragrunt-stack/logs acme-logs false',
      ],
      [],
    ],
  ])('read a unit block autoinclude: %s', (_name, autoinclude, buckets, said) => {
    const stack = [
      'locals {\n  open = true\n}',
      unitBlock('logs', '{ name = "acme-logs", public = false }'),
      unitBlock(
        'bucket',
        '{ name = "acme-releases", public = false, logs = unit.logs.path }',
        autoinclude,
      ),
    ].join('\n');
    expect(load({ 'repo/live/prod/terragrunt.stack.hcl': stack })).toEqual([buckets, said]);
  });

  it("give a unit's path to a value as the directory the stack generates it in", () => {
    const stack = [
      unitBlock('logs', '{ name = "acme-logs", public = false }'),
      unitBlock(
        'bucket',
        '{ name = "acme-releases", public = true }',
        '  autoinclude {\n    inputs = { name = "${unit.logs.path}/releases" }\n  }\n',
      ),
    ].join('\n');
    const inventory = loadTree({ 'repo/live/prod/terragrunt.stack.hcl': stack });
    const names = inventory.resources.map((r) => r.values.bucket);
    // Passed on relative to the unit, as every path a Terragrunt function makes.
    expect(names).toContain('../../../../live/prod/.terragrunt-stack/logs/releases');
  });

  // `stack.<name>.<unit>.path`, which Terragrunt gives, was an object with no such attribute (an
  // eval-invalid warning saying Terraform would refuse it): a bucket named from it was not
  // release-use, and its public policy passed the gate.
  it.each<[string, string, string]>([
    ['a unit of a nested stack', 'basename(stack.env.releases.path)', 'acme-releases'],
    ['a unit of a stack it nests', 'basename(stack.env.deep.releases.path)', 'acme-releases'],
    ['where a nested stack is generated', 'basename(stack.env.path)', 'acme-env'],
    ['its name', 'stack.env.releases.name', 'acme-releases'],
    ['a unit by name', 'unit.logs.name', 'acme-logs'],
    ['its own path', 'unit.bucket.path', 'acme-bucket'],
    ['a unit the nested stack does not declare', 'stack.env.gone.path', 'unknown'],
  ])('give a stack file %s', (_name, expression, bucket) => {
    const releases = (path: string) =>
      `unit "releases" {\n  source = "\${get_repo_root()}/units/bucket"\n  path   = "${path}"\n  values = { name = "acme-internal", public = false }\n}\n`;
    const stack = [
      'stack "env" {\n  source = "${get_repo_root()}/stacks/env"\n  path   = "env"\n}',
      unitBlock('logs', '{ name = "acme-logs", public = false }'),
      unitBlock('bucket', `{ name = "acme-\${basename(${expression})}", public = true }`),
    ].join('\n');
    const [buckets] = load({
      'repo/live/prod/terragrunt.stack.hcl': stack,
      'repo/stacks/env/terragrunt.stack.hcl': `${releases('releases')}\nstack "deep" {\n  source = "\${get_repo_root()}/stacks/deep"\n  path   = "deep"\n}\n`,
      'repo/stacks/deep/terragrunt.stack.hcl': releases('releases'),
    });
    expect(buckets).toContain(`live/prod/.terragrunt-stack/bucket ${bucket} true`);
  });

  // Reading what a stack generates reads its values, which named it again, without end (an
  // internal error, "Maximum call stack size exceeded").
  const NESTED = '/live/prod/.terragrunt-stack/env/.terragrunt-stack/releases';
  it.each([
    ['what it generates', '"releases"', [NESTED, NESTED]],
    ['what it generates where they say', 'basename(values.p)', ['unknown']],
  ])('read a stack whose values name %s', (_what, at, names) => {
    const env =
      'stack "env" {\n  source = "${get_repo_root()}/stacks/env"\n  path   = "env"\n  values = { p = stack.env.releases.path }\n}\n';
    const inventory = loadTree({
      'repo/live/prod/terragrunt.stack.hcl': [
        env,
        unitBlock('bucket', '{ name = stack.env.releases.path, public = true }'),
      ].join('\n'),
      'repo/stacks/env/terragrunt.stack.hcl': `unit "releases" {\n  source = "\${get_repo_root()}/units/bucket"\n  path   = ${at}\n  values = { name = values.p, public = false }\n}\n`,
    });
    const shown = inventory.resources.map(({ values: { bucket } }) =>
      isUnknown(bucket) ? 'unknown' : String(bucket).replace(/^[./]*\/live\//, '/live/'),
    );
    expect(shown).toEqual(names);
  });

  // An error in a stack file said Terraform would refuse it: Terragrunt refuses it, before
  // Terraform runs.
  it('say that Terragrunt refuses a reference to a unit a nested stack does not generate', () => {
    const inventory = loadTree({
      'repo/live/prod/terragrunt.stack.hcl': [
        'stack "env" {\n  source = "${get_repo_root()}/stacks/env"\n  path   = "env"\n}',
        unitBlock('bucket', '{ name = stack.env.gone.path, public = true }'),
      ].join('\n'),
      'repo/stacks/env/terragrunt.stack.hcl': '',
    });
    const said = inventory.diagnostics.filter((d) => d.code === 'eval-invalid');
    expect(said.map((d) => d.message)).toEqual([
      'aws_s3_bucket.this: bucket could not be evaluated: stack.env.gone (written at live/prod/terragrunt.stack.hcl:8): stack "env" generates no unit or stack "gone" (Terragrunt would refuse this configuration); it is taken as unknown',
    ]);
  });

  it("say that a stack block's autoinclude is not read", () => {
    const stack =
      'stack "env" {\n  source = "${get_repo_root()}/stacks/env"\n  path   = "env"\n  autoinclude {\n    unit "x" {\n      source = "../x"\n      path   = "x"\n    }\n  }\n}\n';
    const [, said] = load({
      'repo/live/prod/terragrunt.stack.hcl': stack,
      'repo/stacks/env/terragrunt.stack.hcl': '',
    });
    expect(said).toEqual(['terragrunt-include-unread@live/prod/terragrunt.stack.hcl:4']);
  });

  // From where the unit is generated, the copy of a symlink out of the root was taken for a
  // directory inside it: its files were refused one by one, and the module said to hold none.
  it('refuse a symlink out of the root in the unit they copy, as in the unit itself', () => {
    const tree = tempTree({
      'repo/modules/bucket/main.tf': MODULE,
      'repo/units/bucket/terragrunt.hcl': UNIT.replace(
        '${get_repo_root()}/modules/bucket',
        './mod',
      ),
      'repo/live/prod/terragrunt.stack.hcl': PROD,
      'outside/main.tf': MODULE,
    });
    const root = path.join(tree, 'repo');
    symlinkSync(path.join(tree, 'outside'), path.join(root, 'units/bucket/mod'));
    const inventory = loadTerraform({ root });
    const said = inventory.diagnostics.map((d) => `${d.code} ${d.severity} ${d.range.file}`);
    expect(said).toEqual(['path-outside-root error units/bucket/mod']);
  });

  // A file a stack file includes through a symlink out of the root was said unread with a warning
  // alone: the unit blocks it declares (a public bucket maybe) were not read, and the gate passed.
  it('refuse an include through a symlink out of the root with an error at the link', () => {
    const tree = tempTree({
      'repo/modules/bucket/main.tf': MODULE,
      'repo/units/bucket/terragrunt.hcl': UNIT,
      'repo/live/prod/terragrunt.stack.hcl': 'include "units" {\n  path = "../units.hcl"\n}\n',
      'outside/units.hcl': PROD,
    });
    const root = path.join(tree, 'repo');
    symlinkSync(path.join(tree, 'outside/units.hcl'), path.join(root, 'live/units.hcl'));
    const inventory = loadTerraform({ root });
    const said = inventory.diagnostics
      .filter((d) => d.range.file.startsWith('live/'))
      .map((d) => `${d.code} ${d.severity} ${d.range.file}`);
    expect(said.sort()).toEqual([
      'path-outside-root error live/units.hcl',
      'terragrunt-include-unread warning live/prod/terragrunt.stack.hcl',
    ]);
  });

  // A unit a stack copies through a symlink out of the root was said outside the root by its path
  // besides the error at the link: it is refused at the link alone, as a module source is.
  it('refuse a unit source through a symlink out of the root at the link', () => {
    const tree = tempTree({
      'repo/modules/bucket/main.tf': MODULE,
      'repo/live/prod/terragrunt.stack.hcl': PROD,
      'outside/bucket/terragrunt.hcl': UNIT,
    });
    const root = path.join(tree, 'repo');
    symlinkSync(path.join(tree, 'outside'), path.join(root, 'units'));
    const inventory = loadTerraform({ root });
    const said = inventory.diagnostics.map((d) => `${d.code} ${d.severity} ${d.range.file}`);
    expect(said.sort()).toEqual([
      'module-unresolved warning live/prod/terragrunt.stack.hcl',
      'path-outside-root error units',
    ]);
  });

  // A checked-in terragrunt.values.hcl that is a symlink out of the root was taken for none: its
  // values (`public = true`) were not read and nothing said so, where a `.tfvars` one is an error.
  it.each<[string, string | undefined, string[], string[]]>([
    ['linked inside the root', 'shared/values.hcl', ['live/prod/bucket acme-releases true'], []],
    [
      'linked out of the root',
      '../outside/values.hcl',
      ['live/prod/bucket unknown unknown'],
      ['path-outside-root error live/prod/bucket/terragrunt.values.hcl'],
    ],
    [
      'linked to nothing',
      'shared/gone.hcl',
      ['live/prod/bucket unknown unknown'],
      ['file-unreadable error live/prod/bucket/terragrunt.values.hcl'],
    ],
    ['not there', undefined, ['live/prod/bucket unknown unknown'], []],
  ])(
    'read a terragrunt.values.hcl %s as a .tfvars file is read',
    (_where, target, buckets, said) => {
      const values = 'name = "acme-releases"\npublic = true\n';
      const tree = tempTree({
        'repo/modules/bucket/main.tf': MODULE,
        'repo/live/prod/bucket/terragrunt.hcl': UNIT,
        'repo/shared/values.hcl': values,
        'outside/values.hcl': values,
      });
      const root = path.join(tree, 'repo');
      const file = path.join(root, 'live/prod/bucket/terragrunt.values.hcl');
      if (target !== undefined) symlinkSync(path.join(root, target), file);
      const inventory = loadTerraform({ root });
      const shown = (v: unknown) => (isUnknown(v) ? 'unknown' : String(v));
      const unit = inventory.resources.filter((r) => r.rootModule === 'live/prod/bucket');
      expect(
        unit.map((r) => {
          const tags = r.values.tags as Record<string, unknown>;
          return `${r.rootModule} ${shown(r.values.bucket)} ${shown(tags.public)}`;
        }),
      ).toEqual(buckets);
      const refused = inventory.diagnostics.filter((d) => d.severity === 'error');
      expect(refused.map((d) => `${d.code} ${d.severity} ${d.range.file}`)).toEqual(said);
    },
  );

  it('give the path functions the directory the unit is generated in, as Terragrunt does', () => {
    const unit = [
      'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}',
      UNIT.replace('values.name', '"${values.name}@${path_relative_to_include()}"'),
    ].join('\n');
    const [buckets] = load({ 'repo/root.hcl': '', 'repo/units/bucket/terragrunt.hcl': unit });
    expect(buckets).toEqual([
      'live/prod/.terragrunt-stack/bucket acme-releases@live/prod/.terragrunt-stack/bucket true',
    ]);
  });

  // A unit with no terraform { source } deploys its own .tf files, copied with it; read alone,
  // its generated directory matched no root module, and the stack's bucket was not scanned.
  it.each([
    ['its own .tf files', '', 'live/prod/.terragrunt-stack/bucket acme-releases true'],
    [
      'terraform { source = "." }',
      'terraform {\n  source = "."\n}\n',
      'live/prod/.terragrunt-stack/bucket acme-releases true',
    ],
  ])('read a unit that deploys %s, copied with it', (_name, terraform, bucket) => {
    const unit = `${terraform}inputs = {\n  name   = values.name\n  public = values.public\n}\n`;
    const [buckets, said] = load({
      'repo/units/bucket/terragrunt.hcl': unit,
      'repo/units/bucket/main.tf': MODULE,
    });
    expect([buckets.filter((b) => b.startsWith('live/')), said]).toEqual([[bucket], []]);
  });

  // Terragrunt merges the unit and stack blocks of a file a stack file includes into it: they
  // were not read, and their buckets not scanned.
  it.each<[string, Record<string, string>, string[], string[]]>([
    [
      'the units of a file it includes, in its scope',
      {
        'repo/live/prod/terragrunt.stack.hcl': `locals {\n  org = "acme"\n}\ninclude "shared" {\n  path = "../shared.hcl"\n}\n`,
        'repo/live/shared.hcl': unitBlock(
          'bucket',
          '{ name = "${local.org}-releases", public = true }',
        ),
      },
      ['live/prod/.terragrunt-stack/bucket acme-releases true'],
      [],
    ],
    [
      'none of a file it includes that is not there, and said',
      {
        'repo/live/prod/terragrunt.stack.hcl': 'include "shared" {\n  path = "../shared.hcl"\n}\n',
      },
      ['units/bucket unknown unknown'],
      ['terragrunt-include-unread@live/prod/terragrunt.stack.hcl:1'],
    ],
    [
      // Read as a catalog, since a stack names it: the scan said nothing of a public bucket.
      'the units of one that names its own directory as a stack, whose copy is refused and said',
      {
        'repo/live/prod/terragrunt.stack.hcl': `${unitBlock(
          'bucket',
          '{ name = "acme-releases", public = true }',
        )}stack "again" {\n  source = "."\n  path   = "again"\n}\n`,
      },
      ['live/prod/.terragrunt-stack/bucket acme-releases true'],
      ['module-unresolved@live/prod/terragrunt.stack.hcl:8'],
    ],
  ])('read %s', (_name, files, buckets, said) => {
    expect(load(files)).toEqual([buckets, said]);
  });

  // Where a finding's value is set: the stack that sets it, through a nested stack that passes it
  // on as it is, not the unit every stack generated from one source shares.
  it.each([
    ['a unit', {}, ['live/prod/terragrunt.stack.hcl:6']],
    [
      'a nested stack',
      {
        'repo/live/prod/terragrunt.stack.hcl':
          'stack "env" {\n  source = "${get_repo_root()}/stacks/env"\n  path   = "env"\n  values = { public = true }\n}\n',
        'repo/stacks/env/terragrunt.stack.hcl': unitBlock(
          'bucket',
          '{ name = "acme-releases", public = values.public }',
        ).replace('../../units/bucket', '${get_repo_root()}/units/bucket'),
      },
      ['live/prod/terragrunt.stack.hcl:4'],
    ],
  ])('set the value through %s where the stack file sets it', (_name, files, origins) => {
    const bucket = loadTree(files).resources.find((r) => r.type === 'aws_s3_bucket');
    const set = bucket?.origins?.['tags.public'] ?? [];
    expect(set.map((at) => `${at.file}:${at.start.line}`)).toEqual(origins);
  });
});
