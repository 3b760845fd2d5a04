import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTerraform, type LoadTerraformOptions } from '@posture/hcl';
import { isUnknown, type Inventory, type Value, type ValueObject } from '@posture/model';
import { loadPlan, mapToConfiguration, recordedInstances, type MapOptions } from '@posture/plan';
import { fixtures, resource, startOf } from './support.js';

/** A registry module the scenario only calls: the HCL loader has none of its resources (below). */
const REGISTRY = 's3-registry-module';
/**
 * Instances only the plan knows (another root's outputs, read with `terraform_remote_state`): the
 * HCL loader scans each such block as one `[*]` instance, with a note.
 */
const FROM_STATE = 's3-for-each-from-state';
/**
 * Settings made for each element of a `for` expression that re-keys buckets: the plan records only
 * the resource the `for_each` reads, so its references name every bucket (below).
 */
const FILTERED = 's3-for-each-filtered';
/**
 * Settings attached through locals: the plan records only that they read a local, so its
 * references name neither the policy document nor the bucket behind it (below).
 */
const THROUGH_LOCALS = 's3-policy-through-local';
/** One root planned once per environment, each plan with its own variables (its `plans` file). */
const ENVIRONMENTS = 's3-two-environments';
/** Instances only prod's variables make, in its plans and states, and no plan.json. */
const STATE_INSTANCES = 's3-state-instances';
/**
 * Blocks a `dynamic` block makes (grants, a distribution's origins and cache behaviours), of which
 * a plan records no expression: the plan's references miss what they read (tested below, in
 * map-to-config.test.ts and in plan-equality.test.ts).
 */
const DYNAMIC_BLOCKS = 's3-cloudfront-dynamic-blocks';
const DYNAMIC = ['s3-dynamic-grants', DYNAMIC_BLOCKS];
/**
 * A policy a `removed` block forgets, which the plans keep from their prior state and the
 * configuration no longer declares (tested in load-plan.test.ts and plan-equality.test.ts).
 */
const LEFT_AS_IT_IS = 's3-removed-and-targeted';
type Variables = Pick<LoadTerraformOptions, 'vars' | 'varFiles'>;
const PLANS: [string, string, Variables][] = [
  ...readdirSync(join(fixtures, 'scenarios'))
    .filter(
      (name) =>
        ![
          REGISTRY,
          FROM_STATE,
          FILTERED,
          THROUGH_LOCALS,
          ENVIRONMENTS,
          STATE_INSTANCES,
          LEFT_AS_IT_IS,
          ...DYNAMIC,
        ].includes(name),
    )
    .map((name): [string, string, Variables] => [name, 'plan.json', {}]),
  [
    ENVIRONMENTS,
    'plan-prod.json',
    { varFiles: [join(fixtures, 'scenarios', ENVIRONMENTS, 'prod.tfvars')] },
  ],
  [ENVIRONMENTS, 'plan-staging.json', { vars: { env: 'staging' } }],
  [
    STATE_INSTANCES,
    'plan-prod.json',
    { varFiles: [join(fixtures, 'scenarios', STATE_INSTANCES, 'prod.tfvars')] },
  ],
];

/** A scenario's plan mapped onto the HCL loader's reading of the same directory. */
function scan(
  name: string,
  planFile = 'plan.json',
  variables: Variables = {},
  options: MapOptions = {},
) {
  const root = join(fixtures, 'scenarios', name);
  const config = loadTerraform({ root, ...variables });
  const plan = loadPlan(join(root, planFile), { root });
  return { config, plan, mapped: mapToConfiguration(plan, config, options) };
}

describe.each(PLANS)('%s %s: the plan and the HCL loader agree', (name, planFile, variables) => {
  const { config, plan, mapped } = scan(name, planFile, variables);

  it('on instances, providers and links', () => {
    expect(config.diagnostics).toEqual([]);
    const byAddress = (list: typeof plan.resources) =>
      [...list]
        .map(({ address, provider, references }) => ({
          address,
          provider,
          references: [...references].sort(),
        }))
        .sort((a, b) => a.address.localeCompare(b.address));
    expect(byAddress(plan.resources)).toEqual(byAddress(config.resources));
  });

  it('so every plan resource points at its .tf block', () => {
    for (const r of mapped.resources) expect(r.ranges['']?.file).toMatch(/\.tf$/);
    for (const p of mapped.providers) expect(p.ranges['']?.file).toMatch(/\.tf$/);
    for (const c of mapped.moduleCalls) expect(c.ranges['']?.file).toMatch(/\.tf$/);
  });
});

it('lands findings on the lines of the .tf files', () => {
  const split = scan('s3-split-acl').mapped;
  const acl = resource(split, 'aws_s3_bucket_acl.downloads');
  expect(acl.ranges['']?.file).toBe('main.tf');
  expect(startOf(acl.ranges[''])).toBe('47:1');
  expect(acl.ranges.acl?.start.line).toBe(54);
  const modules = scan('s3-for-each-modules').mapped;
  const page = resource(
    modules,
    'module.product_releases["cli"].aws_s3_bucket.this["install-page"]',
  );
  expect(page.ranges['']?.file).toBe('modules/release-buckets/main.tf');
  expect(page.values.bucket).toBe('cli-prod-install-page');
  const r2 = scan('r2-via-aws').mapped;
  expect(resource(r2, 'aws_s3_bucket.artifacts').annotations.map((a) => a.text)).toEqual([
    'release',
  ]);
});

it("takes a state's provider configurations from the configuration, which the state does not record", () => {
  // `terraform show -json` of a state names the provider (`registry.terraform.io/hashicorp/aws`),
  // not the configuration `aws.r2` whose endpoint is R2's, and records no provider block.
  const { plan: state, mapped } = scan('r2-via-aws', 'state.json');
  expect(state.providers).toEqual([]);
  expect(resource(state, 'aws_s3_bucket.artifacts').provider).toEqual({ name: 'aws', module: '' });
  expect(resource(mapped, 'aws_s3_bucket.artifacts').provider).toEqual({
    name: 'aws',
    alias: 'r2',
    module: '',
  });
  expect(resource(mapped, 'aws_s3_bucket.terraform_logs').provider).toEqual({
    name: 'aws',
    module: '',
  });
  expect(mapped.providers.find((p) => p.alias === 'r2')?.values).toMatchObject({
    endpoints: [{ s3: 'https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com' }],
  });
});

it('lands each element of a set on the block written with its content, not on the one at its index', () => {
  // The plan lists the grants AllUsers READ, AllUsers READ_ACP, then the owner's FULL_CONTROL.
  const grants = scan('s3-acl-grants').mapped;
  const acl = resource(grants, 'aws_s3_bucket_acl.mirror');
  expect(acl.values.access_control_policy).toMatchObject([
    { grant: [{ permission: 'READ' }, { permission: 'READ_ACP' }, { permission: 'FULL_CONTROL' }] },
  ]);
  const grantLines = [0, 1, 2].map(
    (i) => acl.ranges[`access_control_policy.0.grant.${i}`]?.start.line,
  );
  expect(grantLines).toEqual([43, 51, 35]);
  // Legacy inline grants, and the permissions in each, a set of strings the plan sorts.
  const legacy = resource(grants, 'aws_s3_bucket.legacy');
  expect(startOf(legacy.ranges['grant.0'])).toBe('71:3');
  expect(startOf(legacy.ranges['grant.1'])).toBe('65:3');
  expect(legacy.values.grant).toMatchObject([{ permissions: ['READ', 'READ_ACP'] }, {}]);
  expect(startOf(legacy.ranges['grant.0.permissions.0'])).toBe('73:32');
  expect(startOf(legacy.ranges['grant.0.permissions.1'])).toBe('73:20');
});

describe('a resource of a registry module the scan does not hold', () => {
  const { config, mapped } = scan(REGISTRY);
  const call = config.moduleCalls[0];

  it('is placed on the module call, on the argument a value comes from', () => {
    expect(call).toMatchObject({ address: 'module.release_bucket', status: 'unresolved' });
    const bucket = resource(mapped, 'module.release_bucket.aws_s3_bucket.this[0]');
    expect(startOf(bucket.ranges[''])).toBe('22:1');
    // bucket = var.bucket in the module: the call's `bucket` argument.
    expect(startOf(bucket.ranges.bucket)).toBe('24:3');
    const block = resource(
      mapped,
      'module.release_bucket.aws_s3_bucket_public_access_block.this[0]',
    );
    expect(startOf(block.ranges.block_public_acls)).toBe('26:3');
    expect(startOf(block.ranges.restrict_public_buckets)).toBe('29:3');
    // `bucket = aws_s3_bucket.this[0].id` reads no argument: the call block.
    expect(block.ranges.bucket).toBeUndefined();
    expect(mapped.moduleCalls.map((c) => [c.address, startOf(c.ranges[''])])).toEqual([
      ['module.release_bucket', '22:1'],
    ]);
  });

  it('so no range is left in the plan file', () => {
    const ranges = [...mapped.resources, ...mapped.moduleCalls].flatMap((e) =>
      Object.values(e.ranges),
    );
    expect(ranges.length).toBeGreaterThan(0);
    expect(ranges.every((r) => r.file === 'main.tf')).toBe(true);
  });
});

describe('settings made for each bucket a `for` expression keeps, re-keyed by name', () => {
  const { plan, mapped } = scan(FILTERED);
  const buckets = (inventory: Inventory) =>
    inventory.resources
      .filter((r) => r.type === 'aws_s3_bucket_public_access_block')
      .map((r) => [
        r.key,
        isUnknown(r.values.bucket) ? r.values.bucket.resources : r.values.bucket,
      ]);

  it('read every bucket in the plan, which does not say which element each key stands for', () => {
    expect(buckets(plan)).toEqual([
      ['acme-cli-releases', ['aws_s3_bucket.releases']],
      ['acme-sdk-releases', ['aws_s3_bucket.releases']],
    ]);
  });

  it('read their own once mapped to the configuration, which evaluates the `for`', () => {
    expect(buckets(mapped)).toEqual([
      ['acme-cli-releases', ['aws_s3_bucket.releases["cli"]']],
      ['acme-sdk-releases', ['aws_s3_bucket.releases["sdk"]']],
    ]);
  });
});

describe('a state, which records its instances but no variables', () => {
  const root = join(fixtures, 'scenarios', STATE_INSTANCES);
  const state = loadPlan(join(root, 'state-prod.json'), { root });
  const addresses = (inventory: Inventory) => inventory.resources.map((r) => r.address).sort();

  it('has the configuration make the instances it records, which the defaults do not', () => {
    expect(addresses(loadTerraform({ root }))).toEqual([
      'aws_s3_bucket.releases[0]',
      'aws_s3_bucket_public_access_block.releases[0]',
    ]);
    const rootInstances = new Map([['.', recordedInstances(state.resources)]]);
    const config = loadTerraform({ root, rootInstances });
    expect(addresses(config)).toEqual(addresses(state));
    // `each.key` is the recorded key; `each.value`, which a state does not record, is unknown.
    expect(resource(config, 'aws_s3_bucket.downloads["cli"]').values.bucket).toBe(
      'acme-cli-downloads',
    );
    expect(
      isUnknown(
        resource(config, 'aws_s3_bucket_public_access_block.downloads["cli"]').values.bucket,
      ),
    ).toBe(true);
    const mapped = mapToConfiguration(state, config);
    for (const r of mapped.resources) expect(r.ranges['']?.file).toBe('main.tf');
  });

  it('records the keys of module calls and of the blocks in them', () => {
    const plan = loadPlan(join(fixtures, 'scenarios/s3-for-each-modules/plan.json'), {
      root: fixtures,
    });
    const recorded = recordedInstances(plan.resources);
    expect(recorded('module.product_releases')).toEqual(['agent', 'cli']);
    expect(recorded('module.docs_site')).toEqual([0]);
    expect(recorded('module.product_releases["cli"].aws_s3_bucket.this')).toEqual([
      'binaries',
      'install-page',
    ]);
    expect(recorded('module.terragrunt.module.docs_site')).toEqual([0]);
    expect(recorded('aws_s3_bucket.none')).toBeUndefined();
  });
});

describe('settings attached through locals', () => {
  // `policy = local.policies["releases"]`, the local holding a policy document's rendering, and
  // `bucket = local.bucket_ids["docs"]`: values known only at apply, which the plan records as
  // reading a local. The configuration evaluates the locals; with the plan's variables (here the
  // defaults the plan was made with) it evaluates them as the plan did.
  const attached = (inventory: Inventory) =>
    inventory.resources
      .filter((r) => r.type === 'aws_s3_bucket_policy' || r.type.endsWith('public_access_block'))
      .map((r) => {
        const value = r.values.policy ?? r.values.bucket;
        return [r.address, isUnknown(value) ? value.resources : value];
      });

  it('name nothing in the plan, which does not say what a local holds', () => {
    expect(attached(scan(THROUGH_LOCALS).plan)).toEqual([
      ['aws_s3_bucket_policy.releases', []],
      ['aws_s3_bucket_public_access_block.docs', []],
    ]);
  });

  it("name what the locals hold once mapped to the configuration, with the plan's variables", () => {
    const { mapped } = scan(THROUGH_LOCALS, 'plan.json', {}, { withPlanVariables: true });
    expect(attached(mapped)).toEqual([
      ['aws_s3_bucket_policy.releases', ['data.aws_iam_policy_document.releases']],
      ['aws_s3_bucket_public_access_block.docs', ['aws_s3_bucket.docs']],
    ]);
  });

  it("stay the plan's unknowns with other variables: a local may hold another value", () => {
    expect(attached(scan(THROUGH_LOCALS).mapped)).toEqual([
      ['aws_s3_bucket_policy.releases', []],
      ['aws_s3_bucket_public_access_block.docs', []],
    ]);
  });
});

describe('values a `dynamic` block makes, known only after apply', () => {
  // What the plan records of each distribution's origin and default cache behaviour.
  const served = (inventory: Inventory) =>
    inventory.resources
      .filter((r) => r.type === 'aws_cloudfront_distribution')
      .map((r) => {
        const [origin] = r.values.origin as ValueObject[];
        const [behaviour] = r.values.default_cache_behavior as ValueObject[];
        const refs = (value: Value | undefined) => (isUnknown(value) ? value.resources : value);
        return {
          address: r.address,
          origin: refs(origin?.domain_name),
          signers: [behaviour?.trusted_key_groups, behaviour?.trusted_signers].map((v) =>
            Array.isArray(v) ? v.map(refs) : refs(v),
          ),
        };
      });

  it.each([
    [
      "the configuration's, evaluated with the plan's variables",
      { withPlanVariables: true },
      [
        ['aws_s3_bucket.cli'],
        [null, null],
        ['aws_s3_bucket.installer'],
        [[['aws_cloudfront_key_group.signers']], null],
      ],
    ],
    [
      "the plan's unknowns with other variables: the block may be another",
      {},
      [[], [[], []], [], [[], []]],
    ],
  ])('are %s', (_, options: MapOptions, [cli, cliSigners, installer, installerSigners]) => {
    expect(served(scan(DYNAMIC_BLOCKS, 'plan.json', {}, options).mapped)).toEqual([
      { address: 'aws_cloudfront_distribution.site["cli"]', origin: cli, signers: cliSigners },
      {
        address: 'aws_cloudfront_distribution.site["installer"]',
        origin: installer,
        signers: installerSigners,
      },
    ]);
  });
});

describe('where the values of a plan resource are set outside its block', () => {
  // Each distribution's instance is decided by its entry of `local.sites` (main.tf:26, :30).
  const setAt = (options: MapOptions) =>
    scan(DYNAMIC_BLOCKS, 'plan.json', {}, options)
      .mapped.resources.filter((r) => r.type === 'aws_cloudfront_distribution')
      .map((r) => r.origins?.['']?.map(startOf));

  it.each([
    [
      "is the configuration's, evaluated with the plan's variables",
      { withPlanVariables: true },
      [['26:5'], ['30:5']],
    ],
    [
      'is not known with other variables: they may set other values elsewhere',
      {},
      [undefined, undefined],
    ],
  ])('%s', (_, options: MapOptions, expected) => {
    expect(setAt(options)).toEqual(expected);
  });
});
