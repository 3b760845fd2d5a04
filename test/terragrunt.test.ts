import { join } from 'node:path';
import { expect, it } from 'vitest';
import { scan } from '@posture/core';
import { repoRoot, runCli } from './support/cli.js';
import { tempTree } from './support/temp-dirs.js';

it('a Terragrunt estate is judged unit by unit, as Terragrunt deploys it', async () => {
  const root = join(repoRoot(), 'packages/hcl/test/fixtures/terragrunt');
  const { result } = await scan({ root, buildConfigs: false });
  const findings = result.findings.map(
    (f) => `${f.ruleId}/${f.severity} ${f.location.file}:${f.location.start.line}`,
  );
  expect(findings.sort()).toEqual(
    [
      // An include named outside the scan root fails closed: what it sets is not read.
      'input-unreadable/high live/prod/escape/terragrunt.hcl:2',
      'module-unresolved/low live/prod/escape/terragrunt.hcl:5',
      // The registry module the registry unit fetches, read by its inputs: nothing left unread.
      's3-acls-enabled/medium live/prod/registry/terragrunt.hcl:8',
      's3-public-access-block/high live/prod/registry/terragrunt.hcl:9',
      's3-public-acl/high live/prod/registry/terragrunt.hcl:6',
      // The releases unit: release-use by the tag its included root.hcl gives, public = true.
      's3-public-access-block/high modules/bucket/main.tf:16',
    ].sort(),
  );
  const releases = result.findings.find((f) => f.location.file === 'modules/bucket/main.tf');
  expect(releases?.message).toContain('"acme-prod-cli-bin" (module.terragrunt.aws_s3_bucket.this)');
  // The unit that deploys the module is a related location, as a module call is.
  const related = releases?.related.map((r) => `${r.label} ${r.range.file}:${r.range.start.line}`);
  expect(related).toContain('module call live/prod/releases/terragrunt.hcl:9');
  // The input the finding turns on (`public = true`), where the unit sets it.
  expect(related).toContain('value set here live/prod/releases/terragrunt.hcl:13');
});

it("a provider block a unit's generate writes tags the buckets of the module it deploys", async () => {
  const root = join(repoRoot(), 'examples/terragrunt-units');
  const { result, facts } = await scan({ root });
  expect(
    facts.buckets.map((b) => [
      b.name,
      b.release.map((r) => `${r.detail} ${r.range?.file}:${r.range?.start.line}`),
    ]),
  ).toEqual(
    expect.arrayContaining([
      [
        'acme-staging-cli-releases',
        expect.arrayContaining(['tag purpose = "release" (provider default) live/root.hcl:14']),
      ],
    ]),
  );
  const [finding] = result.findings;
  expect(finding?.related.map((r) => `${r.label} ${r.range.file}:${r.range.start.line}`)).toContain(
    'release evidence live/root.hcl:14',
  );
});

// A stack file named stands for its directory, as a terragrunt.hcl does: it was 'not a file
// Posture scans' (exit 2).
it.each(['.', 'live/prod/terragrunt.stack.hcl'])(
  'posture scan %s judges a unit a terragrunt.stack.hcl generates on its values',
  async (named) => {
    const root = tempTree('tgstack', {
      '.git/HEAD': 'ref: refs/heads/main\n',
      'modules/bucket/main.tf': [
        'variable "name" {}\nvariable "public" {\n  default = false\n}',
        'resource "aws_s3_bucket" "this" {\n  bucket = var.name\n}',
        'resource "aws_s3_bucket_public_access_block" "this" {',
        '  bucket                  = aws_s3_bucket.this.id',
        '  block_public_acls       = !var.public',
        '  block_public_policy     = !var.public',
        '  ignore_public_acls      = !var.public',
        '  restrict_public_buckets = !var.public\n}\n',
      ].join('\n'),
      'units/bucket/terragrunt.hcl': [
        'terraform {\n  source = "${get_repo_root()}/modules/bucket"\n}',
        'inputs = {\n  name   = values.name\n  public = values.public\n}\n',
      ].join('\n'),
      'live/prod/terragrunt.stack.hcl': [
        'unit "bucket" {\n  source = "../../units/bucket"\n  path   = "bucket"',
        '  values = {\n    name   = "acme-releases"\n    public = true\n  }\n}\n',
      ].join('\n'),
    });
    const run = await runCli(['scan', named], root);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'high      s3-public-access-block  Release bucket "acme-releases"',
    );
    // The stack file's line sets the value, not the unit every stack unit shares.
    expect(run.stdout).toContain('value set here: live/prod/terragrunt.stack.hcl:6:5');
    expect(run.stdout).not.toContain('eval-invalid');
  },
);
