import { describe, expect, it } from 'vitest';
import {
  emptyInventory,
  Unknown,
  type Inventory,
  type ModuleCall,
  type ProviderConfig,
  type Range,
  type ResourceInstance,
  type ValueObject,
} from '@posture/model';
import { mapToConfiguration, planRoots, type LoadedPlan } from '@posture/plan';
import { loadFixture, resource, startOf } from './support.js';

/** A range on one line of a .tf file of the scenario, as the HCL loader would give it. */
function at(file: string, line: number): Range {
  return { file, start: { line, column: 1, offset: 0 }, end: { line, column: 2, offset: 1 } };
}

const main = 'scenarios/s3-for-each-modules/main.tf';
const module = 'scenarios/s3-for-each-modules/modules/release-buckets/main.tf';

function configResource(address: string, fields: Partial<ResourceInstance>): ResourceInstance {
  return {
    address,
    mode: 'managed',
    type: 'aws_s3_bucket',
    name: 'this',
    module: '',
    provider: { name: 'aws', module: '' },
    values: { bucket: new Unknown([], 'variable') },
    ranges: { '': at(module, 33), tags: at(module, 38) },
    references: [],
    annotations: [],
    origin: 'hcl',
    ...fields,
  };
}

const call: ModuleCall = {
  address: 'module.docs_site',
  name: 'docs_site',
  module: '',
  source: './modules/release-buckets',
  sourceKind: 'local',
  status: 'loaded',
  values: { owner_email: 'owner@example.com', product: 'from-config' },
  ranges: { '': at(main, 50), product: at(main, 58) },
  annotations: [],
};

const provider: ProviderConfig = {
  name: 'aws',
  module: '',
  values: { region: 'us-east-1', access_key: 'dummy' },
  ranges: { '': at(main, 12), region: at(main, 13) },
};

/**
 * What an HCL loader could give for the scenario: one instance of `product_releases` expanded, and
 * the `docs_site` bucket left unexpanded (say its count could not be evaluated).
 */
const config: Inventory = {
  root: '/unused',
  files: [{ path: main, kind: 'terraform', bytes: 1, sha256: 'a' }],
  resources: [
    configResource('module.product_releases["cli"].aws_s3_bucket.this["install-page"]', {
      annotations: [{ text: 'release', range: at(module, 32) }],
      ranges: { '': at(module, 33), bucket: at(module, 36) },
    }),
    configResource('module.docs_site.aws_s3_bucket.this', {}),
  ],
  providers: [provider],
  moduleCalls: [call],
  commands: [],
  diagnostics: [
    { severity: 'warning', code: 'hcl-example', message: 'from the config', range: at(main, 1) },
  ],
};

describe('mapToConfiguration', () => {
  const plan = loadFixture('scenarios/s3-for-each-modules/plan.json');
  const mapped = mapToConfiguration(plan, config);

  it('maps an instance by its exact address: .tf ranges and annotations, plan values', () => {
    const bucket = resource(
      mapped,
      'module.product_releases["cli"].aws_s3_bucket.this["install-page"]',
    );
    expect(bucket.ranges).toEqual({ '': at(module, 33), bucket: at(module, 36) });
    expect(bucket.annotations).toEqual([{ text: 'release', range: at(module, 32) }]);
    expect(bucket.values.bucket).toBe('cli-prod-install-page');
    expect(bucket.origin).toBe('plan');
  });

  it('falls back to the configuration address, instance keys of modules dropped too', () => {
    const docs = resource(mapped, 'module.docs_site[0].aws_s3_bucket.this["site"]');
    expect(docs.ranges).toEqual({ '': at(module, 33), tags: at(module, 38) });
    expect(docs.values.tags_all).toMatchObject({ product: 'acme-docs', purpose: 'release' });
    // Another instance of an expanded block takes that block's ranges.
    const agent = resource(
      mapped,
      'module.product_releases["agent"].aws_s3_bucket.this["binaries"]',
    );
    expect(startOf(agent.ranges[''])).toBe('33:1');
    expect(agent.values.bucket).toBe('agent-prod-binaries');
  });

  it('leaves resources without a configuration twin on their plan.json ranges', () => {
    const address = 'module.docs_site[0].aws_s3_bucket_website_configuration.this["site"]';
    expect(resource(mapped, address)).toEqual(resource(plan, address));
    expect(resource(mapped, address).ranges['']?.file).toBe(
      'scenarios/s3-for-each-modules/plan.json',
    );
  });

  it('maps module calls; arguments the plan did not evaluate come from the configuration', () => {
    const docs = mapped.moduleCalls.find((c) => c.address === 'module.docs_site[0]');
    expect(docs?.ranges).toEqual(call.ranges);
    expect(docs?.values.owner_email).toBe('owner@example.com');
    // Known in the plan: the plan's value stays.
    expect(docs?.values.product).toBe('acme-docs');
    const cli = mapped.moduleCalls.find((c) => c.address === 'module.product_releases["cli"]');
    expect(startOf(cli?.ranges[''])).toBe(startOf(plan.moduleCalls[2]?.ranges['']));
  });

  it('maps providers by module, name and alias, never copying credentials', () => {
    const [aws, eu] = mapped.providers;
    expect(aws?.ranges).toEqual(provider.ranges);
    expect(aws?.values.access_key).toEqual(new Unknown([], 'sensitive'));
    expect(aws?.values.region).toBe('us-east-1');
    expect(eu?.ranges['']?.file).toBe('scenarios/s3-for-each-modules/plan.json');
  });

  it('joins files and diagnostics and keeps the plan root', () => {
    expect(mapped.root).toBe(plan.root);
    expect(mapped.files.map((f) => f.kind)).toEqual(['plan', 'terraform']);
    expect(mapped.diagnostics).toEqual(config.diagnostics);
    expect(mapped.resources.map((r) => r.address)).toEqual(plan.resources.map((r) => r.address));
  });
});

// A plan records no expression of a `dynamic` block: grants over a collection known only at apply
// read as an argument never written, and were left out, so the ACL granted nothing (no finding)
// where the configuration alone found its grantee undecided (medium).
describe('blocks a plan records no expression of (`dynamic`)', () => {
  const plan = loadFixture('scenarios/s3-dynamic-grants/plan.json');
  const ACL = 'aws_s3_bucket_acl.releases';
  const grants = new Unknown(['data.aws_s3_object.grants'], 'known after apply');
  // As the plan has it: the configuration's block is the plan's only where the two agree.
  const owner = [{ id: '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0' }];

  it.each([
    ['unknown in the configuration: its unknown', grants, grants],
    ['not written in the configuration either: absent', undefined, undefined],
    ['known in the configuration: absent, as the plan has it', [], undefined],
  ])('%s', (_, written, expected) => {
    const policy: ValueObject = { owner };
    if (written !== undefined) policy.grant = written;
    const twin = configResource(ACL, {
      type: 'aws_s3_bucket_acl',
      name: 'releases',
      values: { access_control_policy: [policy] },
    });
    const mapped = mapToConfiguration(plan, { ...config, resources: [twin] });
    const [block] = resource(mapped, ACL).values.access_control_policy as Record<string, unknown>[];
    expect(block?.grant).toEqual(expected);
    expect(Object.hasOwn(block!, 'grant')).toBe(expected !== undefined);
  });
});

describe('several root modules with the same addresses', () => {
  const plan = loadFixture('scenarios/s3-for-each-modules/plan.json');
  const installPage = 'module.product_releases["cli"].aws_s3_bucket.this["install-page"]';
  /** The scenario's config as root `dir`, its install-page bucket named `name`. */
  const rootAt = (dir: string, name: string): ResourceInstance[] =>
    config.resources.map((r) =>
      configResource(r.address, {
        ...r,
        rootModule: dir,
        ...(r.address === installPage && { values: { bucket: name } }),
        ranges: { '': at(`${dir}/main.tf`, 33) },
      }),
    );
  const twoRoots = (staging: string, prod: string): Inventory => ({
    ...config,
    resources: [...rootAt('envs/staging', staging), ...rootAt('envs/prod', prod)],
  });

  it('finds the root a plan was made from by its addresses, then by the values it agrees on', () => {
    expect(planRoots(twoRoots('cli-staging', 'cli-prod-install-page'))(plan)).toEqual({
      root: 'envs/prod',
    });
    expect(planRoots(twoRoots('cli-prod-install-page', 'other'))(plan)).toEqual({
      root: 'envs/staging',
    });
    // More of the plan's addresses outweigh agreeing values.
    const partial = { ...config, resources: rootAt('envs/prod', 'x').slice(0, 1) };
    const both = { ...config, resources: [...partial.resources, ...rootAt('envs/dev', 'y')] };
    expect(planRoots(both)(plan)).toEqual({ root: 'envs/dev' });
  });

  it('passes over a root holding a block the plan does not have, and names it', () => {
    // envs/big holds every address, and a bucket the plan's configuration does not declare;
    // envs/prod, whose defaults make one of the plan's instances, holds that one only.
    const extra = configResource('aws_s3_bucket.legacy', { rootModule: 'envs/big' });
    const partial = rootAt('envs/prod', 'x').slice(0, 1);
    const roots = {
      ...config,
      resources: [...rootAt('envs/big', 'y'), extra, ...partial],
      moduleCalls: [],
    };
    expect(planRoots(roots)(plan)).toEqual({ root: 'envs/prod', over: ['envs/big'] });
    // A state records no configuration: a block it has no instance of is one it does not have.
    const state = { ...plan, declared: undefined };
    expect(planRoots(roots)(state)).toEqual({ root: 'envs/prod', over: ['envs/big'] });
    // With no root free of such blocks, the most addresses win as before.
    const only = { ...roots, resources: [...rootAt('envs/big', 'y'), extra] };
    expect(planRoots(only)(plan)).toEqual({ root: 'envs/big' });
  });

  it('says when roots fit equally, or none does', () => {
    expect(planRoots(twoRoots('a', 'b'))(plan)).toEqual({
      ambiguous: ['envs/staging', 'envs/prod'],
    });
    expect(planRoots({ ...config, resources: [], moduleCalls: [] })(plan)).toEqual({ none: true });
  });

  it('reads the configuration once, however many plans it is asked about', () => {
    let reads = 0;
    const counted = (r: ResourceInstance) =>
      Object.defineProperty({ ...r }, 'address', {
        get: () => (reads++, r.address),
        enumerable: true,
      }) as ResourceInstance;
    const roots = Array.from({ length: 50 }, (_, i) => `envs/r${i}`);
    const rootOf = planRoots({
      ...config,
      resources: roots.flatMap((root, i) => rootAt(root, `b${i}`).map(counted)),
    });
    const built = reads;
    for (let i = 0; i < 20; i++) expect(rootOf(plan)).toEqual({ ambiguous: roots });
    expect(reads).toBe(built);
  });

  it('counts module calls: a root that calls a module not in the scan holds none of its resources', () => {
    const callOnly = {
      ...config,
      resources: [],
      moduleCalls: [{ ...call, rootModule: 'envs/ci' }],
    };
    expect(planRoots(callOnly)(plan)).toEqual({ root: 'envs/ci' });
  });

  it("maps onto the chosen root's entries only, and gives the plan's entries a scope of its own", () => {
    const mapped = mapToConfiguration(plan, twoRoots('a', 'b'), {
      rootModule: 'envs/prod',
      joinScope: 'envs/prod/plan.json',
    });
    expect(resource(mapped, installPage).ranges['']?.file).toBe('envs/prod/main.tf');
    expect(mapped.resources.every((r) => r.rootModule === 'envs/prod/plan.json')).toBe(true);
    const alone = mapToConfiguration(plan, twoRoots('a', 'b'), { rootModule: 'plan.json' });
    expect(resource(alone, installPage).ranges['']?.file).toBe(
      'scenarios/s3-for-each-modules/plan.json',
    );
  });
});

describe('entries of a module the configuration calls but does not hold', () => {
  const inner = 'module.outer.module.inner';
  const bucket = `${inner}.aws_s3_bucket.this`;
  const inPlan = at('plan.json', 3);
  // module "outer" passes its `bucket_name` and `labels` to module "inner" as `name` and `tags`,
  // which gives them to the bucket's `bucket` and `tags`; `acl` reads a variable outer sets itself.
  const plan: LoadedPlan = {
    ...emptyInventory('/unused'),
    resources: [configResource(bucket, { module: inner, ranges: { '': inPlan }, origin: 'plan' })],
    moduleCalls: [
      { ...call, address: 'module.outer', name: 'outer', ranges: { '': inPlan } },
      { ...call, address: inner, name: 'inner', module: 'module.outer', ranges: { '': inPlan } },
    ],
    inputs: new Map<string, Record<string, string[]>>([
      [bucket, { bucket: ['name', 'bucket_name'], tags: ['tags', 'labels'], acl: ['acl'] }],
      [inner, { name: ['bucket_name'] }],
    ]),
  };
  const outer: ModuleCall = {
    ...call,
    address: 'module.outer',
    name: 'outer',
    source: 'acme/outer/aws',
    sourceKind: 'registry',
    status: 'unresolved',
    ranges: {
      '': at(main, 10),
      bucket_name: at(main, 11),
      labels: at(main, 12),
      'labels.release': at(main, 13),
    },
    annotations: [{ text: 'release', range: at(main, 9) }],
  };
  const withCall = (status: ModuleCall['status']): Inventory => ({
    ...config,
    resources: [],
    moduleCalls: [{ ...outer, status }],
  });

  it('are placed on the innermost call the configuration has: on the argument a value comes from, else its block', () => {
    const mapped = mapToConfiguration(plan, withCall('unresolved'));
    expect(resource(mapped, bucket).ranges).toEqual({
      '': at(main, 10),
      bucket: at(main, 11),
      tags: at(main, 12),
      'tags.release': at(main, 13),
    });
    expect(resource(mapped, bucket).annotations).toEqual(outer.annotations);
    expect(mapped.moduleCalls.map((c) => c.ranges)).toEqual([
      outer.ranges,
      { '': at(main, 10), name: at(main, 11) },
    ]);
  });

  it('keep their plan lines when the configuration read the module', () => {
    const mapped = mapToConfiguration(plan, withCall('installed'));
    expect(resource(mapped, bucket).ranges).toEqual({ '': inPlan });
    expect(mapped.moduleCalls[1]?.ranges).toEqual({ '': inPlan });
  });
});
