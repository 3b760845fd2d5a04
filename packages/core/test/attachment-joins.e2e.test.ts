import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

/**
 * Which bucket an S3 settings resource configures, when its `bucket` is not known before apply: the
 * one it refers to when it is that reference alone; that one and any bucket of its module when the
 * reference is one of the values it may take, as a public ACL with
 * `bucket = coalesce(var.x, aws_s3_bucket.o.id)` may be on the release bucket.
 */
const MODULE = (attachment: string) => `variable "x" {}
variable "p" {}
resource "aws_s3_bucket" "releases" {
  bucket = "acme-releases"
}
resource "aws_s3_bucket" "o" {
  bucket = "acme-other"
}
${attachment}
`;

const ATTACHMENTS: Record<string, (bucket: string) => string> = {
  'a public-read aws_s3_bucket_acl': (bucket) => `resource "aws_s3_bucket_acl" "o" {
  bucket = ${bucket}
  acl    = "public-read"
}`,
  'a public aws_s3_bucket_policy': (bucket) => `resource "aws_s3_bucket_policy" "o" {
  bucket = ${bucket}
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }]
  })
}`,
  'an aws_s3_bucket_public_access_block turned off': (bucket) =>
    `resource "aws_s3_bucket_public_access_block" "o" {
  bucket                  = ${bucket}
  block_public_acls       = false
  block_public_policy     = false
  ignore_public_acls      = false
  restrict_public_buckets = false
}`,
  'an aws_s3_bucket_website_configuration': (bucket) =>
    `resource "aws_s3_bucket_website_configuration" "o" {
  bucket = ${bucket}
  index_document {
    suffix = "index.html"
  }
}`,
};

/** The release bucket has no Block Public Access of its own: that finding is always there. */
const UNMANAGED = 's3-public-access-block@main.tf:3';
const UNPROVEN = 'bucket-not-provably-private@main.tf:10';

const CASES: [string, string[]][] = [
  ['aws_s3_bucket.o.id', [UNMANAGED]],
  ['"${aws_s3_bucket.o.id}"', [UNMANAGED]],
  ['var.x', [UNMANAGED, UNPROVEN]],
  ['coalesce(var.x, aws_s3_bucket.o.id)', [UNMANAGED, UNPROVEN]],
  ['var.p ? aws_s3_bucket.o.id : var.x', [UNMANAGED, UNPROVEN]],
  ['"${var.p}${aws_s3_bucket.o.id}"', [UNMANAGED, UNPROVEN]],
  ['lookup({ a = aws_s3_bucket.o.id }, var.x, "acme-other")', [UNMANAGED, UNPROVEN]],
];

describe('an S3 settings resource whose bucket is not known before apply', () => {
  it.each(
    Object.entries(ATTACHMENTS).flatMap(([what, attachment]) =>
      CASES.map(([bucket, expected]) => ({ what, bucket, attachment, expected })),
    ),
  )('$what on bucket = $bucket', async ({ bucket, attachment, expected }) => {
    const report = await scanFiles({ 'main.tf': MODULE(attachment(bucket)) });
    expect(summarize(report)).toEqual(expected.sort());
  });
});

/**
 * One that refers to a bucket as one of what it may be is joined to that bucket too, which it may
 * well be: o keeps its public ACL.
 */
describe('an S3 settings resource that refers to a bucket as one of what it may be', () => {
  it.each([
    ['aws_s3_bucket.o.id', ['s3-public-acl@main.tf:11']],
    ['coalesce(var.x, aws_s3_bucket.o.id)', ['s3-public-acl@main.tf:11', UNPROVEN]],
    // Both buckets (the release bucket's finding and o's are at the attachment).
    ['var.x', [UNPROVEN, UNPROVEN]],
  ])('bucket = %s', async (bucket, expected) => {
    const acl = ATTACHMENTS['a public-read aws_s3_bucket_acl']!(bucket);
    const report = await scanFiles({ 'main.tf': MODULE(acl) }, { policy: { scope: 'all' } });
    const unmanaged = /^s3-public-access-block@/;
    expect(summarize(report).filter((f) => !unmanaged.test(f))).toEqual(expected.sort());
  });
});

/**
 * One in a module that declares no bucket configures a bucket from outside it: any of its root
 * module. The call passes a value not known, so the root's release bucket may be the one.
 */
describe('an S3 settings resource whose bucket is not known, in a module that declares no bucket', () => {
  const files = (attachment: string, bucket: string) => ({
    'main.tf': `${MODULE('')}module "settings" {
  source = "./settings"
  bucket = ${bucket}
}
`,
    'settings/main.tf': `variable "bucket" {}
${attachment}
`,
  });

  it.each(
    [
      'a public-read aws_s3_bucket_acl',
      'a public aws_s3_bucket_policy',
      'an aws_s3_bucket_public_access_block turned off',
    ].flatMap((what) =>
      ['var.x', 'coalesce(var.x, aws_s3_bucket.o.id)'].map((bucket) => ({ what, bucket })),
    ),
  )('$what, called with bucket = $bucket', async ({ what, bucket }) => {
    const report = await scanFiles(files(ATTACHMENTS[what]!('var.bucket'), bucket));
    const expected = [UNMANAGED, 'bucket-not-provably-private@settings/main.tf:3'];
    expect(summarize(report)).toEqual(expected.sort());
  });

  // A root module that declares none is one such module: its buckets are all of its calls.
  it('a public-read aws_s3_bucket_acl on var.x, in a root module of calls alone', async () => {
    const acl = ATTACHMENTS['a public-read aws_s3_bucket_acl']!('var.x');
    const report = await scanFiles({
      'main.tf': `variable "x" {}
module "buckets" {
  source = "./buckets"
}
${acl}
`,
      'buckets/main.tf': MODULE(''),
    });
    const expected = [
      `s3-public-access-block@buckets/main.tf:3`,
      'bucket-not-provably-private@main.tf:6',
    ];
    expect(summarize(report)).toEqual(expected.sort());
  });
});

/**
 * One in a module that declares buckets, whose bucket its caller passes, may configure any bucket
 * the caller reaches: any of its root module, not the module's own alone. One whose bucket is not
 * known for reasons of its module's own is judged against the module's buckets, as before.
 */
describe('an S3 settings resource whose bucket is not known, passed by the call of a module that declares buckets', () => {
  const SETTINGS = (attachment: string) => `variable "bucket" {}
resource "aws_s3_bucket" "own" {
  bucket = "acme-scratch"
}
data "aws_ssm_parameter" "here" {
  name = "/release/bucket"
}
${attachment}
`;
  const CALL = (bucket: string) => `data "aws_ssm_parameter" "there" {
  name = "/release/bucket"
}
module "settings" {
  source = "./settings"
  bucket = ${bucket}
}
`;
  const PASSED = [UNMANAGED, 'bucket-not-provably-private@settings/main.tf:9'];

  it.each(
    Object.keys(ATTACHMENTS)
      .filter((what) => what !== 'an aws_s3_bucket_website_configuration')
      .flatMap((what) =>
        [
          { bucket: 'var.x', inModule: 'var.bucket', expected: PASSED },
          {
            bucket: 'coalesce(var.x, aws_s3_bucket.o.id)',
            inModule: 'var.bucket',
            expected: PASSED,
          },
          {
            bucket: 'data.aws_ssm_parameter.there.value',
            inModule: 'var.bucket',
            expected: PASSED,
          },
          // Set in the module: its own buckets alone, of which none is a release bucket.
          { bucket: 'var.x', inModule: 'data.aws_ssm_parameter.here.value', expected: [UNMANAGED] },
        ].map((c) => ({ what, ...c })),
      ),
  )(
    '$what on $inModule, called with bucket = $bucket',
    async ({ what, bucket, inModule, expected }) => {
      const report = await scanFiles({
        'main.tf': MODULE('') + CALL(bucket),
        'settings/main.tf': SETTINGS(ATTACHMENTS[what]!(inModule)),
      });
      expect(summarize(report)).toEqual([...expected].sort());
    },
  );

  // Two calls down, through a module that declares buckets too.
  it('a public-read aws_s3_bucket_acl in a module its caller calls with var.x', async () => {
    const report = await scanFiles({
      'main.tf': MODULE('') + CALL('var.x').replace('./settings', './outer'),
      'outer/main.tf': `variable "bucket" {}
resource "aws_s3_bucket" "outer" {
  bucket = "acme-outer"
}
module "settings" {
  source = "../settings"
  bucket = var.bucket
}
`,
      'settings/main.tf': SETTINGS(ATTACHMENTS['a public-read aws_s3_bucket_acl']!('var.bucket')),
    });
    expect(summarize(report)).toEqual([...PASSED].sort());
  });
});

/**
 * One in a root module that declares buckets and calls modules that do: a variable with no value is
 * set at apply and a data source reads what is set outside, so either may be any bucket of the
 * root module, one a module it calls makes included; a module output not known, one of that
 * module's; a resource of the root module, one of the root's own.
 */
describe('an S3 settings resource whose bucket is not known, in a root module that declares buckets and calls modules', () => {
  const ROOT = (attachment: string) => `variable "x" {}
data "aws_ssm_parameter" "here" {
  name = "/release/bucket"
}
resource "random_pet" "p" {}
resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}
module "rel" {
  source = "./rel"
}
module "other" {
  source = "./other"
}
${attachment}
`;
  const REL = `resource "aws_s3_bucket" "this" {
  bucket = "acme-releases"
}
data "aws_ssm_parameter" "name" {
  name = "/release/bucket"
}
output "id" {
  value = aws_s3_bucket.this.id
}
output "name" {
  value = data.aws_ssm_parameter.name.value
}
`;
  const OTHER = `resource "aws_s3_bucket" "this" {
  bucket = "acme-other-releases"
}
`;
  const files = (attachment: string) => ({
    'main.tf': ROOT(attachment),
    'rel/main.tf': REL,
    'other/main.tf': OTHER,
  });
  const UNMANAGED_BOTH = [
    's3-public-access-block@other/main.tf:1',
    's3-public-access-block@rel/main.tf:1',
  ];
  const AT = 'bucket-not-provably-private@main.tf:16';

  it.each(
    [
      'a public-read aws_s3_bucket_acl',
      'a public aws_s3_bucket_policy',
      'an aws_s3_bucket_public_access_block turned off',
    ].flatMap((what) =>
      [
        { bucket: 'var.x', unproven: [AT, AT] },
        { bucket: 'data.aws_ssm_parameter.here.value', unproven: [AT, AT] },
        { bucket: 'coalesce(var.x, aws_s3_bucket.logs.id)', unproven: [AT, AT] },
        // The output is not known: rel's bucket, not other's.
        { bucket: 'module.rel.name', unproven: [AT] },
        // The root's own buckets alone, of which none is a release bucket.
        { bucket: 'random_pet.p.id', unproven: [] },
        { bucket: 'aws_s3_bucket.logs.id', unproven: [] },
      ].map((c) => ({ what, ...c })),
    ),
  )('$what on bucket = $bucket', async ({ what, bucket, unproven }) => {
    const report = await scanFiles(files(ATTACHMENTS[what]!(bucket)));
    expect(summarize(report)).toEqual([...UNMANAGED_BOTH, ...unproven].sort());
  });

  it('joins a public-read aws_s3_bucket_acl on an output naming the bucket to it alone', async () => {
    const acl = ATTACHMENTS['a public-read aws_s3_bucket_acl']!('module.rel.id');
    const report = await scanFiles(files(acl));
    expect(summarize(report)).toEqual([...UNMANAGED_BOTH, 's3-public-acl@main.tf:17'].sort());
  });

  // An output of one instance is of that instance; one in a module that calls rel, of rel.
  it.each<{ where: string; files: Record<string, string>; expected: string[] }>([
    {
      where: 'of an instance of a call with for_each',
      files: {
        'main.tf': `resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}
module "k" {
  source   = "./rel"
  for_each = toset(["x", "y"])
}
${ATTACHMENTS['a public-read aws_s3_bucket_acl']!('module.k["x"].name')}`,
        'rel/main.tf': REL,
      },
      expected: ['bucket-not-provably-private@main.tf:9', 's3-public-access-block@rel/main.tf:1'],
    },
    {
      where: 'in a module that declares a bucket and calls the module',
      files: {
        'main.tf': `module "outer" {
  source = "./outer"
}
`,
        'outer/main.tf': `resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}
module "rel" {
  source = "../rel"
}
${ATTACHMENTS['a public-read aws_s3_bucket_acl']!('module.rel.name')}`,
        'rel/main.tf': REL,
      },
      expected: [
        'bucket-not-provably-private@outer/main.tf:8',
        's3-public-access-block@rel/main.tf:1',
      ],
    },
  ])(
    'joins an ACL on an output not known $where to that module alone',
    async ({ files, expected }) => {
      const found = summarize(await scanFiles(files));
      // Not the bucket of another instance (module.k["y"]), nor the one of the module that calls.
      expect(found.filter((f) => f.startsWith('bucket-'))).toEqual(expected.slice(0, 1));
      expect(found).toEqual(expect.arrayContaining(expected));
    },
  );
});

/**
 * A bucket value that refers to nothing is joined by what else the resource refers to: a policy on
 * the ARN of o alone is o's. One that refers to o as one of what it may be is not joined by it.
 */
describe('an S3 bucket policy on the ARN of one bucket, whose bucket is not known', () => {
  const policy = (bucket: string) => `resource "aws_s3_bucket_policy" "o" {
  bucket = ${bucket}
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "\${aws_s3_bucket.o.arn}/*" }]
  })
}`;

  it.each([
    ['var.x', [UNMANAGED]],
    ['coalesce(var.x, aws_s3_bucket.o.id)', [UNMANAGED, UNPROVEN]],
  ])('bucket = %s', async (bucket, expected) => {
    const report = await scanFiles({ 'main.tf': MODULE(policy(bucket)) });
    expect(summarize(report)).toEqual(expected.sort());
  });
});

/**
 * A plan is evaluated with every variable known: an unknown `bucket` is what its references can
 * be. Those Terraform writes for `coalesce(var.x, aws_s3_bucket.downloads.id)` join the ACL to that
 * bucket as those of the reference alone do.
 */
describe('an S3 settings resource of a plan whose bucket is not known before apply', () => {
  const plan = JSON.parse(
    readFileSync(
      new URL('../../plan/test/fixtures/scenarios/s3-split-acl/plan.json', import.meta.url),
      'utf8',
    ),
  ) as { configuration: { root_module: { resources: PlanResource[] } } };
  const acl = plan.configuration.root_module.resources.find(
    (r) => r.address === 'aws_s3_bucket_acl.downloads',
  );

  it.each([
    ['the bucket alone', ['aws_s3_bucket.downloads.id', 'aws_s3_bucket.downloads']],
    [
      'a variable and the bucket',
      ['var.x', 'aws_s3_bucket.downloads.id', 'aws_s3_bucket.downloads'],
    ],
  ])('joins the bucket when it refers to %s', async (_what, references) => {
    if (acl === undefined) throw new Error('the scenario has no aws_s3_bucket_acl.downloads');
    acl.expressions.bucket = { references };
    const files = { 'plan.json': JSON.stringify(plan, null, 2) };
    const report = await scanFiles(files, { plans: ['plan.json'] });
    expect(summarize(report).filter((f) => f.startsWith('s3-public-acl'))).toHaveLength(1);
    expect(report.result.findings.flatMap((f) => f.ruleId)).not.toContain(
      'bucket-not-provably-private',
    );
  });
});

interface PlanResource {
  readonly address: string;
  readonly expressions: Record<string, unknown>;
}

/**
 * A for_each over names known in part scans one bucket per name, `["acme-releases-*"]` and
 * `["acme-artifacts-*"]`. A settings resource on the instance of key "acme-releases-123" is the
 * releases bucket's alone: the artifacts bucket cannot have that key, and keeps its own findings.
 */
describe('an S3 settings resource on one instance, by its key, of a for_each known in part', () => {
  const buckets = `resource "random_id" "x" {
  byte_length = 4
}
resource "aws_s3_bucket" "b" {
  for_each = toset(["acme-releases-\${random_id.x.hex}", "acme-artifacts-\${random_id.x.hex}"])
  bucket   = each.key
}
`;
  const blocked = (bucket: string) => `resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = ${bucket}
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}`;
  const bucketOf = (message: string) => /^Release bucket "([^"]*)"/.exec(message)?.[1];

  it.each([
    ['a public access block', 's3-public-access-block', ['acme-artifacts-*']],
    ['a public aws_s3_bucket_policy', 's3-public-policy', ['acme-releases-*']],
    ['a public-read aws_s3_bucket_acl', 's3-public-acl', ['acme-releases-*']],
  ])(
    '%s on bucket = aws_s3_bucket.b["acme-releases-123"].id and .bucket',
    async (what, rule, expected) => {
      const attachment = ATTACHMENTS[what] ?? blocked;
      for (const attribute of ['id', 'bucket']) {
        const bucket = `aws_s3_bucket.b["acme-releases-123"].${attribute}`;
        const report = await scanFiles({ 'main.tf': `${buckets}${attachment(bucket)}\n` });
        const found = report.result.findings.filter((f) => f.ruleId === rule);
        expect(found.map((f) => bucketOf(f.message))).toEqual(expected);
      }
    },
  );

  // A key no scanned instance could be names an instance the scan does not have: said so, with
  // the keys there are, and still not provably private, at the severity of any unresolved fact.
  it.each([
    ['a public-read aws_s3_bucket_acl', 'aws_s3_bucket_acl.o'],
    ['a public aws_s3_bucket_policy', 'aws_s3_bucket_policy.o'],
    ['an aws_s3_bucket_website_configuration', 'aws_s3_bucket_website_configuration.o'],
  ])('%s on aws_s3_bucket.b["acme-site"].id, which no instance could be', async (what, address) => {
    const attachment = ATTACHMENTS[what]!('aws_s3_bucket.b["acme-site"].id');
    const report = await scanFiles({ 'main.tf': `${buckets}${attachment}\n` });
    const found = report.result.findings.filter((f) => f.ruleId === 'bucket-not-provably-private');
    expect(found.map((f) => [bucketOf(f.message), f.severity])).toEqual([
      ['acme-artifacts-*', 'medium'],
      ['acme-releases-*', 'medium'],
    ]);
    for (const finding of found) {
      expect(finding.message).toContain(
        `${address} configures aws_s3_bucket.b["acme-site"], an instance that aws_s3_bucket.b does not have in the scan (keys: ["acme-artifacts-*"], ["acme-releases-*"]), so which bucket it configures cannot be determined.`,
      );
    }
  });
});

/**
 * `module.m["acme-dist"]` of a call whose for_each is not known is the instance scanned for that
 * key: `module.m[*]`, or the one of the keys known in part it fits. Its output is read as that
 * instance's, so the bucket it names has the public access block; the others keep their findings.
 */
describe('an S3 settings resource on an output of one module instance, by its key', () => {
  const files = (forEach: string, key: string) => ({
    'modules/b/main.tf': `variable "name" {}
resource "aws_s3_bucket" "b" {
  bucket = var.name
}
output "id" {
  value = aws_s3_bucket.b.id
}
`,
    'main.tf': `variable "names" {
  type = set(string)
}
resource "random_id" "x" {
  byte_length = 4
}
module "m" {
  for_each = ${forEach}
  source   = "./modules/b"
  name     = each.key
}
resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = module.m["${key}"].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
`,
  });
  const TWO = 'toset(["acme-releases-${random_id.x.hex}", "acme-artifacts-${random_id.x.hex}"])';

  it.each([
    ['not known at all', 'acme-dist', 'var.names', []],
    ['known in part', 'acme-releases-1', TWO, ['module.m["acme-artifacts-*"].aws_s3_bucket.b']],
    [
      'known in part, a key of neither',
      'acme-dist',
      TWO,
      [
        'module.m["acme-artifacts-*"].aws_s3_bucket.b',
        'module.m["acme-releases-*"].aws_s3_bucket.b',
      ],
    ],
  ])('of a for_each %s: module.m["%s"].id', async (_what, key, forEach, expected) => {
    const report = await scanFiles(files(forEach, key));
    const unblocked = report.result.findings.filter((f) => f.ruleId === 's3-public-access-block');
    expect(unblocked.map((f) => /module\.m\S*\.aws_s3_bucket\.b/.exec(f.message)?.[0])).toEqual(
      expected,
    );
  });
});

/**
 * A plan lists its instances: a reference to a key of none of them (a plan written by hand, or of
 * a configuration Terraform would reject) joins none, not every instance of the resource.
 */
describe('an S3 settings resource of a plan on an instance the plan does not have', () => {
  const plan = JSON.parse(
    readFileSync(
      new URL(
        '../../plan/test/fixtures/scenarios/s3-for-each-attachments/plan.json',
        import.meta.url,
      ),
      'utf8',
    ),
  ) as { configuration: { root_module: { resources: PlanResource[] } } };
  const block = plan.configuration.root_module.resources.find(
    (r) => r.address === 'aws_s3_bucket_public_access_block.releases',
  );

  it.each([
    ['its own instance', 'each.value.id', []],
    [
      'an instance of another key',
      'aws_s3_bucket.releases["web"].id',
      ['aws_s3_bucket.releases["cli"]', 'aws_s3_bucket.releases["sdk"]'],
    ],
  ])('%s: bucket = %s', async (_what, bucket, unblocked) => {
    if (block === undefined) throw new Error('no aws_s3_bucket_public_access_block.releases');
    const resource = bucket.replace(/\.id$/, '');
    block.expressions.bucket = { references: [bucket, resource] };
    const files = { 'plan.json': JSON.stringify(plan, null, 2) };
    const report = await scanFiles(files, { plans: ['plan.json'] });
    const found = report.result.findings.filter((f) => f.ruleId === 's3-public-access-block');
    const releases = found.map((f) => /aws_s3_bucket\.releases\[[^\]]*\]/.exec(f.message)?.[0]);
    expect(releases.filter((r) => r !== undefined)).toEqual(unblocked);
  });
});
