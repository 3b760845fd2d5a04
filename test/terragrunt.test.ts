import { join } from 'node:path';
import { expect, it } from 'vitest';
import { scan } from '@posture/core';
import { repoRoot } from './support/cli.js';

it('a Terragrunt estate is judged unit by unit, as Terragrunt deploys it', async () => {
  const root = join(repoRoot(), 'packages/hcl/test/fixtures/terragrunt');
  const { result } = await scan({ root, buildConfigs: false });
  const findings = result.findings.map(
    (f) => `${f.ruleId}/${f.severity} ${f.location.file}:${f.location.start.line}`,
  );
  expect(findings.sort()).toEqual(
    [
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
  expect(releases?.related.map((r) => `${r.label} ${r.range.file}`)).toContain(
    'module call live/prod/releases/terragrunt.hcl',
  );
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
