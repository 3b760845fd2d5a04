import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUnknown, Unknown, type Inventory, type ValueObject } from '@posture/model';
import { loadPlan } from '@posture/plan';
import { AfterApply } from '../src/references.js';
import { fixtures, loadFixture, loadText, resource, startOf } from './support.js';

const addresses = (inventory: Inventory) => inventory.resources.map((r) => r.address);

describe('s3-split-acl (real plan)', () => {
  const plan = loadFixture('scenarios/s3-split-acl/plan.json');

  it('loads every planned resource with its values', () => {
    expect(plan.diagnostics).toEqual([]);
    expect(addresses(plan)).toEqual([
      'aws_s3_bucket.downloads',
      'aws_s3_bucket_acl.downloads',
      'aws_s3_bucket_ownership_controls.downloads',
      'aws_s3_bucket_public_access_block.downloads',
    ]);
    const bucket = resource(plan, 'aws_s3_bucket.downloads');
    expect(bucket).toMatchObject({ mode: 'managed', type: 'aws_s3_bucket', name: 'downloads' });
    expect(bucket).toMatchObject({ module: '', origin: 'plan', annotations: [] });
    expect(bucket.provider).toEqual({ name: 'aws', module: '' });
    expect(bucket.values.tags).toEqual({ release: 'true', owner: 'release-engineering' });
    expect(resource(plan, 'aws_s3_bucket_acl.downloads').values.acl).toBe('public-read');
    expect(resource(plan, 'aws_s3_bucket_public_access_block.downloads').values).toMatchObject({
      block_public_acls: false,
      restrict_public_buckets: false,
    });
  });

  it('turns values known only after apply into Unknowns that keep their references', () => {
    const acl = resource(plan, 'aws_s3_bucket_acl.downloads');
    expect(acl.values.bucket).toEqual(new AfterApply(['aws_s3_bucket.downloads.id'], 'resources'));
    expect((acl.values.bucket as Unknown).resources).toEqual(['aws_s3_bucket.downloads']);
    // Through `bucket`, then through depends_on.
    expect(acl.references).toEqual([
      'aws_s3_bucket.downloads',
      'aws_s3_bucket_ownership_controls.downloads',
      'aws_s3_bucket_public_access_block.downloads',
    ]);
    // Computed by the provider and never written: absent, as the HCL reader has it, so legacy
    // inline `acl`/`policy` (also computed) do not read as unknown settings.
    const bucket = resource(plan, 'aws_s3_bucket.downloads').values;
    expect(['arn', 'acl', 'policy'].filter((k) => k in bucket)).toEqual([]);
  });

  it('ranges point at the resource objects and properties in plan.json', () => {
    const acl = resource(plan, 'aws_s3_bucket_acl.downloads');
    expect(acl.ranges['']?.file).toBe('scenarios/s3-split-acl/plan.json');
    expect(startOf(acl.ranges[''])).toBe('41:9');
    expect(startOf(acl.ranges.acl)).toBe('49:13');
    expect(acl.ranges.acl?.end.line).toBe(49);
    const ownership = resource(plan, 'aws_s3_bucket_ownership_controls.downloads');
    expect(startOf(ownership.ranges.rule)).toBe('64:13');
    expect(startOf(ownership.ranges['rule.0'])).toBe('65:15');
    expect(startOf(ownership.ranges['rule.0.object_ownership'])).toBe('66:17');
    expect(startOf(resource(plan, 'aws_s3_bucket.downloads').ranges['tags.release'])).toBe('19:15');
    // Unknown values are not written in the file.
    expect(acl.ranges.bucket).toBeUndefined();
  });

  it('records the file with its hash', () => {
    const bytes = readFileSync(join(fixtures, 'scenarios/s3-split-acl/plan.json'));
    expect(plan.files).toEqual([
      {
        path: 'scenarios/s3-split-acl/plan.json',
        kind: 'plan',
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      },
    ]);
    expect(plan.root).toBe(join(fixtures, '.').replace(/\/$/, ''));
  });

  it('reads the provider block without copying its credentials', () => {
    expect(plan.providers).toHaveLength(1);
    const [aws] = plan.providers;
    expect(aws).toMatchObject({ name: 'aws', module: '', values: { region: 'eu-west-1' } });
    expect(aws?.values.secret_key).toEqual(new Unknown([], 'sensitive'));
    expect(aws?.values.access_key).toEqual(new Unknown([], 'sensitive'));
    expect(startOf(aws?.ranges.region)).toBe('257:11');
    expect(JSON.stringify(plan)).not.toContain('"dummy"');
  });
});

describe('s3-public-policy (real plan)', () => {
  const plan = loadFixture('scenarios/s3-public-policy/plan.json');

  it('keeps tags and tags_all as the plan says: default_tags arrive through tags_all', () => {
    const bucket = resource(plan, 'aws_s3_bucket.cli_releases');
    expect(bucket.values.tags).toBeNull();
    expect(bucket.values.tags_all).toEqual({
      'managed-by': 'terraform',
      purpose: 'release',
      team: 'platform',
    });
    expect(plan.providers[0]?.values.default_tags).toEqual([
      { tags: { 'managed-by': 'terraform', purpose: 'release', team: 'platform' } },
    ]);
    expect(startOf(plan.providers[0]?.ranges['default_tags.0.tags.purpose'])).toBe('304:19');
  });

  it('links the bucket policy to the bucket and to the policy document read at apply', () => {
    const policy = resource(plan, 'aws_s3_bucket_policy.cli_releases');
    expect(policy.values.policy).toEqual(
      new AfterApply(['data.aws_iam_policy_document.public_read.json'], 'resources'),
    );
    expect(policy.references).toEqual([
      'aws_s3_bucket.cli_releases',
      'data.aws_iam_policy_document.public_read',
    ]);
    // Every attribute is unknown, so the plan writes no `values`: only the block has a range.
    expect(Object.keys(policy.ranges)).toEqual(['']);
  });

  it('loads the deferred policy document with its public principal', () => {
    const document = resource(plan, 'data.aws_iam_policy_document.public_read');
    expect(document.mode).toBe('data');
    const [statement] = document.values.statement as Record<string, unknown>[];
    expect(statement?.principals).toEqual([{ identifiers: ['*'], type: '*' }]);
    expect(statement?.resources).toEqual([
      new AfterApply(['aws_s3_bucket.cli_releases.arn'], 'resources'),
    ]);
  });
});

describe('s3-private (real plan)', () => {
  const plan = loadFixture('scenarios/s3-private/plan.json');

  it('takes the data sources read while planning from prior_state', () => {
    const document = resource(plan, 'data.aws_iam_policy_document.tls_only');
    expect(document.values.minified_json).toContain('"aws:SecureTransport":"false"');
    expect(startOf(document.ranges[''])).toBe('242:11');
    expect(resource(plan, 'aws_s3_bucket_policy.releases').values.policy).toContain('"Deny"');
  });

  it('loads the full public access block and ownership controls', () => {
    expect(resource(plan, 'aws_s3_bucket_public_access_block.releases').values).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(resource(plan, 'aws_s3_bucket_ownership_controls.releases').values.rule).toEqual([
      { object_ownership: 'BucketOwnerEnforced' },
    ]);
    expect(resource(plan, 'aws_s3_bucket.releases').values.bucket).toBe('acme-agent-releases');
  });
});

describe('s3-for-each-modules (real plan)', () => {
  const plan = loadFixture('scenarios/s3-for-each-modules/plan.json');
  const installPage = 'module.product_releases["cli"].aws_s3_bucket.this["install-page"]';

  it('keeps module and instance keys of count and for_each', () => {
    expect(addresses(plan)).toEqual([
      'module.docs_site[0].aws_s3_bucket.this["site"]',
      'module.docs_site[0].aws_s3_bucket_website_configuration.this["site"]',
      'module.product_releases["agent"].aws_s3_bucket.this["binaries"]',
      'module.product_releases["cli"].aws_s3_bucket.this["binaries"]',
      installPage,
      'module.product_releases["cli"].aws_s3_bucket_website_configuration.this["install-page"]',
    ]);
    expect(resource(plan, installPage)).toMatchObject({
      module: 'module.product_releases["cli"]',
      key: 'install-page',
      values: { bucket: 'cli-prod-install-page' },
    });
  });

  it('narrows `aws_s3_bucket.this[each.key]` to the instance with the same key', () => {
    const website = resource(
      plan,
      'module.product_releases["cli"].aws_s3_bucket_website_configuration.this["install-page"]',
    );
    expect(website.values.bucket).toEqual(new AfterApply([installPage], 'resources'));
    expect(website.references).toEqual([installPage]);
    expect(website.values.index_document).toEqual([{ suffix: 'index.html' }]);
  });

  it('resolves the provider through `providers = { aws = aws.eu }`', () => {
    const docs = resource(plan, 'module.docs_site[0].aws_s3_bucket.this["site"]');
    expect(docs.provider).toEqual({ name: 'aws', alias: 'eu', module: '' });
    expect(resource(plan, installPage).provider).toEqual({ name: 'aws', module: '' });
    expect(plan.providers.map((p) => p.alias)).toEqual([undefined, 'eu']);
  });

  it('keeps default tags in tags_all and never copies a sensitive value', () => {
    const bucket = resource(plan, installPage);
    expect(bucket.values.tags).toEqual({
      owner: new Unknown([], 'sensitive'),
      product: 'cli',
      purpose: 'release',
    });
    // The provider copies the sensitive tag into tags_all without the mark: hidden there too.
    expect(bucket.values.tags_all).toEqual({
      owner: new Unknown([], 'sensitive'),
      product: 'cli',
      purpose: 'release',
      team: 'platform',
    });
    expect(JSON.stringify(plan)).not.toContain('release-team@example.com');
  });

  it('keeps the root variables the plan was made with, but never a sensitive one', () => {
    expect(Object.keys(plan.variables ?? {}).sort()).toEqual([
      'docs_enabled',
      'owner_email',
      'products',
    ]);
    expect(plan.variables?.docs_enabled).toBe(true);
    // Given, but unknown: not the default, which `nonsensitive(var.owner_email)` would read.
    expect(plan.variables?.owner_email).toEqual(
      new Unknown([], 'variable owner_email is sensitive'),
    );
  });

  it('has one module call per module instance', () => {
    expect(plan.moduleCalls.map((call) => [call.address, call.module, call.key])).toEqual([
      ['module.docs_site[0]', '', 0],
      ['module.product_releases["agent"]', '', 'agent'],
      ['module.product_releases["cli"]', '', 'cli'],
    ]);
    const [docs, agent] = plan.moduleCalls;
    expect(docs).toMatchObject({
      name: 'docs_site',
      source: './modules/release-buckets',
      sourceKind: 'local',
      status: 'loaded',
      values: { product: 'acme-docs', environment: 'prod', buckets: { site: { website: true } } },
    });
    expect(isUnknown(agent?.values.product)).toBe(true);
    expect(startOf(docs?.ranges[''])).toBe('753:22');
    expect(startOf(docs?.ranges.product)).toBe('771:13');
  });
});

describe('s3-registry-module (real plan)', () => {
  const plan = loadFixture('scenarios/s3-registry-module/plan.json');

  it("records the call's arguments the module's values come from, for a scan without the module", () => {
    expect(
      plan.inputs?.get('module.release_bucket.aws_s3_bucket_public_access_block.this[0]'),
    ).toEqual({
      block_public_acls: ['block_public_acls'],
      block_public_policy: ['block_public_policy'],
      ignore_public_acls: ['ignore_public_acls'],
      restrict_public_buckets: ['restrict_public_buckets'],
    });
    // `bucket_prefix = var.bucket_prefix`: an argument the call does not write is recorded too.
    expect(plan.inputs?.get('module.release_bucket.aws_s3_bucket.this[0]')).toMatchObject({
      bucket: ['bucket'],
      bucket_prefix: ['bucket_prefix'],
    });
    // Root entries have no caller.
    expect(plan.inputs?.has('module.release_bucket')).toBe(false);
  });
});

describe('a focus on some resource types', () => {
  const file = join(fixtures, 'scenarios/s3-for-each-attachments/plan.json');
  const blocks = 'aws_s3_bucket_public_access_block';
  const focused = loadPlan(file, { root: fixtures, focus: { resourceTypes: new Set([blocks]) } });
  const whole = loadFixture('scenarios/s3-for-each-attachments/plan.json');

  it('reads only those types, each as a load of every type does', () => {
    expect(addresses(focused)).toEqual([
      'aws_s3_bucket_public_access_block.releases["cli"]',
      'aws_s3_bucket_public_access_block.releases["sdk"]',
      'module.acl_lockdown["cli"].aws_s3_bucket_public_access_block.this',
      'module.acl_lockdown["sdk"].aws_s3_bucket_public_access_block.this',
    ]);
    expect(focused.resources).toEqual(whole.resources.filter((r) => r.type === blocks));
    expect(focused.inputs).toEqual(
      new Map([...(whole.inputs ?? [])].filter(([address]) => address.includes(blocks))),
    );
  });

  it('still knows the instances of the others, which `each.value.id` is narrowed to', () => {
    const block = resource(focused, 'aws_s3_bucket_public_access_block.releases["cli"]');
    expect(block.values.bucket).toEqual(
      new AfterApply(['aws_s3_bucket.releases["cli"].id'], 'resources'),
    );
    expect(block.references).toEqual(['aws_s3_bucket.releases["cli"]']);
  });
});

describe('s3-replace-and-delete (real plan and state against a prior state)', () => {
  it('leaves out what the plan only deletes and keeps the new object of a replacement', () => {
    const plan = loadFixture('scenarios/s3-replace-and-delete/plan.json');
    // legacy_downloads, its public access block and mirror[1] are deleted; assets is replaced.
    expect(addresses(plan)).toEqual([
      'aws_s3_bucket.assets',
      'aws_s3_bucket.mirror[0]',
      'aws_s3_bucket.releases',
    ]);
    expect(resource(plan, 'aws_s3_bucket.assets').values.bucket).toBe('acme-release-assets');
    expect(resource(plan, 'aws_s3_bucket.mirror[0]').key).toBe(0);
    expect(resource(plan, 'aws_s3_bucket.releases').values.tags).toEqual({ purpose: 'release' });
  });

  it('reads a state: everything that exists now, with state origin', () => {
    const state = loadFixture('scenarios/s3-replace-and-delete/state.json');
    expect(state.diagnostics).toEqual([]);
    expect(state.files[0]?.kind).toBe('state');
    expect(addresses(state)).toEqual([
      'aws_s3_bucket.assets',
      'aws_s3_bucket.legacy_downloads',
      'aws_s3_bucket.mirror[0]',
      'aws_s3_bucket.mirror[1]',
      'aws_s3_bucket.releases',
      'aws_s3_bucket_public_access_block.legacy_downloads',
    ]);
    const block = resource(state, 'aws_s3_bucket_public_access_block.legacy_downloads');
    expect(block).toMatchObject({ origin: 'state', values: { bucket: 'acme-legacy-downloads' } });
    expect(block.references).toEqual(['aws_s3_bucket.legacy_downloads']);
    expect(block.provider).toEqual({ name: 'aws', module: '' });
    expect(startOf(block.ranges[''])).toBe('498:9');
    expect(state.providers).toEqual([]);
  });
});

// A plan lists a resource a `removed` block forgets with no values, and a `-target` plan leaves out
// of its planned values what it does not target: the forgotten public policy of the downloads
// bucket was no resource (no finding), and the targeted plan lost the downloads bucket, and the
// public access block all on of the docs bucket (a medium, and its public policy critical).
describe('s3-removed-and-targeted (real plans against a prior state)', () => {
  const SCENARIO = 'scenarios/s3-removed-and-targeted';
  const EVERY = [
    'aws_s3_bucket.docs',
    'aws_s3_bucket.downloads',
    'aws_s3_bucket_policy.docs',
    'aws_s3_bucket_policy.downloads',
    'aws_s3_bucket_public_access_block.docs',
    'aws_s3_bucket_public_access_block.downloads',
  ];

  it.each([
    ['plan.json', 'aws_s3_bucket_policy.downloads', 'prior_state'],
    ['plan-targeted.json', 'aws_s3_bucket_public_access_block.docs', 'prior_state'],
    ['plan-targeted.json', 'aws_s3_bucket_policy.docs', 'planned_values'],
  ])('%s keeps everything the account holds after apply: %s from %s', (file, address, section) => {
    const plan = loadFixture(`${SCENARIO}/${file}`);
    // A -target plan ("complete": false) is partial, and says so in a note.
    const partial = file === 'plan-targeted.json' ? ['info plan-partial'] : [];
    expect(plan.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(partial);
    expect([...addresses(plan)].sort()).toEqual(EVERY);
    const text = readFileSync(join(fixtures, SCENARIO, file), 'utf8');
    const found = resource(plan, address);
    expect(found.origin).toBe('plan');
    // Terraform writes prior_state after planned_values and resource_changes.
    const fromPrior = found.ranges['']!.start.offset > text.indexOf('"prior_state"');
    expect(fromPrior).toBe(section === 'prior_state');
  });

  it('reads what is left as it is with the values it has, not those the configuration writes', () => {
    const forgotten = resource(
      loadFixture(`${SCENARIO}/plan.json`),
      'aws_s3_bucket_policy.downloads',
    );
    expect(forgotten.values.bucket).toBe('acme-downloads-releases');
    expect(forgotten.values.policy).toContain('"Principal":"*"');
    const targeted = loadFixture(`${SCENARIO}/plan-targeted.json`);
    const block = resource(targeted, 'aws_s3_bucket_public_access_block.docs');
    expect(block.values).toMatchObject({
      block_public_policy: true,
      restrict_public_buckets: true,
    });
  });
});

// What the plan leaves as it is comes from the prior state: not a deleted or deposed object, and
// with the module instance that holds it.
describe('objects of the prior state a plan leaves as they are', () => {
  const bucket = (address: string, extra: object = {}) => ({
    address,
    mode: 'managed',
    type: 'aws_s3_bucket',
    name: address.split('.').at(-1),
    values: { bucket: address },
    ...extra,
  });
  const M = 'module.m[0]';
  /** A plan of `aws_s3_bucket.kept`, a call `m` with count, and `prior` in its prior state. */
  const load = (prior: ReturnType<typeof bucket>, actions?: string[]) => {
    const inModule = prior.address.startsWith(`${M}.`);
    const resources = (module: boolean) => (inModule === module ? [prior] : []);
    const plan = {
      format_version: '1.2',
      planned_values: { root_module: { resources: [bucket('aws_s3_bucket.kept')] } },
      prior_state: {
        values: {
          root_module: {
            resources: resources(false),
            child_modules: [{ address: M, resources: resources(true) }],
          },
        },
      },
      resource_changes: actions ? [{ address: prior.address, change: { actions } }] : [],
      configuration: {
        root_module: { module_calls: { m: { source: './m', count_expression: {} } } },
      },
    };
    return loadText('plan.json', JSON.stringify(plan));
  };

  it.each([
    ['left out by -target', bucket('aws_s3_bucket.other'), undefined, true],
    ['forgotten by a removed block', bucket('aws_s3_bucket.old'), ['forget'], true],
    [
      'in a module instance the plan leaves out',
      bucket(`${M}.aws_s3_bucket.other`),
      undefined,
      true,
    ],
    ['deleted', bucket('aws_s3_bucket.old'), ['delete'], false],
    ['deposed', bucket('aws_s3_bucket.old', { deposed_key: '00000001' }), undefined, false],
  ] as const)('%s', (_, prior, actions, live) => {
    const plan = load(prior, actions && [...actions]);
    expect(plan.diagnostics).toEqual([]);
    expect(addresses(plan)).toEqual(['aws_s3_bucket.kept', ...(live ? [prior.address] : [])]);
    const inModule = live && prior.address.startsWith(`${M}.`);
    expect(plan.moduleCalls.map((call) => call.address)).toEqual(inModule ? [M] : []);
  });
});

// A deposed object is the old half of a create-before-destroy replacement, being destroyed: it
// shares the current object's address, so keeping it joined the current policy to it (a false
// critical on the old bucket of a state, redplan found it).
describe('deposed objects', () => {
  const buckets = [
    { address: 'aws_s3_bucket.r', mode: 'managed', type: 'aws_s3_bucket', name: 'r' },
    { address: 'aws_s3_bucket.r', mode: 'managed', type: 'aws_s3_bucket', name: 'r' },
  ].map((b, i) => ({
    ...b,
    values: { bucket: i === 0 ? 'new' : 'old' },
    ...(i === 1 ? { deposed_key: '00000001' } : {}),
  }));
  it.each([
    ['a state', { values: { root_module: { resources: buckets } } }],
    [
      'the prior state of a plan',
      {
        planned_values: { root_module: { resources: [] } },
        prior_state: { values: { root_module: { resources: buckets } } },
      },
    ],
  ])('are left out of %s', (_, document) => {
    const plan = loadText('doc.json', JSON.stringify({ format_version: '1.0', ...document }));
    expect(plan.diagnostics).toEqual([]);
    expect(plan.resources.map((r) => r.values.bucket)).toEqual(['new']);
  });
});

// A plan stripped of its configuration cannot follow references: the buckets whose settings are
// known only after apply are reported not provably private, and a warning says why (redplan
// found 15 mediums instead of 5 and no word of the cause).
describe('a plan that records no configuration', () => {
  const bucket = { address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b' };
  const plan = (afterUnknown: object, extra: object = {}) => ({
    format_version: '1.2',
    planned_values: { root_module: { resources: [{ ...bucket, values: { bucket: 'b' } }] } },
    resource_changes: [
      { address: bucket.address, change: { actions: ['create'], after_unknown: afterUnknown } },
    ],
    ...extra,
  });
  it.each([
    ['values known after apply, no configuration', plan({ id: true }), ['plan-no-configuration']],
    ['nested unknowns', plan({ versioning: [{ enabled: true }] }), ['plan-no-configuration']],
    ['everything known', plan({ id: false }), []],
    ['with its configuration', plan({ id: true }, { configuration: { root_module: {} } }), []],
  ])('%s', (_, document, codes) => {
    const loaded = loadText('plan.json', JSON.stringify(document));
    expect(loaded.diagnostics.map((d) => d.code)).toEqual(codes);
  });
});

describe('r2-via-aws (real plan)', () => {
  const plan = loadFixture('scenarios/r2-via-aws/plan.json');

  it('ties the bucket to the aliased provider with the R2 endpoint', () => {
    expect(resource(plan, 'aws_s3_bucket.artifacts').provider).toEqual({
      name: 'aws',
      alias: 'r2',
      module: '',
    });
    expect(resource(plan, 'aws_s3_bucket.terraform_logs').provider).toEqual({
      name: 'aws',
      module: '',
    });
    const r2 = plan.providers.find((p) => p.alias === 'r2');
    expect(r2?.values).toMatchObject({
      region: 'auto',
      endpoints: [{ s3: 'https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com' }],
    });
    expect(r2?.ranges['endpoints.0.s3']?.start.line).toBeGreaterThan(1);
  });

  it('links the CORS configuration to its bucket', () => {
    const cors = resource(plan, 'aws_s3_bucket_cors_configuration.artifacts');
    expect(cors.values.bucket).toEqual(new AfterApply(['aws_s3_bucket.artifacts.id'], 'resources'));
    expect(cors.values.cors_rule).toMatchObject([{ allowed_origins: ['*'] }]);
  });
});

describe('a CloudFront distribution in front of a release bucket', () => {
  const plan = loadFixture('scenarios/s3-cloudfront/plan.json');
  const distribution = resource(plan, 'aws_cloudfront_distribution.releases');

  it('leaves out what a written block does not write and the provider computes', () => {
    // trusted_key_groups is "known after apply" in the plan: not written, so no key group.
    const behaviour = (distribution.values.default_cache_behavior as ValueObject[])[0];
    expect(behaviour).toMatchObject({ target_origin_id: 'releases' });
    expect(behaviour?.trusted_key_groups).toBeUndefined();
    expect(behaviour?.trusted_signers).toBeUndefined();
  });

  it('keeps the reference of an origin to its bucket', () => {
    const origin = (distribution.values.origin as ValueObject[])[0];
    expect(origin?.domain_name).toEqual(
      new AfterApply(['aws_s3_bucket.releases.bucket_regional_domain_name'], 'resources'),
    );
  });
});

describe('hand-written plans (providers not available offline)', () => {
  it('gcs-public-iam: bucket, labels and the allUsers member', () => {
    const plan = loadFixture('hand-written/gcs-public-iam/plan.json');
    expect(plan.diagnostics).toEqual([]);
    const bucket = resource(plan, 'google_storage_bucket.releases');
    expect(bucket.provider).toEqual({ name: 'google', module: '' });
    expect(bucket.values).toMatchObject({
      uniform_bucket_level_access: true,
      labels: { purpose: 'release' },
      terraform_labels: { purpose: 'release', team: 'platform' },
    });
    // Not written and computed by the provider: absent, so the provider default ("inherited") applies.
    expect(bucket.values.public_access_prevention).toBeUndefined();
    const member = resource(plan, 'google_storage_bucket_iam_member.public_read');
    expect(member.values).toMatchObject({ member: 'allUsers', bucket: 'acme-public-releases' });
    expect(member.references).toEqual(['google_storage_bucket.releases']);
    expect(plan.providers[0]?.values.default_labels).toEqual({ team: 'platform' });
  });

  it('r2-managed-domain: an R2 bucket with its r2.dev access enabled', () => {
    const plan = loadFixture('hand-written/r2-managed-domain/plan.json');
    expect(plan.diagnostics).toEqual([]);
    expect(resource(plan, 'cloudflare_r2_bucket.downloads').provider).toEqual({
      name: 'cloudflare',
      module: '',
    });
    const domain = resource(plan, 'cloudflare_r2_managed_domain.downloads');
    expect(domain.values).toMatchObject({ enabled: true, bucket_name: 'acme-downloads' });
    expect(domain.values.domain).toBeUndefined();
    expect(domain.references).toEqual(['cloudflare_r2_bucket.downloads']);
  });
});

describe('file encodings Terraform output arrives in', () => {
  const path = join(fixtures, 'scenarios/s3-split-acl/plan.json');
  const pretty = loadFixture('scenarios/s3-split-acl/plan.json');
  const valuesOf = (inventory: Inventory) =>
    inventory.resources.map(({ address, values, references }) => ({ address, values, references }));

  it('reads the one-line JSON Terraform writes, with columns on line 1', () => {
    const text = JSON.stringify(JSON.parse(readFileSync(path, 'utf8')));
    const plan = loadText('plan.json', text);
    expect(valuesOf(plan)).toEqual(valuesOf(pretty));
    const acl = resource(plan, 'aws_s3_bucket_acl.downloads').ranges.acl;
    const column = text.indexOf('"acl":"public-read"') + 1;
    expect(startOf(acl)).toBe(`1:${column}`);
  });

  it('reads UTF-16 with a byte order mark, as Windows PowerShell 5 redirects it', () => {
    const text = readFileSync(path, 'utf8');
    const plan = loadText('plan.json', Buffer.from(`\uFEFF${text}`, 'utf16le'));
    expect(plan.diagnostics).toEqual([]);
    expect(valuesOf(plan)).toEqual(valuesOf(pretty));
  });
});

// A mask is applied by key: one marking `__proto__` set the values' prototype to the sensitive
// mark, and the bucket policy read as sensitive, its public grant as 'cannot be read' (medium).
describe('a sensitive mark on a key named after an inherited property', () => {
  const text = readFileSync(join(fixtures, 'scenarios/s3-public-policy/plan.json'), 'utf8');
  const ADDRESS = 'aws_s3_bucket_policy.cli_releases';
  const valuesMarking = (mask: string) => {
    const plan = JSON.parse(text);
    const change = plan.resource_changes.find((r: { address: string }) => r.address === ADDRESS);
    change.change.after_sensitive = JSON.parse(mask);
    return resource(loadText('plan.json', JSON.stringify(plan)), ADDRESS).values;
  };

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'marks %s alone',
    (key) => {
      const values = valuesMarking(`{"${key}": true}`);
      expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
      expect({ ...values }).toEqual({
        ...valuesMarking('{}'),
        [key]: new Unknown([], 'sensitive'),
      });
    },
  );
});
