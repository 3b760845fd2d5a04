import {
  isUnknown,
  unknown,
  Unknown,
  type Bucket,
  type GcsBucket,
  type ModuleCall,
  type ProviderConfig,
  type S3Bucket,
} from '@posture/model';
import { describe, expect, it } from 'vitest';
import { AdapterContext } from '../src/adapters/context.js';
import { ADAPTED_TYPES, adapt as adaptAll } from '../src/adapters/index.js';
import {
  adaptRegistryModules,
  moduleNotNeeded,
  normaliseSource,
  registryModuleDiagnostics,
} from '../src/adapters/modules/index.js';
import { inventory, moduleCall, providerConfig } from './support/inventory.js';

const S3_MODULE = 'terraform-aws-modules/s3-bucket/aws';
const GCS_MODULE = 'terraform-google-modules/cloud-storage/google';
const SIMPLE_BUCKET = `${GCS_MODULE}//modules/simple_bucket`;
const BUCKETS_IAM = 'terraform-google-modules/iam/google//modules/storage_buckets_iam';
const OBJECT = `${S3_MODULE}//modules/object`;

function adapt(calls: ModuleCall[], providers: ProviderConfig[] = []): Bucket[] {
  return adaptRegistryModules(
    new AdapterContext(inventory({ moduleCalls: calls, providers }), ADAPTED_TYPES),
  );
}

function s3(call: ModuleCall, providers: ProviderConfig[] = []): S3Bucket {
  const [bucket, ...rest] = adapt([call], providers);
  expect(rest).toEqual([]);
  expect(bucket?.service).toBe('s3');
  return bucket as S3Bucket;
}

function gcs(call: ModuleCall): GcsBucket[] {
  const buckets = adapt([call]);
  expect(buckets.every((b) => b.service === 'gcs')).toBe(true);
  return buckets as GcsBucket[];
}

describe('normaliseSource', () => {
  it.each([
    [S3_MODULE, S3_MODULE, undefined],
    [`registry.terraform.io/${S3_MODULE}`, S3_MODULE, undefined],
    [`${S3_MODULE}//modules/notification`, `${S3_MODULE}//modules/notification`, undefined],
    ['github.com/terraform-aws-modules/terraform-aws-s3-bucket?ref=v4.1.0', S3_MODULE, 'v4.1.0'],
    [
      'git::https://github.com/terraform-aws-modules/terraform-aws-s3-bucket.git',
      S3_MODULE,
      undefined,
    ],
    [
      'git@github.com:terraform-aws-modules/terraform-aws-s3-bucket.git?ref=v3.7.0',
      S3_MODULE,
      'v3.7.0',
    ],
    [
      'git::https://github.com/terraform-google-modules/terraform-google-cloud-storage.git//modules/simple_bucket?ref=v9.0.0',
      SIMPLE_BUCKET,
      'v9.0.0',
    ],
    // `//.` and a trailing slash are the package root, as Terragrunt units often write it.
    [
      'git::https://github.com/terraform-aws-modules/terraform-aws-s3-bucket.git//.?ref=v4.1.2',
      S3_MODULE,
      'v4.1.2',
    ],
    ['tfr:///terraform-aws-modules/s3-bucket/aws//.?version=4.1.2', S3_MODULE, undefined],
    [
      'github.com/terraform-aws-modules/terraform-aws-s3-bucket.git/?ref=v4.1.2',
      S3_MODULE,
      'v4.1.2',
    ],
    [`${S3_MODULE}//./modules/notification/`, `${S3_MODULE}//modules/notification`, undefined],
  ])('%s', (source, module, ref) => {
    expect(normaliseSource(source)).toEqual({ module, ref });
  });

  it('leaves local paths and other hosts unnamed', () => {
    expect(normaliseSource('./modules/bucket')).toBeUndefined();
    expect(normaliseSource('git::https://example.com/s3-bucket.git')).toBeUndefined();
  });
});

describe('terraform-aws-modules/s3-bucket/aws', () => {
  it('with default inputs is private: a complete public access block on the call', () => {
    const call = moduleCall({ source: S3_MODULE, values: { bucket: 'acme-releases' } });
    const bucket = s3(call);
    const block = call.ranges[''];
    expect(bucket).toMatchObject({
      address: 'module.bucket',
      name: 'acme-releases',
      nameRange: call.ranges.bucket,
      range: block,
      viaModule: { address: 'module.bucket', range: block, source: S3_MODULE },
      moduleCalls: [{ address: 'module.bucket', range: block }],
      acls: [],
      policies: [],
      unresolved: [],
    });
    expect(bucket.publicAccessBlock).toEqual({
      address: 'module.bucket.aws_s3_bucket_public_access_block.this[0]',
      range: block,
      level: 'bucket',
      flags: {
        block_public_acls: { value: true, range: block },
        block_public_policy: { value: true, range: block },
        ignore_public_acls: { value: true, range: block },
        restrict_public_buckets: { value: true, range: block },
      },
    });
    expect(bucket.ownership).toBeUndefined();
    expect(bucket.website).toBeUndefined();
  });

  it('places a public canned ACL and a lowered flag on their arguments', () => {
    const call = moduleCall({
      source: S3_MODULE,
      values: { bucket: 'acme-releases', acl: 'public-read', block_public_acls: false },
    });
    const bucket = s3(call);
    expect(bucket.acls).toEqual([
      {
        address: 'module.bucket.aws_s3_bucket_acl.this[0]',
        range: call.ranges.acl,
        kind: 'bucket-acl',
        canned: { value: 'public-read', range: call.ranges.acl },
        grants: [],
      },
    ]);
    const flags = bucket.publicAccessBlock?.flags;
    expect(flags?.block_public_acls).toEqual({
      value: false,
      range: call.ranges.block_public_acls,
    });
    expect(flags?.ignore_public_acls).toEqual({ value: true, range: call.ranges[''] });
  });

  it('reads public grants and ownership controls that enable ACLs', () => {
    const allUsers = 'http://acs.amazonaws.com/groups/global/AllUsers';
    const call = moduleCall({
      source: S3_MODULE,
      values: {
        grant: [{ type: 'Group', uri: allUsers, permission: 'READ' }],
        control_object_ownership: true,
        object_ownership: 'ObjectWriter',
      },
    });
    const bucket = s3(call);
    expect(bucket.name).toBeUndefined();
    expect(bucket.acls[0]?.grants).toEqual([
      {
        granteeType: 'Group',
        uri: allUsers,
        id: undefined,
        permission: 'READ',
        range: call.ranges['grant.0'],
      },
    ]);
    expect(bucket.ownership).toEqual({
      address: 'module.bucket.aws_s3_bucket_ownership_controls.this[0]',
      range: call.ranges.control_object_ownership,
      objectOwnership: { value: 'ObjectWriter', range: call.ranges.object_ownership },
    });
  });

  it('attaches `policy` only with attach_policy, and parses it', () => {
    const policy = JSON.stringify({
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::acme-releases/*',
        },
      ],
    });
    const attached = moduleCall({ source: S3_MODULE, values: { attach_policy: true, policy } });
    const [only] = s3(attached).policies;
    expect(only).toMatchObject({
      address: 'module.bucket.aws_s3_bucket_policy.this[0]',
      range: attached.ranges.policy,
      statements: [
        {
          effect: 'Allow',
          principal: '*',
          actions: ['s3:GetObject'],
          range: attached.ranges.policy,
        },
      ],
    });
    expect(s3(moduleCall({ source: S3_MODULE, values: { policy } })).policies).toEqual([]);
  });

  it('maps the website map to a website configuration', () => {
    const call = moduleCall({
      source: S3_MODULE,
      values: { website: { index_document: 'index.html', error_document: 'error.html' } },
    });
    expect(s3(call).website).toEqual({
      address: 'module.bucket.aws_s3_bucket_website_configuration.this[0]',
      range: call.ranges.website,
    });
    expect(s3(moduleCall({ source: S3_MODULE, values: { website: {} } })).website).toBeUndefined();
    // A website that only redirects every request serves no object, as with the resource.
    const redirect = { redirect_all_requests_to: { host_name: 'example.com', protocol: 'https' } };
    expect(
      s3(moduleCall({ source: S3_MODULE, values: { website: redirect } })).website,
    ).toBeUndefined();
  });

  describe('places its endpoints in the region of the provider configuration it inherits, or of its region input', () => {
    const eu = providerConfig({ name: 'aws', alias: 'eu', values: { region: 'eu-west-1' } });
    const passed = { providers: { aws: { name: 'aws', alias: 'eu', module: '' } } };
    const site = { website: { index_document: 'index.html' } };
    const regional = [
      'acme-releases.s3.eu-west-1.amazonaws.com',
      'acme-releases.s3-website-eu-west-1.amazonaws.com',
      'acme-releases.s3-website.eu-west-1.amazonaws.com',
    ];
    const global = ['acme-releases.s3.amazonaws.com', 's3.amazonaws.com/acme-releases'];
    it.each<[string, Partial<ModuleCall>, ModuleCall['values'], string[]]>([
      ['the one the call passes', passed, {}, regional],
      [
        'its region input over the provider',
        passed,
        { region: 'us-west-2' },
        [
          'acme-releases.s3.us-west-2.amazonaws.com',
          'acme-releases.s3-website-us-west-2.amazonaws.com',
          'acme-releases.s3-website.us-west-2.amazonaws.com',
        ],
      ],
      ['the default one, which has no region: only the global endpoints', {}, {}, []],
    ])('%s', (_, call, values, hosts) => {
      const bucket = s3(
        {
          ...moduleCall({
            source: S3_MODULE,
            values: { bucket: 'acme-releases', ...site, ...values },
          }),
          ...call,
        },
        [eu],
      );
      expect(bucket.endpoints.map((e) => e.host + (e.path ?? ''))).toEqual([...global, ...hosts]);
    });
  });

  it('makes no bucket with create_bucket = false', () => {
    expect(adapt([moduleCall({ source: S3_MODULE, values: { create_bucket: false } })])).toEqual(
      [],
    );
  });

  it('names the bucket by bucket_prefix range when only a prefix is given', () => {
    const call = moduleCall({ source: S3_MODULE, values: { bucket_prefix: 'acme-releases-' } });
    const bucket = s3(call);
    expect(bucket.name).toBeUndefined();
    expect(bucket.nameRange).toEqual(call.ranges.bucket_prefix);
  });

  it('reads the git source form like the registry form', () => {
    const source =
      'git::https://github.com/terraform-aws-modules/terraform-aws-s3-bucket.git?ref=v4.1.0';
    const bucket = s3(moduleCall({ source, values: { acl: 'public-read' } }));
    expect(bucket.viaModule?.source).toBe(source);
    expect(bucket.acls[0]?.canned.value).toBe('public-read');
    expect(bucket.publicAccessBlock?.flags.block_public_acls.value).toBe(true);
  });

  it('uses the pre-3.9 defaults, flags written false, for versions capped below 3.9.0', () => {
    // KICS s3_bucket_acl_allows_read_or_write_to_all_users/positive3.tf
    for (const version of ['3.7.0', '~> 3.8.0', '< 3.9']) {
      const call = moduleCall({
        source: S3_MODULE,
        version,
        values: { bucket: 'my-s3-bucket', acl: 'public-read' },
      });
      const flags = s3(call).publicAccessBlock?.flags;
      expect(flags?.block_public_acls, version).toEqual({ value: false, range: call.ranges[''] });
    }
    for (const version of ['~> 3.7', '>= 3.0', '3.9.0']) {
      const call = moduleCall({ source: S3_MODULE, version, values: {} });
      expect(s3(call).publicAccessBlock?.flags.block_public_acls.value, version).toBe(true);
    }
    const pinnedByRef = 'github.com/terraform-aws-modules/terraform-aws-s3-bucket?ref=v3.7.0';
    expect(
      s3(moduleCall({ source: pinnedByRef })).publicAccessBlock?.flags.ignore_public_acls.value,
    ).toBe(false);
  });

  it('skips submodules that create no bucket, and installed modules', () => {
    const calls = [
      moduleCall({ source: `${S3_MODULE}//modules/notification`, values: { bucket: 'x' } }),
      moduleCall({ source: `${S3_MODULE}//modules/object`, values: { bucket: 'x' } }),
      moduleCall({ source: S3_MODULE, status: 'installed', values: { bucket: 'x' } }),
    ];
    expect(adapt(calls)).toEqual([]);
  });

  it('keeps unknown inputs unknown and reports the switches it cannot decide', () => {
    const unset = unknown([], 'variable acl has no value');
    const call = moduleCall({
      source: S3_MODULE,
      values: { acl: unset, attach_public_policy: unknown(), control_object_ownership: unknown() },
    });
    const bucket = s3(call);
    expect(bucket.acls[0]?.canned).toEqual({ value: unset, range: call.ranges.acl });
    expect(bucket.publicAccessBlock).toBeUndefined();
    expect(isUnknown(bucket.ownership?.objectOwnership.value)).toBe(true);
    expect(bucket.unresolved).toEqual([
      {
        message: expect.stringContaining('attach_public_policy of module.bucket'),
        range: call.ranges.attach_public_policy,
      },
    ]);
  });

  // As with aws_s3_bucket_acl, a grant is public only through its grantee uri.
  const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
  const partlyKnownUri = new Unknown([], 'known after apply', {
    pieces: ['http://acs.amazonaws.com/groups/', unknown()],
  });
  it.each([
    {
      with: 'an unknown CanonicalUser id',
      grant: [{ type: 'CanonicalUser', id: unknown(), permission: 'READ' }],
      unresolved: false,
    },
    {
      with: 'a known uri and an unknown permission',
      grant: [{ type: 'Group', uri: ALL_USERS, permission: unknown() }],
      unresolved: false,
    },
    {
      with: 'an unknown uri',
      grant: [{ type: 'Group', uri: unknown(), permission: 'READ' }],
      unresolved: true,
    },
    {
      with: 'a uri that may name a public group',
      grant: [{ type: 'Group', uri: partlyKnownUri, permission: 'READ' }],
      unresolved: true,
    },
    { with: 'an unknown entry', grant: [unknown()], unresolved: true },
    { with: 'an unknown list', grant: unknown(), unresolved: true },
  ])('a grant with $with leaves the ACL unresolved: $unresolved', ({ grant, unresolved }) => {
    const call = moduleCall({ source: S3_MODULE, values: { grant } });
    expect(s3(call).unresolved).toEqual(
      unresolved
        ? [
            {
              message: expect.stringContaining('grant of module.bucket'),
              range: call.ranges.grant,
              // The bucket's own ignore_public_acls or disabled ACLs refuse it.
              opens: 'acl',
            },
          ]
        : [],
    );
  });

  it('gives an unknown policy document an unknown reason', () => {
    const call = moduleCall({
      source: S3_MODULE,
      values: { attach_policy: true, policy: unknown(['data.aws_iam_policy_document.p.json']) },
    });
    expect(s3(call).policies).toEqual([
      expect.objectContaining({ statements: [], unknownReason: 'computed at apply' }),
    ]);
  });

  it("merges the caller's AWS default_tags under the call's tags, through module nesting", () => {
    const outer = moduleCall({ source: './modules/storage', name: 'storage', status: 'loaded' });
    const call = moduleCall({
      source: S3_MODULE,
      module: 'module.storage',
      values: { tags: { release: 'true' } },
    });
    const aws = providerConfig({
      name: 'aws',
      values: { default_tags: [{ tags: { release: 'false', team: 'web' } }] },
    });
    const [bucket] = adapt([outer, call], [aws]);
    expect(bucket?.address).toBe('module.storage.module.bucket');
    expect(bucket?.moduleCalls.map((c) => c.address)).toEqual([
      'module.storage',
      'module.storage.module.bucket',
    ]);
    expect(bucket?.tags).toEqual([
      { key: 'release', value: 'true', from: 'resource', range: call.ranges['tags.release'] },
      {
        key: 'team',
        value: 'web',
        from: 'provider-default',
        range: aws.ranges['default_tags.0.tags.team'],
      },
    ]);
  });

  describe('takes the default_tags of the provider configuration its resources use', () => {
    const provider = (alias: string | undefined, module = '') =>
      providerConfig({
        name: 'aws',
        alias,
        module,
        values: { default_tags: [{ tags: { purpose: alias ?? `default of ${module}` } }] },
      });
    const replica = { providers: { aws: { name: 'aws', alias: 'replica', module: '' } } };
    const storage = moduleCall({ source: './modules/storage', name: 'storage', status: 'loaded' });
    const nested = moduleCall({ source: S3_MODULE, module: 'module.storage' });
    it.each<[string, ModuleCall[], ProviderConfig[], string]>([
      ['the default one, passing none', [moduleCall({ source: S3_MODULE })], [], 'default of '],
      [
        'the one the call passes',
        [{ ...moduleCall({ source: S3_MODULE }), ...replica }],
        [],
        'replica',
      ],
      [
        'the one passed to the module that makes the call',
        [{ ...storage, ...replica }, nested],
        [],
        'replica',
      ],
      [
        "that module's own, before the one passed to it",
        [{ ...storage, ...replica }, nested],
        [provider(undefined, 'module.storage')],
        'default of module.storage',
      ],
    ])('%s', (_, calls, own, purpose) => {
      const [bucket] = adapt(calls, [provider(undefined), provider('replica'), ...own]);
      expect(bucket?.tags.map((tag) => `${tag.key}=${tag.value}`)).toEqual([`purpose=${purpose}`]);
    });
  });
});

describe('terraform-google-modules/cloud-storage/google', () => {
  it('makes one bucket per name, prefixed, with viewers bound on each', () => {
    const call = moduleCall({
      source: GCS_MODULE,
      values: {
        project_id: 'acme',
        prefix: 'acme',
        location: 'US',
        names: ['releases', 'Logs'],
        set_viewer_roles: true,
        viewers: ['allUsers'],
        bucket_viewers: { releases: 'group:dev@acme.com,allAuthenticatedUsers' },
        bucket_policy_only: { logs: false },
        labels: { purpose: 'release' },
      },
    });
    const [releases, logs] = gcs(call);
    const block = call.ranges[''];
    expect(releases).toMatchObject({
      address: 'module.bucket.google_storage_bucket.buckets["releases"]',
      // The module's prefix brings the lower-cased location with it.
      name: 'acme-us-releases',
      nameRange: call.ranges['names.0'],
      range: block,
      viaModule: { address: 'module.bucket', source: GCS_MODULE },
      publicAccessPrevention: { value: 'inherited', range: block },
      uniformBucketLevelAccess: { value: true, range: call.ranges.bucket_policy_only },
      acls: [],
      unresolved: [],
    });
    const role = 'roles/storage.objectViewer';
    expect(releases?.iam).toEqual([
      {
        address: 'module.bucket.google_storage_bucket_iam_binding.viewers["releases"]',
        range: call.ranges.set_viewer_roles,
        members: [
          { member: 'allUsers', role, range: call.ranges['viewers.0'] },
          { member: 'group:dev@acme.com', role, range: call.ranges['bucket_viewers.releases'] },
          { member: 'allAuthenticatedUsers', role, range: call.ranges['bucket_viewers.releases'] },
        ],
        unknown: false,
      },
    ]);
    expect(releases?.tags.map((t) => `${t.key}=${t.value}`)).toEqual([
      'purpose=release',
      'name=acme-us-releases',
    ]);
    expect(logs).toMatchObject({
      address: 'module.bucket.google_storage_bucket.buckets["Logs"]',
      name: 'acme-us-logs',
      uniformBucketLevelAccess: { value: false, range: call.ranges['bucket_policy_only.logs'] },
    });
    expect(logs?.iam[0]?.members.map((m) => m.member)).toEqual(['allUsers']);
  });

  // `bucket_viewers` entries with unknown parts, as `"a,${var.x}"` and `join(",", …)` give them.
  const partly = (...pieces: (string | Unknown)[]) =>
    new Unknown([], 'known after apply', { pieces });
  it.each([
    [
      'allUsers,group:${x},user:ann@acme.com',
      partly('allUsers,group:', unknown(), ',user:ann@acme.com'),
      ['allUsers', 'user:ann@acme.com'],
    ],
    ['${x},allUsers', partly(unknown(), ',allUsers'), ['allUsers']],
    // A member with an unknown part is not known, whatever its known text.
    ['allUsers${x}', partly('allUsers', unknown()), []],
    [
      'user:a${x}b,,allAuthenticatedUsers,',
      partly('user:a', unknown(), 'b,,allAuthenticatedUsers,'),
      ['allAuthenticatedUsers'],
    ],
    ['${x}', unknown(), []],
  ])('judges the members written whole in a bucket_viewers entry of %s', (_, entry, known) => {
    const call = moduleCall({
      source: GCS_MODULE,
      values: { names: ['releases'], set_viewer_roles: true, bucket_viewers: { releases: entry } },
    });
    const [binding] = gcs(call)[0]?.iam ?? [];
    expect(binding?.members.map((m) => m.member)).toEqual(known);
    // The unknown parts could hold any members, commas and all.
    expect(binding?.unknown).toBe(true);
  });

  // `merge(var.x, { releases = … })`: the entries after the unknown map are certain.
  const partlyKnown = (entries: ModuleCall['values']) =>
    new Unknown([], 'variable x has no value', { entries });
  it.each([
    ['its own entry', { releases: 'allUsers' }, ['allUsers'], false],
    ["another bucket's entry", { logs: 'allUsers' }, [], true],
  ])(
    'judges the members of bucket_viewers known only in part by %s',
    (_, entries, known, unknownMembers) => {
      const call = moduleCall({
        source: GCS_MODULE,
        values: {
          names: ['releases'],
          set_viewer_roles: true,
          bucket_viewers: partlyKnown(entries),
        },
      });
      const [binding] = gcs(call)[0]?.iam ?? [];
      expect(binding?.members.map((m) => m.member)).toEqual(known);
      expect(binding?.unknown).toBe(unknownMembers);
    },
  );

  it.each([
    [{ releases: false }, false],
    [{ logs: false }, undefined],
  ])('reads bucket_policy_only known only in part as %j', (entries, uniform) => {
    const call = moduleCall({
      source: GCS_MODULE,
      values: { names: ['releases'], bucket_policy_only: partlyKnown(entries) },
    });
    const { value } = gcs(call)[0]?.uniformBucketLevelAccess ?? {};
    expect(isUnknown(value) ? undefined : value).toBe(uniform);
  });

  it('binds no roles by default and leaves unknown names unnamed', () => {
    const call = moduleCall({
      source: GCS_MODULE,
      values: { names: unknown(), randomize_suffix: false },
    });
    const [bucket, ...rest] = gcs(call);
    expect(rest).toEqual([]);
    expect(bucket).toMatchObject({
      address: 'module.bucket.google_storage_bucket.buckets[?0]',
      name: undefined,
      nameRange: call.ranges.names,
      iam: [],
    });
  });

  it('names a bucket without a prefix by its lower-cased name, and one whose location is unknown by nothing', () => {
    const bare = moduleCall({ source: GCS_MODULE, values: { names: ['Releases'] } });
    expect(gcs(bare)[0]?.name).toBe('releases');
    const somewhere = moduleCall({
      source: GCS_MODULE,
      values: { names: ['releases'], prefix: 'acme', location: unknown() },
    });
    expect(gcs(somewhere)[0]?.name).toBeUndefined();
  });

  it('does not know the name of a bucket with a random suffix', () => {
    const call = moduleCall({
      source: GCS_MODULE,
      values: { names: ['a'], randomize_suffix: true },
    });
    expect(gcs(call)[0]?.name).toBeUndefined();
  });

  // What is known of a name not known before apply, for release globs and links to match.
  it.each([
    [
      'a prefix and an unknown location',
      { prefix: 'acme', location: unknown(), names: ['Releases'] },
      ['acme-', null, '-releases'],
    ],
    ['a random suffix', { names: ['releases'], randomize_suffix: true }, ['releases-', null]],
    [
      'an unknown random suffix switch',
      { names: ['releases'], randomize_suffix: unknown() },
      ['releases', null],
    ],
    // An unknown prefix may be "", which leaves the location out.
    [
      'an unknown prefix and a partly known name',
      { prefix: unknown(), location: 'US', names: [partly(unknown(), '-Downloads')] },
      [null, '-downloads'],
    ],
    [
      'a partly known prefix',
      { prefix: partly(unknown(), '-acme'), location: 'US', names: ['releases'] },
      [null, '-acme-us-releases'],
    ],
  ])('keeps the known parts of a name with %s', (_, values, parts) => {
    const [bucket] = gcs(moduleCall({ source: GCS_MODULE, values }));
    expect(bucket?.name).toBeUndefined();
    expect(bucket?.nameParts).toEqual(parts);
  });
});

describe('terraform-google-modules/cloud-storage/google//modules/simple_bucket', () => {
  it('reads iam_members, the default prevention and uniform access, and the website', () => {
    const call = moduleCall({
      source: SIMPLE_BUCKET,
      values: {
        name: 'acme-releases',
        project_id: 'acme',
        location: 'EU',
        iam_members: [{ role: 'roles/storage.objectViewer', member: 'allUsers' }],
        website: { main_page_suffix: 'index.html' },
      },
    });
    const [bucket, ...rest] = gcs(call);
    expect(rest).toEqual([]);
    const block = call.ranges[''];
    expect(bucket).toMatchObject({
      address: 'module.bucket',
      name: 'acme-releases',
      nameRange: call.ranges.name,
      publicAccessPrevention: { value: 'inherited', range: block },
      uniformBucketLevelAccess: { value: true, range: block },
      website: {
        address: 'module.bucket.google_storage_bucket.bucket',
        range: call.ranges.website,
      },
    });
    expect(bucket?.iam).toEqual([
      {
        address:
          'module.bucket.google_storage_bucket_iam_member.members["roles/storage.objectViewer allUsers"]',
        range: call.ranges['iam_members.0'],
        members: [
          {
            member: 'allUsers',
            role: 'roles/storage.objectViewer',
            range: call.ranges['iam_members.0.member'],
          },
        ],
        unknown: false,
      },
    ]);
  });

  // The module's `for_each = { for m in var.iam_members : "${m.role} ${m.member}" => m }`.
  it.each<[string, ModuleCall['values'][string], string, string[], boolean]>([
    [
      'a role and member',
      { role: 'roles/storage.objectViewer', member: 'allAuthenticatedUsers' },
      '["roles/storage.objectViewer allAuthenticatedUsers"]',
      ['allAuthenticatedUsers'],
      false,
    ],
    [
      'a role not known before apply',
      { role: unknown(), member: 'allUsers' },
      '[?1]',
      ['allUsers'],
      false,
    ],
    ['a member not known before apply', { role: 'roles/x', member: unknown() }, '[?1]', [], true],
    ['an entry not known before apply', unknown(), '[?1]', [], true],
  ])('keys each entry of iam_members by its role and member: %s', (_, entry, key, known, open) => {
    const viewer = { role: 'roles/storage.objectViewer', member: 'group:dev@acme.com' };
    const call = moduleCall({
      source: SIMPLE_BUCKET,
      values: { name: 'acme', iam_members: [viewer, entry] },
    });
    const [bucket] = gcs(call);
    const members = 'module.bucket.google_storage_bucket_iam_member.members';
    expect(bucket?.iam.map((iam) => iam.address)).toEqual([
      `${members}["roles/storage.objectViewer group:dev@acme.com"]`,
      `${members}${key}`,
    ]);
    expect(bucket?.iam[1]?.members.map((m) => m.member)).toEqual(known);
    expect(bucket?.iam[1]?.unknown).toBe(open);
  });

  it('keeps the known parts of a name not known before apply', () => {
    const name = new Unknown([], 'variable env has no value', {
      pieces: [unknown(), '-artifacts'],
    });
    const [bucket] = gcs(moduleCall({ source: SIMPLE_BUCKET, values: { name } }));
    expect(bucket?.name).toBeUndefined();
    expect(bucket?.nameParts).toEqual([null, '-artifacts']);
  });

  it('keeps an enforced prevention on its argument and unknown members unknown', () => {
    const call = moduleCall({
      source: SIMPLE_BUCKET,
      values: { name: 'acme', public_access_prevention: 'enforced', iam_members: unknown() },
    });
    const [bucket] = gcs(call);
    expect(bucket?.publicAccessPrevention).toEqual({
      value: 'enforced',
      range: call.ranges.public_access_prevention,
    });
    expect(bucket?.iam).toEqual([
      expect.objectContaining({ members: [], unknown: true, range: call.ranges.iam_members }),
    ]);
    expect(bucket?.website).toBeUndefined();
  });
});

describe('terraform-google-modules/iam/google//modules/storage_buckets_iam', () => {
  const VIEWER = 'roles/storage.objectViewer';
  /** The IAM the call grants, by bucket name: the buckets are named only, so declared elsewhere. */
  const iamOf = (values: ModuleCall['values']) => {
    const call = moduleCall({ source: BUCKETS_IAM, name: 'iam', values });
    const buckets = adaptAll(inventory({ moduleCalls: [call] })).buckets as GcsBucket[];
    expect(buckets.every((b) => b.service === 'gcs' && b.declaredElsewhere)).toBe(true);
    return { call, iam: new Map(buckets.map((b) => [b.name, b.iam])) };
  };

  it('binds each role of bindings on its one bucket, authoritative, keyed "default" as the module does', () => {
    const { call, iam } = iamOf({
      storage_buckets: ['acme-releases'],
      mode: 'authoritative',
      bindings: { [VIEWER]: ['allUsers', 'group:dev@acme.com'] },
    });
    expect(iam.get('acme-releases')).toEqual([
      {
        address: `module.iam.google_storage_bucket_iam_binding.storage_bucket_iam_authoritative["default--${VIEWER}"]`,
        range: call.ranges[`bindings.${VIEWER}`],
        members: [
          { member: 'allUsers', role: VIEWER, range: call.ranges[`bindings.${VIEWER}.0`] },
          {
            member: 'group:dev@acme.com',
            role: VIEWER,
            range: call.ranges[`bindings.${VIEWER}.1`],
          },
        ],
        unknown: false,
      },
    ]);
  });

  it('adds one member per bucket, role and member by default, conditional bindings included', () => {
    const { call, iam } = iamOf({
      storage_buckets: ['acme-a', 'acme-b'],
      bindings: { [VIEWER]: ['allUsers'] },
      conditional_bindings: [
        {
          role: 'roles/storage.objectAdmin',
          title: 'ci',
          description: '',
          expression: 'true',
          members: ['allAuthenticatedUsers'],
        },
      ],
    });
    expect([...iam.keys()]).toEqual(['acme-a', 'acme-b']);
    expect(iam.get('acme-b')).toEqual([
      {
        address: `module.iam.google_storage_bucket_iam_member.storage_bucket_iam_additive["acme-b--${VIEWER}--allUsers"]`,
        range: call.ranges[`bindings.${VIEWER}.0`],
        members: [{ member: 'allUsers', role: VIEWER, range: call.ranges[`bindings.${VIEWER}.0`] }],
        unknown: false,
      },
      {
        address:
          'module.iam.google_storage_bucket_iam_member.storage_bucket_iam_additive["acme-b--roles/storage.objectAdmin--ci--allAuthenticatedUsers"]',
        range: call.ranges['conditional_bindings.0.members.0'],
        members: [
          {
            member: 'allAuthenticatedUsers',
            role: 'roles/storage.objectAdmin',
            range: call.ranges['conditional_bindings.0.members.0'],
          },
        ],
        unknown: false,
      },
    ]);
  });

  it('reads an unknown mode as authoritative, and makes nothing in any other mode', () => {
    const values = { storage_buckets: ['acme-releases'], bindings: { [VIEWER]: ['allUsers'] } };
    const unknownMode = iamOf({ ...values, mode: unknown() }).iam.get('acme-releases');
    expect(unknownMode?.map((i) => i.address)).toEqual([
      `module.iam.google_storage_bucket_iam_binding.storage_bucket_iam_authoritative["default--${VIEWER}"]`,
    ]);
    expect(iamOf({ ...values, mode: 'other' }).iam.size).toBe(0);
  });

  it('leaves bindings and members not known before apply unknown', () => {
    const { iam } = iamOf({
      storage_buckets: ['acme-a', 'acme-b'],
      bindings: { [VIEWER]: unknown() },
    });
    expect(iam.get('acme-a')).toEqual([expect.objectContaining({ members: [], unknown: true })]);
    const wholly = iamOf({ storage_buckets: ['acme-a'], bindings: unknown() }).iam.get('acme-a');
    expect(wholly).toEqual([expect.objectContaining({ members: [], unknown: true })]);
  });

  it('judges the roles certain in bindings known only in part, and keeps the rest unknown', () => {
    // `merge(var.extra, { "roles/storage.objectViewer" = ["allUsers"] })`
    const bindings = new Unknown([], 'variable extra has no value', {
      entries: { [VIEWER]: ['allUsers'] },
    });
    const { iam } = iamOf({ storage_buckets: ['acme-releases'], bindings });
    expect(iam.get('acme-releases')).toEqual([
      expect.objectContaining({
        members: [expect.objectContaining({ member: 'allUsers', role: VIEWER })],
        unknown: false,
      }),
      expect.objectContaining({ members: [], unknown: true }),
    ]);
  });
});

describe('a registry module bucket named after an output of its own call', () => {
  const ref = (...refs: string[]) => unknown(refs);
  const diagnostics = (source: string, values: ModuleCall['values']) => {
    const call = moduleCall({ source, values });
    const ctx = new AdapterContext(inventory({ moduleCalls: [call] }), ADAPTED_TYPES);
    return { call, found: registryModuleDiagnostics(ctx) };
  };
  const arnPrefix = new Unknown(['module.bucket.s3_bucket_arn'], 'known after apply', {
    pieces: [unknown(['module.bucket.s3_bucket_arn']), '-'],
  });

  it.each<[string, string, ModuleCall['values'], string]>([
    [
      's3-bucket, by s3_bucket_id',
      S3_MODULE,
      { bucket: ref('module.bucket.s3_bucket_id') },
      'bucket',
    ],
    ['s3-bucket, by its ARN in a prefix', S3_MODULE, { bucket_prefix: arnPrefix }, 'bucket_prefix'],
    [
      's3-bucket, by the output of another of its instances',
      S3_MODULE,
      { bucket: ref('module.bucket[1].s3_bucket_id') },
      'bucket',
    ],
    [
      'cloud-storage, by names_list',
      GCS_MODULE,
      { names: ref('module.bucket.names_list') },
      'names',
    ],
    ['cloud-storage, by name', GCS_MODULE, { names: ['a', ref('module.bucket.name')] }, 'names.1'],
    ['simple_bucket, by bucket', SIMPLE_BUCKET, { name: ref('module.bucket.bucket.name') }, 'name'],
  ])('is a cycle Terraform rejects: %s', (_, source, values, path) => {
    const { call, found } = diagnostics(source, values);
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'eval-cycle',
        range: call.ranges[path],
      }),
    ]);
    expect(found[0]?.message).toContain('"Cycle" error');
  });

  it.each<[string, ModuleCall['values']]>([
    [
      'a bucket named by the output of another call',
      { bucket: ref('module.bucket_logs.s3_bucket_id') },
    ],
    // The policy is attached to the bucket once it is made.
    [
      'a bucket whose policy reads its ARN',
      { bucket: 'acme', policy: ref('module.bucket.s3_bucket_arn') },
    ],
  ])('is not found in %s', (_, values) => {
    expect(diagnostics(S3_MODULE, values).found).toEqual([]);
  });
});

describe('terraform-aws-modules/s3-bucket/aws//modules/object', () => {
  /** The buckets the calls' objects name: stand-ins, as none is declared. */
  const objectsOf = (...calls: ModuleCall[]) =>
    (adaptAll(inventory({ moduleCalls: calls })).buckets as S3Bucket[]).map((b) => ({
      name: b.name,
      acls: b.acls,
    }));

  it('uploads one object with its acl to the bucket it names, as aws_s3_object', () => {
    const call = moduleCall({
      source: OBJECT,
      name: 'tarball',
      values: { bucket: 'acme-releases', key: 'cli.tgz', acl: 'public-read' },
    });
    expect(objectsOf(call)).toEqual([
      {
        name: 'acme-releases',
        acls: [
          {
            address: 'module.tarball.aws_s3_object.this[0]',
            range: call.ranges[''],
            kind: 'object',
            canned: { value: 'public-read', range: call.ranges.acl },
            grants: [],
            key: { value: 'cli.tgz', range: call.ranges.key },
          },
        ],
      },
    ]);
  });

  it('makes an aws_s3_bucket_object before v3.0.0, and nothing with create = false', () => {
    const values = { bucket: 'acme-releases', acl: 'public-read' };
    const old = moduleCall({ source: OBJECT, name: 'old', version: '~> 2.0', values });
    expect(objectsOf(old)[0]?.acls.map((a) => a.address)).toEqual([
      'module.old.aws_s3_bucket_object.this[0]',
    ]);
    const off = moduleCall({ source: OBJECT, values: { ...values, create: false } });
    expect(objectsOf(off)).toEqual([]);
  });
});

describe('modules a scan can do without', () => {
  it.each([
    ['terraform-aws-modules/s3-bucket/aws', true],
    ['terraform-aws-modules/vpc/aws', true],
    ['terraform-aws-modules/vpc/aws//modules/vpc-endpoints', true],
    ['git::https://github.com/terraform-aws-modules/terraform-aws-eks.git?ref=v20.0.0', true],
    ['terraform-google-modules/network/google//modules/firewall-rules', true],
    ['terraform-google-modules/service-accounts/google', true],
    // Read by its inputs.
    [BUCKETS_IAM, true],
    [OBJECT, true],
    [`${S3_MODULE}//modules/account-public-access`, true],
    // Sets a bucket's notifications, and lets S3 reach where they go.
    [`${S3_MODULE}//modules/notification`, true],
    [
      'git::https://github.com/terraform-aws-modules/terraform-aws-s3-bucket.git//modules/notification?ref=v4.1.0',
      true,
    ],
    // Grants on projects, which refuse public members.
    ['terraform-google-modules/iam/google//modules/projects_iam', true],
    // Its key-distributor submodule keeps a Cloud Function's source in a bucket.
    ['terraform-google-modules/service-accounts/google//modules/key-distributor', false],
    // Can upload a package object, or make a bucket.
    ['terraform-aws-modules/lambda/aws', false],
    [`${S3_MODULE}//modules/directory-bucket`, false],
    ['terraform-google-modules/project-factory/google', false],
    ['acme/release-bucket/aws', false],
    ['./modules/vpc', false],
  ])('%s: %s', (source, unneeded) => {
    expect(moduleNotNeeded(source)).toBe(unneeded);
  });
});
