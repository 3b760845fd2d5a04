import { cpSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan, type ScanReport } from '@posture/core';
import { repoRoot } from './support/cli.js';
import { tempDir } from './support/temp-dirs.js';

/**
 * Issue #3's promise: the plan of a configuration gives the same findings, at the same `.tf`
 * locations, as the configuration itself. Fixtures are real plans from Terraform 1.11 and the AWS
 * provider (and hand-written ones for providers not available offline).
 */
const FIXTURES = join(repoRoot(), 'packages/plan/test/fixtures');
/** Where the plan and the configuration know different variables, tested on its own below. */
const JSONENCODE = 'scenarios/s3-jsonencode-policy';
/**
 * A registry module the scan does not hold: the HCL scan reads it by the call's inputs, the plan
 * has its resources, whose addresses its findings name. Tested on its own below.
 */
const REGISTRY = 'scenarios/s3-registry-module';
/** One root planned once per environment, with no plan.json: tested on its own below. */
const ENVIRONMENTS = 'scenarios/s3-two-environments';
/** Instances only prod's variables make, in its plans and states, and no plan.json. */
const STATE_INSTANCES = 'scenarios/s3-state-instances';
/** What the plans leave in the account as the prior state has it, which no configuration says. */
const LEFT_AS_IT_IS = 'scenarios/s3-removed-and-targeted';
const SCENARIOS = ['scenarios', 'hand-written']
  .flatMap((group) =>
    readdirSync(join(FIXTURES, group), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => join(group, e.name)),
  )
  .filter(
    (scenario) =>
      ![JSONENCODE, REGISTRY, ENVIRONMENTS, STATE_INSTANCES, LEFT_AS_IT_IS].includes(scenario),
  );

function summary(report: ScanReport): string[] {
  return report.result.findings
    .map(
      (f) =>
        `${f.ruleId}/${f.severity} ${f.address ?? ''} @${f.location.file}:${f.location.start.line}`,
    )
    .sort();
}

/** Where each finding's values are set besides its location: "value set here" and the like. */
function related(report: ScanReport): string[] {
  return report.result.findings
    .map((f) =>
      [
        f.address,
        ...(f.related ?? []).map((r) => `${r.label} @${r.range.file}:${r.range.start.line}`),
      ].join(' | '),
    )
    .sort();
}

describe.each(['release', 'all'] as const)('HCL and plan agree (scope %s)', (scope) => {
  it.each(SCENARIOS)('%s', async (scenario) => {
    const root = join(FIXTURES, scenario);
    const options = { root, buildConfigs: false, policy: { scope } };
    const fromHcl = await scan(options);
    const fromPlan = await scan({ ...options, plans: [join(root, 'plan.json')] });
    expect(summary(fromPlan)).toEqual(summary(fromHcl));
    expect(related(fromPlan)).toEqual(related(fromHcl));
    expect(fromPlan.result.findings.every((f) => f.location.file.endsWith('.tf'))).toBe(true);
  });
});

describe('a state of R2 driven through the AWS provider', () => {
  it('reads the bucket as R2, as the configuration and its plan do', async () => {
    // The state records neither the provider block with R2's endpoint nor that the bucket uses it.
    const root = join(FIXTURES, 'scenarios/r2-via-aws');
    const options = { root, buildConfigs: false, policy: { scope: 'all' as const } };
    const fromHcl = await scan(options);
    const fromState = await scan({ ...options, plans: [join(root, 'state.json')] });
    expect(summary(fromState)).toEqual(summary(fromHcl));
    const services = (report: ScanReport) =>
      Object.fromEntries(report.facts.buckets.map((b) => [b.address, b.service]));
    expect(services(fromState)).toEqual({
      'aws_s3_bucket.artifacts': 'r2',
      'aws_s3_bucket.terraform_logs': 's3',
    });
  });
});

describe('R2 through the AWS provider with its endpoint under `s3api`, the alias of `s3`', () => {
  it('reads the bucket as R2 from the configuration, its plan, and the plan alone', async () => {
    const root = tempDir('r2-s3api');
    cpSync(join(FIXTURES, 'scenarios/r2-via-aws'), root, { recursive: true });
    const rename = (file: string, from: string, to: string) => {
      const text = readFileSync(join(root, file), 'utf8');
      expect(text).toContain(from);
      writeFileSync(join(root, file), text.replace(from, to));
    };
    rename('main.tf', '    s3 = "https://', '    s3api = "https://');
    rename('plan.json', '"s3": {', '"s3api": {');
    const options = { root, buildConfigs: false, policy: { scope: 'all' as const } };
    const plans = [join(root, 'plan.json')];
    const services = (report: ScanReport) =>
      Object.fromEntries(report.facts.buckets.map((b) => [b.address, b.service]));
    const expected = { 'aws_s3_bucket.artifacts': 'r2', 'aws_s3_bucket.terraform_logs': 's3' };
    const fromHcl = await scan(options);
    expect(services(fromHcl)).toEqual(expected);
    expect(services(await scan({ ...options, plans }))).toEqual(expected);
    expect(services(await scan({ ...options, plans, terraform: false }))).toEqual(expected);
    const original = join(FIXTURES, 'scenarios/r2-via-aws');
    expect(summary(fromHcl)).toEqual(summary(await scan({ ...options, root: original })));
  });
});

describe('an organization policy enforcing public access prevention on the project', () => {
  it.each([
    ['by its id', 'gcs-org-policy'],
    ['by the number data.google_project gives it', 'gcs-org-policy-number'],
  ])(
    'named %s, neutralises the allUsers grant from the configuration, its plan, and the plan alone',
    async (_, fixture) => {
      const root = join(FIXTURES, 'hand-written', fixture);
      const options = { root, buildConfigs: false };
      const plans = [join(root, 'plan.json')];
      for (const report of [
        await scan(options),
        await scan({ ...options, plans }),
        await scan({ ...options, plans, terraform: false }),
      ]) {
        expect(report.result.findings.map((f) => `${f.ruleId}/${f.severity}`)).toEqual([
          'gcs-public-iam/low',
        ]);
        expect(report.result.findings[0]?.message).toMatch(
          /neutralised by google_org_policy_policy\.pap/,
        );
      }
    },
  );
});

describe('a jsonencode policy around an ARN no plan knows', () => {
  const root = join(FIXTURES, JSONENCODE);
  const options = { root, buildConfigs: false };
  const policies = (report: ScanReport) =>
    summary(report).filter((line) => line.startsWith('s3-public-policy'));

  it("takes the known parts the configuration keeps, evaluated with the plan's variables", async () => {
    // The plan was made with -var=reader=* (plan-args); terraform.tfvars names one role.
    expect(policies(await scan({ ...options, plans: [join(root, 'plan.json')] }))).toEqual([
      's3-public-policy/critical aws_s3_bucket.cli @main.tf:42',
      's3-public-policy/critical aws_s3_bucket.sdk @main.tf:68',
    ]);
    expect(policies(await scan(options))).toEqual([
      's3-public-policy/critical aws_s3_bucket.cli @main.tf:42',
    ]);
  });

  it('leaves what reads a variable undecided when the command line sets variables the plan did not', async () => {
    const report = await scan({
      ...options,
      plans: [join(root, 'plan.json')],
      vars: { reader: 'arn:aws:iam::111122223333:role/other' },
    });
    expect(policies(report)).toEqual([
      's3-public-policy/critical aws_s3_bucket.cli @main.tf:42',
      's3-public-policy/medium aws_s3_bucket.sdk @main.tf:68',
    ]);
  });
});

const PUBLIC_ACCESS_BLOCK_OFF = 's3-public-access-block/high aws_s3_bucket.downloads @main.tf:30';
const BLOCKED_POLICY = 's3-public-policy/low aws_s3_bucket.docs @main.tf:58';
/** The findings from each plan of LEFT_AS_IT_IS. */
const LEFT_FINDINGS: Record<string, string[]> = {
  'plan.json': [
    PUBLIC_ACCESS_BLOCK_OFF,
    's3-public-policy/critical aws_s3_bucket.downloads @plan.json:960',
    BLOCKED_POLICY,
  ],
  'plan-targeted.json': [
    PUBLIC_ACCESS_BLOCK_OFF,
    's3-public-policy/critical aws_s3_bucket.downloads @plan-targeted.json:545',
    BLOCKED_POLICY,
  ],
};

describe('what a plan leaves in the account as it is', () => {
  const root = join(FIXTURES, LEFT_AS_IT_IS);
  const options = { root, buildConfigs: false };

  it('is not in the configuration: a removed block keeps the policy on the bucket', async () => {
    expect(summary(await scan(options))).toEqual([PUBLIC_ACCESS_BLOCK_OFF, BLOCKED_POLICY]);
  });

  it.each(Object.entries(LEFT_FINDINGS))(
    'is in %s, as the prior state has it',
    async (plan, expected) => {
      const report = await scan({ ...options, plans: [join(root, plan)] });
      expect(summary(report)).toEqual(expected);
    },
  );
});

describe("a setting that names its bucket by another setting's `bucket`", () => {
  // `bucket = aws_s3_bucket_public_access_block.channel["stable"].bucket`, and a module output
  // of the ownership controls' `bucket`: the plan records only the reference to the other setting.
  const root = join(FIXTURES, 'scenarios/s3-chained-bucket');
  const options = { root, buildConfigs: false, policy: { scope: 'all' as const } };
  const plans = [join(root, 'plan.json')];
  const judged = (report: ScanReport) =>
    report.result.findings.map((f) => `${f.ruleId}/${f.severity} ${f.address ?? ''}`).sort();

  it('joins the bucket behind it, from the configuration, its plan, and the plan alone', async () => {
    const expected = [
      's3-public-access-block/high aws_s3_bucket.channel["beta"]',
      's3-public-access-block/high aws_s3_bucket.channel["stable"]',
      's3-public-access-block/medium module.site.aws_s3_bucket.this',
      's3-public-policy/critical aws_s3_bucket.channel["stable"]',
      's3-public-policy/critical module.site.aws_s3_bucket.this',
    ];
    expect(judged(await scan(options))).toEqual(expected);
    expect(judged(await scan({ ...options, plans }))).toEqual(expected);
    expect(judged(await scan({ ...options, plans, terraform: false }))).toEqual(expected);
  });
});

describe('a policy templatefile renders from a `${jsonencode(…)}` template', () => {
  const root = join(FIXTURES, 'scenarios/s3-templatefile-policy');
  const options = { root, buildConfigs: false };

  it('is read around the ARN known after apply, with or without the plan', async () => {
    const expected = ['s3-public-policy/critical aws_s3_bucket.releases @main.tf:10'];
    const policies = (report: ScanReport) =>
      summary(report).filter((line) => line.startsWith('s3-public-policy'));
    expect(policies(await scan(options))).toEqual(expected);
    expect(policies(await scan({ ...options, plans: [join(root, 'plan.json')] }))).toEqual(
      expected,
    );
  });
});

describe('several roots with the same addresses, each with its plan, in one scan', () => {
  // The scenarios side by side are a repository of many roots, most with an
  // aws_s3_bucket.releases; each plan was made in its own directory, one of them twice.
  const root = join(FIXTURES, 'scenarios');
  const plans = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) =>
      readdirSync(join(root, e.name))
        .filter((file) => /^plan.*\.json$/.test(file))
        .map((file) => join(root, e.name, file)),
    );

  it('maps each plan to its own root: the same findings at the same lines as the roots', async () => {
    const options = { root, buildConfigs: false };
    const hcl = await scan(options);
    const fromPlans = await scan({ ...options, plans });
    // The one root whose plan was made with other variables (-var=reader=*), as above.
    const planVariables =
      's3-public-policy/critical aws_s3_bucket.sdk @s3-jsonencode-policy/main.tf:68';
    // The registry module's findings name its resources in the plan, as below.
    const registry = (line: string) => line.includes(' @s3-registry-module/');
    // Two plans of one root, which find what its configuration does not have.
    const left = (line: string) => line.includes(' @s3-removed-and-targeted/');
    const fromHcl = summary(hcl).filter((line) => !registry(line) && !left(line));
    expect(summary(fromPlans)).toEqual(
      [
        ...fromHcl,
        planVariables,
        ...REGISTRY_FINDINGS.map((f) => f.replace(' @', ' @s3-registry-module/')),
        ...PROD_FINDINGS.map((f) => f.replace(' @', ' @s3-two-environments/')),
        ...INSTANCES_FINDINGS.map((f) => f.replace(' @', ' @s3-state-instances/')),
        ...Object.values(LEFT_FINDINGS)
          .flat()
          .map((f) => f.replace(' @', ' @s3-removed-and-targeted/')),
      ].sort(),
    );
    // s3-for-each-attachments holds more of s3-state-instances' addresses (its defaults make
    // their instances), but also blocks that plan's configuration does not declare.
    const chosen = fromPlans.result.diagnostics.filter((d) => d.code === 'plan-root-chosen');
    expect(chosen.map((d) => d.message)).toEqual([
      's3-state-instances/plan-prod.json is mapped to the root module s3-state-instances, not to s3-for-each-attachments, which holds more of its addresses but also blocks it does not have',
    ]);
    // Each file once: the configuration's, then the plans.
    expect(fromPlans.result.files.map((f) => f.path)).toEqual([
      ...hcl.result.files.map((f) => f.path),
      ...plans.map((p) => relative(root, p)),
    ]);
  });

  it('keeps a plan that fits two roots equally on its own lines, and says so', async () => {
    const copy = tempDir('two-roots');
    for (const env of ['prod', 'staging'])
      cpSync(join(root, 's3-private', 'main.tf'), join(copy, env, 'main.tf'));
    const plan = join(root, 's3-private', 'plan.json');
    const report = await scan({ root: copy, buildConfigs: false, plans: [plan] });
    const notes = report.result.diagnostics.filter((d) => d.code === 'plan-root-ambiguous');
    expect(notes.map((d) => d.message)).toEqual([
      expect.stringMatching(/fits the root modules prod, staging equally well/),
    ]);
    expect(report.result.findings.every((f) => f.location.file.endsWith('plan.json'))).toBe(true);
  });
});

/**
 * The two-environment scenario's findings from prod's plan (staging's finds nothing), on .tf lines.
 * The policy's Resource is the bucket's ARN, which the plan does not know: the statement is known
 * public only from the configuration evaluated with prod's variables.
 */
const PROD_FINDINGS = [
  's3-public-access-block/high aws_s3_bucket.installers @main.tf:40',
  's3-public-policy/critical aws_s3_bucket.installers @main.tf:47',
];

describe('one root planned once per environment, the plans in one scan', () => {
  const root = join(FIXTURES, ENVIRONMENTS);
  const options = { root, buildConfigs: false };
  const inRoot = (files: readonly string[]) => files.map((file) => join(root, file));
  const bucketNames = (report: ScanReport) =>
    new Set(report.result.findings.map((f) => /Release bucket "([^"]+)"/.exec(f.message)?.[1]));

  it("finds with the configuration and each environment's variables what its plan finds", async () => {
    expect(summary(await scan({ ...options, varFiles: [join(root, 'prod.tfvars')] }))).toEqual(
      PROD_FINDINGS,
    );
    expect(summary(await scan({ ...options, vars: { env: 'staging' } }))).toEqual([]);
  });

  // A state records no variables: the defaults make no instance of prod's policy
  // (`count = var.public ? 1 : 0`), but the configuration is evaluated with the one it records.
  it.each([
    ['plans', ['plan-prod.json', 'plan-staging.json'], PROD_FINDINGS],
    ['plans, staging first', ['plan-staging.json', 'plan-prod.json'], PROD_FINDINGS],
    ['states', ['state-prod.json', 'state-staging.json'], PROD_FINDINGS],
  ])(
    'judges each of the %s on its own values: what they find one at a time',
    async (_what, files, prodFindings) => {
      const [prod, staging] = inRoot([...files].sort());
      expect(summary(await scan({ ...options, plans: [prod!] }))).toEqual(prodFindings);
      expect(summary(await scan({ ...options, plans: [staging!] }))).toEqual([]);
      const both = await scan({ ...options, plans: inRoot(files) });
      expect(summary(both)).toEqual(prodFindings);
      expect(bucketNames(both)).toEqual(new Set(['acme-prod-downloads']));
    },
  );

  it('judges each plan on its own values without the configuration too', async () => {
    const files = ['plan-prod.json', 'plan-staging.json'];
    const report = await scan({ ...options, terraform: false, plans: inRoot(files) });
    expect(report.result.findings.map((f) => [f.ruleId, f.location.file])).toEqual([
      ['s3-public-access-block', 'plan-prod.json'],
      // Without the configuration, the policy's known parts are not known.
      ['s3-public-policy', 'plan-prod.json'],
    ]);
    expect(bucketNames(report)).toEqual(new Set(['acme-prod-downloads']));
  });

  it('reads a plan named twice once, by whatever path', async () => {
    const copy = tempDir('plan-twice');
    cpSync(root, copy, { recursive: true });
    symlinkSync('plan-prod.json', join(copy, 'latest.json'));
    const plans = ['plan-prod.json', 'latest.json', './plan-prod.json'].map((f) => join(copy, f));
    const report = await scan({ ...options, root: copy, plans });
    expect(summary(report)).toEqual(PROD_FINDINGS);
    expect(report.result.files.map((f) => f.path)).toEqual(['main.tf', 'plan-prod.json']);
  });
});

describe('a plan of one root among others, which no plan is for', () => {
  it('stands for its own root only: the others are judged from their configuration, as without it', async () => {
    const copy = tempDir('one-plan');
    cpSync(join(FIXTURES, ENVIRONMENTS), join(copy, 'envs/prod'), { recursive: true });
    const other = join(FIXTURES, 'scenarios/s3-public-policy/main.tf');
    cpSync(other, join(copy, 'envs/other/main.tf'));
    const options = { root: copy, buildConfigs: false };
    const inOther = summary(await scan(options)).filter((f) => f.includes(' @envs/other/'));
    const plans = [join(copy, 'envs/prod/plan-prod.json')];
    const report = await scan({ ...options, plans });
    expect(inOther).toContain(
      's3-public-policy/critical aws_s3_bucket.cli_releases @envs/other/main.tf:40',
    );
    expect(summary(report)).toEqual(
      [...inOther, ...PROD_FINDINGS.map((f) => f.replace(' @', ' @envs/prod/'))].sort(),
    );
    const notes = report.result.diagnostics.filter((d) => d.severity === 'info');
    expect(notes.map((d) => `${d.range.file}: ${d.message}`)).toEqual([
      'envs/prod/plan-prod.json: envs/other is judged from its configuration, as no plan given is for it (envs/prod/plan-prod.json is for envs/prod)',
    ]);
  });
});

/**
 * What prod's variables make of a root whose defaults make one channel, no downloads and no policy:
 * a second channel's bucket open to policies, and two public download buckets, each made with
 * `for_each`.
 */
const INSTANCES_FINDINGS = [
  's3-public-access-block/high aws_s3_bucket.downloads["cli"] @main.tf:63',
  's3-public-access-block/high aws_s3_bucket.downloads["sdk"] @main.tf:63',
  's3-public-access-block/high aws_s3_bucket.releases[1] @main.tf:49',
  's3-public-policy/critical aws_s3_bucket.downloads["cli"] @main.tf:70',
  's3-public-policy/critical aws_s3_bucket.downloads["sdk"] @main.tf:70',
];

describe('a state of a root whose instances only the applied variables make', () => {
  const root = join(FIXTURES, STATE_INSTANCES);
  const options = { root, buildConfigs: false, policy: { scope: 'all' as const } };

  it.each(['plan-prod.json', 'state-prod.json'])(
    '%s finds at the .tf lines what the configuration with prod.tfvars finds',
    async (file) => {
      expect(summary(await scan({ ...options, varFiles: [join(root, 'prod.tfvars')] }))).toEqual(
        INSTANCES_FINDINGS,
      );
      expect(summary(await scan({ ...options, plans: [join(root, file)] }))).toEqual(
        INSTANCES_FINDINGS,
      );
    },
  );
});

/** The registry scenario's findings from its plan: on .tf lines, the module's resources named. */
const REGISTRY_FINDINGS = [
  's3-public-access-block/high module.release_bucket.aws_s3_bucket.this[0] @main.tf:26',
  // The module writes the website's documents in dynamic blocks, of which a plan records no
  // expression: the finding stays on the call block, not on the `website` argument.
  's3-website/high module.release_bucket.aws_s3_bucket.this[0] @main.tf:22',
];

describe('a registry module the scanned tree does not hold (not installed in the checkout)', () => {
  it('puts the findings on its resources on the module call, where the HCL scan puts them', async () => {
    const root = join(FIXTURES, REGISTRY);
    const options = { root, buildConfigs: false };
    expect(summary(await scan(options))).toEqual([
      's3-public-access-block/high module.release_bucket @main.tf:26',
      's3-website/high module.release_bucket @main.tf:31',
    ]);
    const fromPlan = await scan({ ...options, plans: [join(root, 'plan.json')] });
    expect(summary(fromPlan)).toEqual(REGISTRY_FINDINGS);
    const related = fromPlan.result.findings.flatMap((f) => f.related.map((r) => r.range.file));
    expect(related.length).toBeGreaterThan(0);
    expect(related.every((file) => file === 'main.tf')).toBe(true);
  });
});

describe("a Terragrunt unit's plan", () => {
  it('maps to the unit that deploys the module, with the addresses Terragrunt gives', async () => {
    // scenarios/terragrunt-unit is what `terragrunt plan` runs for live/prod/releases.
    const root = join(repoRoot(), 'packages/hcl/test/fixtures/terragrunt');
    const plan = join(FIXTURES, 'scenarios/terragrunt-unit/plan.json');
    const report = await scan({ root, buildConfigs: false, plans: [plan] });
    // The other units, which the plan is not for, are judged from their configuration.
    expect(summary(report)).toEqual([
      'input-unreadable/high  @live/prod/escape/terragrunt.hcl:2',
      'module-unresolved/low  @live/prod/escape/terragrunt.hcl:5',
      's3-acls-enabled/medium module.terragrunt @live/prod/registry/terragrunt.hcl:8',
      's3-public-access-block/high aws_s3_bucket.this @modules/bucket/main.tf:16',
      's3-public-access-block/high module.terragrunt @live/prod/registry/terragrunt.hcl:9',
      's3-public-acl/high module.terragrunt @live/prod/registry/terragrunt.hcl:6',
    ]);
    // The unit's module, evaluated with the plan's variables, is the instance the plan names
    // without `module.terragrunt.`: where its values are set is the unit's, as in the HCL scan.
    const unit = report.result.findings.find((f) => f.address === 'aws_s3_bucket.this');
    expect(unit?.related.map((r) => `${r.label} @${r.range.file}:${r.range.start.line}`)).toEqual([
      'bucket @modules/bucket/main.tf:10',
      'public access block @modules/bucket/main.tf:14',
      'value set here @live/prod/releases/terragrunt.hcl:13',
      'release evidence @live/root.hcl:5',
    ]);
  });
});

describe('a plan scanned without its configuration', () => {
  it('places findings on the resource objects in plan.json, at real lines', async () => {
    const root = join(FIXTURES, 'scenarios/s3-split-acl');
    const withConfig = await scan({ root, buildConfigs: false, plans: [join(root, 'plan.json')] });
    const alone = await scan({
      root,
      terraform: false,
      buildConfigs: false,
      plans: [join(root, 'plan.json')],
    });
    expect(alone.result.findings.map((f) => f.ruleId).sort()).toEqual(
      withConfig.result.findings.map((f) => f.ruleId).sort(),
    );
    for (const f of alone.result.findings) {
      expect(f.location.file).toBe('plan.json');
      expect(f.location.start.line).toBeGreaterThan(1);
    }
  });
});

describe('a bucket behind CloudFront whose policy, around its ARN, the plan does not know', () => {
  const root = join(FIXTURES, 'scenarios/s3-cloudfront-policy-refuses');
  const options = { root, buildConfigs: false, plans: [join(root, 'plan.json')] };
  const cloudfront = (report: ScanReport) =>
    report.result.findings.map((f) => `${f.ruleId}/${f.severity} ${f.message}`);

  it('is low with the configuration, which reads the policy: it refuses the distribution', async () => {
    expect(cloudfront(await scan(options))).toEqual([
      expect.stringMatching(/^s3-public-cloudfront\/low .* neutralised by aws_s3_bucket_policy/),
    ]);
  });

  it('stays high from the plan alone, as any policy not known does, and says it is not known', async () => {
    // The policy almost always lets CloudFront in; only one read whole can close the path.
    expect(cloudfront(await scan({ ...options, terraform: false }))).toEqual([
      expect.stringMatching(
        /^s3-public-cloudfront\/high .*; the policy document of aws_s3_bucket_policy\.releases, which could refuse it every object, cannot be read \(known after apply\)\./,
      ),
    ]);
  });
});

describe('plan-only knowledge: the tfvars the configuration scan was not given', () => {
  it('the plan finds every instance, on .tf lines; the configuration alone scans one unknown instance', async () => {
    const root = tempDir('plan-only');
    cpSync(join(FIXTURES, 'scenarios/s3-for-each-modules'), root, { recursive: true });
    rmSync(join(root, 'terraform.tfvars'));
    const options = { root, buildConfigs: false };
    expect(summary(await scan(options))).toEqual([
      // `products` has no value without the tfvars: one instance stands for all of them. Whether
      // any has a website is not known either (the website's for_each keeps only some), so the
      // website is undecided (medium), as a website with a count not known is.
      's3-public-access-block/medium module.product_releases[*].aws_s3_bucket.this[*] @modules/release-buckets/main.tf:32',
      's3-website/medium module.product_releases[*].aws_s3_bucket.this[*] @modules/release-buckets/main.tf:44',
    ]);
    expect(summary(await scan({ ...options, plans: [join(root, 'plan.json')] }))).toEqual([
      // docs_enabled = true came from the tfvars: the configuration, evaluated with the plan's
      // variables, has the docs bucket too, so its findings land on .tf lines.
      's3-public-access-block/medium module.docs_site[0].aws_s3_bucket.this["site"] @modules/release-buckets/main.tf:32',
      's3-public-access-block/medium module.product_releases["agent"].aws_s3_bucket.this["binaries"] @modules/release-buckets/main.tf:32',
      's3-public-access-block/medium module.product_releases["cli"].aws_s3_bucket.this["binaries"] @modules/release-buckets/main.tf:32',
      's3-public-access-block/medium module.product_releases["cli"].aws_s3_bucket.this["install-page"] @modules/release-buckets/main.tf:32',
      's3-website/high module.docs_site[0].aws_s3_bucket.this["site"] @modules/release-buckets/main.tf:44',
      's3-website/high module.product_releases["cli"].aws_s3_bucket.this["install-page"] @modules/release-buckets/main.tf:44',
    ]);
  });
});
