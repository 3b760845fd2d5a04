import { describe, expect, it } from 'vitest';
import type { S3Bucket } from '@posture/model';
import type { ScanReport } from '../src/index.js';
import { scanFiles, summarize } from './support/scan-files.js';

/** A release workflow that writes a download URL into its notes. */
const notes = (url: string) => ({
  '.github/workflows/release.yml': `name: release
on:
  push:
    tags: ['v*']
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - run: echo "Download at ${url}" >> notes.md
`,
});

const BUCKETS = `resource "aws_s3_bucket" "r" {
  bucket = "acme-releases"
}
resource "aws_s3_bucket" "assets" {
  bucket = "acme-assets"
}
resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}
`;

interface Distribution {
  readonly origins?: string;
  readonly target?: string;
  readonly behaviour?: string;
  readonly extra?: string;
}

/** A distribution on downloads.acme.example, its one behaviour serving `target`. */
function distribution({
  origins = `origin {
    domain_name              = aws_s3_bucket.r.bucket_regional_domain_name
    origin_id                = "s3"
    origin_access_control_id = aws_cloudfront_origin_access_control.oac.id
  }`,
  target = 's3',
  behaviour = '',
  extra = '',
}: Distribution = {}): string {
  return `resource "aws_cloudfront_distribution" "d" {
  enabled = true
  aliases = ["downloads.acme.example"]
  ${origins}
  default_cache_behavior {
    target_origin_id       = "${target}"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    ${behaviour}
  }
  logging_config {
    bucket = aws_s3_bucket.logs.bucket_domain_name
  }
  ${extra}
}
`;
}

const UNKNOWN_ORIGIN = `variable "origin" {}
`;

/** The origin access control `distribution` reads the bucket with. */
const OAC = (
  type: string,
  signing = 'always',
) => `resource "aws_cloudfront_origin_access_control" "oac" {
  name                              = "releases"
  origin_access_control_origin_type = "${type}"
  signing_behavior                  = "${signing}"
  signing_protocol                  = "sigv4"
}
`;

/** An origin at \`domain\`, read with origin access control unless \`access\` says otherwise. */
const origin = (domain: string, access = 'origin_access_control_id = "E2QWRUHEXAMPLE"') => `origin {
    domain_name = ${domain}
    origin_id   = "s3"
    ${access}
  }`;

/** Origins a `dynamic` block makes, one per element of `forEach`: an S3 host. */
const dynamicOrigins = (forEach: string) => `dynamic "origin" {
    for_each = ${forEach}
    content {
      domain_name              = origin.value
      origin_id                = "s3"
      origin_access_control_id = "E2QWRUHEXAMPLE"
    }
  }`;

/** Collections with no value, for `dynamic` blocks: hosts of origins, path patterns. */
const UNKNOWN_COLLECTIONS = `variable "origins" {}
variable "paths" {}
`;

function bucket(report: ScanReport, name: string): S3Bucket | undefined {
  return report.facts.buckets.find((b): b is S3Bucket => b.service === 's3' && b.name === name);
}

describe('a CloudFront distribution is an endpoint of its S3 origin', () => {
  it('joins by the reference in the origin, not by the bucket it logs to', async () => {
    const report = await scanFiles({ 'main.tf': BUCKETS + distribution() });
    const served = bucket(report, 'acme-releases');
    expect(served?.distributions).toMatchObject([
      {
        address: 'aws_cloudfront_distribution.d',
        originAccess: 'oac',
        hosts: ['downloads.acme.example'],
        behaviours: [{ name: 'its default cache behaviour', signed: false }],
      },
    ]);
    expect(served?.endpoints).toContainEqual(
      expect.objectContaining({ host: 'downloads.acme.example', form: 'custom-domain' }),
    );
    expect(bucket(report, 'acme-logs')?.distributions).toEqual([]);
  });

  it.each<[string, Record<string, string>, string[]]>([
    [
      'a release bucket: public through it, and a link to its alias is one to the bucket',
      { 'main.tf': BUCKETS + distribution(), ...notes('https://downloads.acme.example/cli.tgz') },
      ['link-release-bucket@.github/workflows/release.yml:9', 's3-public-cloudfront@main.tf:18'],
    ],
    // A wildcard alias serves every host one label under it: a link to one was no link.
    [
      'a link to a host on a wildcard alias, through an origin_path, is one to the bucket',
      {
        'main.tf': (BUCKETS + distribution())
          .replace('"downloads.acme.example"', '"*.acme.example"')
          .replace(
            'origin_id                = "s3"',
            'origin_id                = "s3"\n    origin_path              = "/public"',
          ),
        ...notes('https://downloads.acme.example/cli.tgz'),
      },
      ['link-release-bucket@.github/workflows/release.yml:9', 's3-public-cloudfront@main.tf:19'],
    ],
    // An origin access control that does not sign requests to S3 was read as one that does.
    [
      'an origin access control for S3 that signs: public through it',
      { 'main.tf': BUCKETS + distribution() + OAC('s3') },
      ['s3-public-cloudfront@main.tf:18'],
    ],
    [
      'an origin access control for MediaStore on the S3 origin: read anonymously',
      { 'main.tf': BUCKETS + distribution() + OAC('mediastore') },
      [],
    ],
    [
      'an origin access control that never signs: read anonymously',
      { 'main.tf': BUCKETS + distribution() + OAC('s3', 'never') },
      [],
    ],
    [
      'an origin access control for MediaStore or, by a variable with no value, another one',
      {
        'main.tf':
          'variable "oac" {}\n' +
          BUCKETS +
          distribution().replace(
            'aws_cloudfront_origin_access_control.oac.id',
            'coalesce(var.oac, aws_cloudfront_origin_access_control.oac.id)',
          ) +
          OAC('mediastore'),
      },
      ['s3-public-cloudfront@main.tf:19'],
    ],
    [
      'signed URLs required: private, and the link is still one to a release bucket',
      {
        'main.tf':
          BUCKETS +
          distribution({ behaviour: 'trusted_key_groups = [aws_cloudfront_key_group.k.id]' }),
        ...notes('https://downloads.acme.example/cli.tgz'),
      },
      ['link-release-bucket@.github/workflows/release.yml:9'],
    ],
    [
      'a bucket not release-use: a link to the alias is one to a public bucket',
      {
        'main.tf':
          BUCKETS +
          distribution({
            origins: `origin {
    domain_name              = aws_s3_bucket.assets.bucket_regional_domain_name
    origin_id                = "s3"
    origin_access_control_id = "E2QWRUHEXAMPLE"
  }`,
          }),
        ...notes('https://downloads.acme.example/fonts.tar'),
      },
      ['link-public-bucket@.github/workflows/release.yml:9'],
    ],
    [
      'an origin by its known S3 host, as a plan or state has it, read through an OAI',
      {
        'main.tf':
          BUCKETS +
          distribution({
            origins: `origin {
    domain_name = "acme-releases.s3.us-east-1.amazonaws.com"
    origin_id   = "s3"
    s3_origin_config {
      origin_access_identity = "origin-access-identity/cloudfront/E1EXAMPLE"
    }
  }`,
          }),
      },
      ['s3-public-cloudfront@main.tf:20'],
    ],
    [
      'a behaviour serving an origin group the bucket is in',
      {
        'main.tf':
          BUCKETS +
          distribution({
            target: 'group',
            origins: `origin {
    domain_name              = aws_s3_bucket.r.bucket_regional_domain_name
    origin_id                = "s3"
    origin_access_control_id = "E2QWRUHEXAMPLE"
  }
  origin {
    domain_name = "api.acme.example"
    origin_id   = "api"
  }
  origin_group {
    origin_id = "group"
    member {
      origin_id = "s3"
    }
    member {
      origin_id = "api"
    }
  }`,
          }),
      },
      ['s3-public-cloudfront@main.tf:31'],
    ],
    [
      'a behaviour serving another origin only',
      {
        'main.tf':
          BUCKETS +
          distribution({
            target: 'api',
            origins: `origin {
    domain_name              = aws_s3_bucket.r.bucket_regional_domain_name
    origin_id                = "s3"
    origin_access_control_id = "E2QWRUHEXAMPLE"
  }
  origin {
    domain_name = "api.acme.example"
    origin_id   = "api"
  }`,
          }),
      },
      [],
    ],
    [
      // A distribution that exists has its name in a state or plan.
      'its cloudfront.net name, where known, is an endpoint too',
      {
        'main.tf':
          BUCKETS + distribution({ extra: 'domain_name = "d111111abcdef8.cloudfront.net"' }),
        ...notes('https://d111111abcdef8.cloudfront.net/cli.tgz'),
      },
      ['link-release-bucket@.github/workflows/release.yml:9', 's3-public-cloudfront@main.tf:18'],
    ],
    [
      'an origin at a registry module bucket, by its output: the module bucket is served',
      {
        'main.tf': `module "releases" {
  source = "terraform-aws-modules/s3-bucket/aws"
  bucket = "acme-releases"
}
${distribution({ origins: origin('module.releases.s3_bucket_bucket_regional_domain_name') })}`,
        ...notes('https://downloads.acme.example/cli.tgz'),
      },
      ['link-release-bucket@.github/workflows/release.yml:9', 's3-public-cloudfront@main.tf:13'],
    ],
    [
      'an origin by the S3 host of a bucket no scanned Terraform declares: a stand-in for it',
      {
        'main.tf': distribution({
          origins: origin('"acme-downloads.s3.us-east-1.amazonaws.com"'),
        }),
      },
      ['s3-public-cloudfront@main.tf:9'],
    ],
    [
      'an origin not known before apply may be any bucket of its module',
      { 'main.tf': BUCKETS + UNKNOWN_ORIGIN + distribution({ origins: origin('var.origin') }) },
      ['bucket-not-provably-private@main.tf:15'],
    ],
    [
      // Its host came from outside the module: it was judged against the module's buckets alone.
      'an origin not known before apply in a module that declares no bucket: any of its root module',
      {
        'main.tf': `${BUCKETS}${UNKNOWN_ORIGIN}module "cdn" {
  source = "./cdn"
  origin = var.origin
}
`,
        'cdn/main.tf':
          UNKNOWN_ORIGIN +
          distribution({ origins: origin('var.origin') }).replace(
            / {2}logging_config \{[^}]*\}\n/,
            '',
          ),
      },
      ['bucket-not-provably-private@cdn/main.tf:6'],
    ],
    [
      // Its host came from the caller: it was judged against the module's own buckets alone.
      'an origin not known before apply that its caller passes, in a module that declares a bucket: any of its root module',
      {
        'main.tf': `${BUCKETS}${UNKNOWN_ORIGIN}module "cdn" {
  source = "./cdn"
  origin = var.origin
}
`,
        'cdn/main.tf': `${UNKNOWN_ORIGIN}resource "aws_s3_bucket" "logs" {
  bucket = "acme-cdn-logs"
}
${distribution({ origins: origin('var.origin') })}`,
      },
      ['bucket-not-provably-private@cdn/main.tf:9'],
    ],
    [
      // Its host is set at apply: it was judged against the root's own bucket, its logs, alone.
      'an origin not known before apply in a root module that declares a bucket: any of its root module',
      {
        'main.tf': `resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}
${UNKNOWN_ORIGIN}module "rel" {
  source = "./rel"
}
${distribution({ origins: origin('var.origin') })}`,
        'rel/main.tf': BUCKETS.replace(/resource "aws_s3_bucket" "logs" \{[^}]*\}\n/, ''),
      },
      ['bucket-not-provably-private@main.tf:12'],
    ],
    [
      // Where a dynamic block's iterator is set was not traced: judged against the module's bucket.
      'an origin not known before apply that its caller passes through a dynamic block: any of its root module',
      {
        'main.tf': `${BUCKETS}data "aws_s3_bucket" "r" {
  bucket = aws_s3_bucket.r.id
}
module "cdn" {
  source  = "./cdn"
  origins = [{ domain = data.aws_s3_bucket.r.bucket_regional_domain_name }]
}
`,
        'cdn/main.tf': `variable "origins" {}
resource "aws_s3_bucket" "logs" {
  bucket = "acme-cdn-logs"
}
${distribution({
  origins: `dynamic "origin" {
    for_each = var.origins
    content {
      domain_name              = origin.value.domain
      origin_id                = "s3"
      origin_access_control_id = "E2QWRUHEXAMPLE"
    }
  }`,
})}`,
      },
      ['bucket-not-provably-private@cdn/main.tf:11'],
    ],
    [
      'an origin not known before apply that requires signed URLs: none',
      {
        'main.tf':
          BUCKETS +
          UNKNOWN_ORIGIN +
          distribution({
            origins: origin('var.origin'),
            behaviour: 'trusted_key_groups = [aws_cloudfront_key_group.k.id]',
          }),
      },
      [],
    ],
    [
      'an origin not known before apply read anonymously: none',
      {
        'main.tf': BUCKETS + UNKNOWN_ORIGIN + distribution({ origins: origin('var.origin', '') }),
      },
      [],
    ],
    // A dynamic block over a collection not known before apply made no block: no origin at all.
    [
      'origins of a dynamic block over a set known only at apply, of the bucket: public through it',
      {
        'main.tf':
          BUCKETS +
          distribution({
            origins: dynamicOrigins('toset([aws_s3_bucket.r.bucket_regional_domain_name])'),
          }),
      },
      ['s3-public-cloudfront@main.tf:21'],
    ],
    [
      'origins of a dynamic block over a variable with no value: any bucket of its module',
      {
        'main.tf':
          BUCKETS + UNKNOWN_COLLECTIONS + distribution({ origins: dynamicOrigins('var.origins') }),
      },
      // At the dynamic block, not at the distribution (line 12) as when the blocks had no place.
      ['bucket-not-provably-private@main.tf:15'],
    ],
    [
      'a written origin of another host beside origins not known: not the only origin',
      {
        'main.tf':
          BUCKETS +
          UNKNOWN_COLLECTIONS +
          distribution({
            target: 'api',
            origins: `origin {
    domain_name = "api.acme.example"
    origin_id   = "api"
  }
  ${dynamicOrigins('var.origins')}`,
          }),
      },
      ['bucket-not-provably-private@main.tf:19'],
    ],
    [
      'cache behaviours not known beside a signed default one: they may serve it unsigned',
      {
        'main.tf':
          BUCKETS +
          UNKNOWN_COLLECTIONS +
          distribution({
            behaviour: 'trusted_key_groups = [aws_cloudfront_key_group.k.id]',
            extra: `dynamic "ordered_cache_behavior" {
    for_each = var.paths
    content {
      path_pattern           = ordered_cache_behavior.value
      target_origin_id       = "s3"
      viewer_protocol_policy = "redirect-to-https"
      allowed_methods        = ["GET", "HEAD"]
      cached_methods         = ["GET", "HEAD"]
    }
  }`,
          }),
      },
      ['s3-public-cloudfront@main.tf:30'],
    ],
    [
      'an origin read from a resource that is no bucket: none',
      {
        'main.tf':
          BUCKETS + UNKNOWN_ORIGIN + distribution({ origins: origin('aws_lb.api.dns_name') }),
      },
      [],
    ],
  ])('%s', async (_name, files, expected) => {
    // The buckets have no public access block, which is not what these cases are about.
    const found = summarize(await scanFiles(files)).filter(
      (f) => !f.startsWith('s3-public-access'),
    );
    expect(found).toEqual(expected);
  });
});

describe('the origin access control of a distribution in a plan, by the id it has', () => {
  const resource = (address: string, values: Record<string, unknown>) => {
    const [kind, name] = address.split('.');
    const provider_name = 'registry.terraform.io/hashicorp/aws';
    return { address, mode: 'managed', type: kind, name, provider_name, values };
  };
  const plan = (type: string, ...others: ReturnType<typeof resource>[]) => {
    const resources = [
      resource('aws_s3_bucket.r', { bucket: 'acme-releases' }),
      resource('aws_cloudfront_origin_access_control.oac', {
        id: 'E2QWRUHEXAMPLE',
        origin_access_control_origin_type: type,
        signing_behavior: 'always',
      }),
      resource('aws_cloudfront_distribution.d', {
        enabled: true,
        aliases: ['downloads.acme.example'],
        origin: [
          {
            domain_name: 'acme-releases.s3.us-east-1.amazonaws.com',
            origin_id: 's3',
            origin_access_control_id: 'E2QWRUHEXAMPLE',
            s3_origin_config: [],
          },
        ],
        default_cache_behavior: [
          { target_origin_id: 's3', trusted_key_groups: [], trusted_signers: [] },
        ],
      }),
      ...others,
    ];
    return JSON.stringify({
      format_version: '1.2',
      terraform_version: '1.11.4',
      planned_values: { root_module: { resources } },
    });
  };

  it.each([
    ['s3', ['s3-public-cloudfront']],
    ['mediastore', []],
  ])('an origin access control for %s', async (type, expected) => {
    const report = await scanFiles(
      { 'plan.json': plan(type) },
      { plans: ['plan.json'], terraform: false },
    );
    const found = summarize(report).map((f) => f.split('@')[0]);
    expect(found.filter((f) => f?.startsWith('s3-public-cloudfront'))).toEqual(expected);
  });

  // The policy a plan holds is the one judged, as the configuration's would be.
  it.each([
    [
      'only denies insecure transport',
      { Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      's3-public-cloudfront(low)',
    ],
    [
      'lets CloudFront in',
      {
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Condition: {
          StringEquals: {
            'aws:SourceArn': 'arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE',
          },
        },
      },
      's3-public-cloudfront',
    ],
  ])('a bucket policy in the plan that %s', async (_name, statement, expected) => {
    const policy = resource('aws_s3_bucket_policy.r', {
      bucket: 'acme-releases',
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Principal: '*',
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::acme-releases/*',
            ...statement,
          },
        ],
      }),
    });
    const report = await scanFiles(
      { 'plan.json': plan('s3', policy) },
      { plans: ['plan.json'], terraform: false },
    );
    const found = summarize(report).map((f) => f.split('@')[0]);
    expect(found.filter((f) => f?.startsWith('s3-public-cloudfront'))).toEqual([expected]);
  });

  // What a dynamic block over a collection known only at apply makes, a plan marks unknown.
  it.each([
    ['origin', 'bucket-not-provably-private'],
    ['default_cache_behavior', 's3-public-cloudfront'],
  ])('its %s blocks not known before apply', async (type, expected) => {
    const doc = JSON.parse(plan('s3'));
    const {
      address,
      type: kind,
      name,
      provider_name,
      values,
    } = doc.planned_values.root_module.resources[2];
    delete values[type];
    const after_unknown = { [type]: true };
    const change = { actions: ['create'], before: null, after: values, after_unknown };
    doc.resource_changes = [{ address, mode: 'managed', type: kind, name, provider_name, change }];
    const report = await scanFiles(
      { 'plan.json': JSON.stringify(doc) },
      { plans: ['plan.json'], terraform: false },
    );
    const found = summarize(report).map((f) => f.split('@')[0]);
    expect(found.filter((f) => !f?.startsWith('s3-public-access'))).toEqual([expected]);
  });
});

/** The bucket `acme-releases`'s policy, whose statements are `statements` (HCL objects). */
const bucketPolicy = (...statements: string[]) => `resource "aws_s3_bucket_policy" "r" {
  bucket = aws_s3_bucket.r.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [${statements.join(', ')}]
  })
}
`;

const DENY_INSECURE = `{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["\${aws_s3_bucket.r.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }`;

/** Lets the distribution whose ARN is `arn` read the bucket through origin access control. */
const letsCloudFront = (arn: string) => `{
      Effect    = "Allow"
      Principal = { Service = "cloudfront.amazonaws.com" }
      Action    = "s3:GetObject"
      Resource  = "\${aws_s3_bucket.r.arn}/*"
      Condition = { StringEquals = { "AWS:SourceArn" = ${arn} } }
    }`;

/** Lets the IAM users `arns` (HCL) read the bucket: a legacy origin access identity's, or a role's. */
const letsUsers = (arns: string) => `{
      Effect    = "Allow"
      Principal = { AWS = ${arns} }
      Action    = "s3:GetObject"
      Resource  = "\${aws_s3_bucket.r.arn}/*"
    }`;

const OAI_ORIGIN = `origin {
    domain_name = aws_s3_bucket.r.bucket_regional_domain_name
    origin_id   = "s3"
    s3_origin_config {
      origin_access_identity = aws_cloudfront_origin_access_identity.r.cloudfront_access_identity_path
    }
  }`;

const UNREAD_MODULE = `module "cdn" {
  source  = "terraform-aws-modules/cloudfront/aws"
  version = "3.4.0"
}
`;

describe('a distribution the bucket policy lets read nothing', () => {
  // CloudFront got 403 for every object, and the distribution was rated as though it served them.
  it.each<[string, string, string[]]>([
    [
      'origin access control, a policy that only denies insecure transport: low',
      bucketPolicy(DENY_INSECURE),
      ['s3-public-cloudfront(low)@main.tf:18'],
    ],
    [
      'a policy that lets the distribution in: high',
      bucketPolicy(DENY_INSECURE, letsCloudFront('aws_cloudfront_distribution.d.arn')),
      ['s3-public-cloudfront@main.tf:18'],
    ],
    [
      'no policy, which may be set outside Terraform: high',
      '',
      ['s3-public-cloudfront@main.tf:18'],
    ],
    [
      'a second aws_s3_bucket_policy: high',
      bucketPolicy(DENY_INSECURE).replace(
        'aws_s3_bucket_policy" "r"',
        'aws_s3_bucket_policy" "r2"',
      ) + bucketPolicy(DENY_INSECURE),
      ['s3-public-cloudfront@main.tf:18'],
    ],
    [
      'a module call not read, which may declare another policy: high',
      bucketPolicy(DENY_INSECURE) + UNREAD_MODULE,
      ['module-unresolved(low)@main.tf:50', 's3-public-cloudfront@main.tf:18'],
    ],
    [
      'a policy document not known before apply: high',
      'variable "policy" {}\nresource "aws_s3_bucket_policy" "r" {\n  bucket = aws_s3_bucket.r.id\n  policy = var.policy\n}\n',
      ['s3-public-cloudfront@main.tf:18', 's3-public-policy@main.tf:39'],
    ],
  ])('%s', async (_name, policy, expected) => {
    const report = await scanFiles({ 'main.tf': BUCKETS + distribution() + OAC('s3') + policy });
    expect(summarize(report).filter((f) => !f.startsWith('s3-public-access'))).toEqual(expected);
  });

  it.each<[string, string, string[]]>([
    [
      'a legacy origin access identity, a policy that lets in no identity: low',
      bucketPolicy(DENY_INSECURE),
      ['s3-public-cloudfront(low)@main.tf:20'],
    ],
    [
      'a legacy origin access identity let in by its iam_arn: high',
      bucketPolicy(`{
      Effect    = "Allow"
      Principal = { AWS = aws_cloudfront_origin_access_identity.r.iam_arn }
      Action    = "s3:GetObject"
      Resource  = "\${aws_s3_bucket.r.arn}/*"
    }`),
      ['s3-public-cloudfront@main.tf:20'],
    ],
  ])('%s', async (_name, policy, expected) => {
    const report = await scanFiles({
      'main.tf': BUCKETS + distribution({ origins: OAI_ORIGIN }) + policy,
    });
    expect(summarize(report).filter((f) => !f.startsWith('s3-public-access'))).toEqual(expected);
  });
});

describe('a distribution the bucket policy lets in, declared by a module not read', () => {
  const policy = (arn: string, extra = '') =>
    `${BUCKETS}${extra}${bucketPolicy(letsCloudFront(arn))}`;

  // The policy named the distribution, which was never seen: only module-unresolved (low).
  it.each<[string, Record<string, string>, string[]]>([
    [
      'an ARN from a registry module not installed: not provably private, naming the call',
      { 'main.tf': policy('module.cdn.cloudfront_distribution_arn', UNREAD_MODULE) },
      ['bucket-not-provably-private@main.tf:16', 'module-unresolved(low)@main.tf:11'],
    ],
    [
      // A variable with no value may be any ARN: that is s3-cloudfront-unscoped's to say.
      'an ARN from a variable: a distribution of another configuration',
      { 'main.tf': policy('var.distribution_arn', 'variable "distribution_arn" {}\n') },
      ['s3-cloudfront-unscoped@main.tf:13'],
    ],
    [
      'an ARN from a data source: a distribution of another configuration',
      {
        'main.tf': policy(
          'data.aws_cloudfront_distribution.d.arn',
          'data "aws_cloudfront_distribution" "d" {\n  id = "EDFDVBD6EXAMPLE"\n}\n',
        ),
      },
      [],
    ],
    [
      'an ARN from a module that is read: its distribution is judged',
      {
        'main.tf': policy(
          'module.cdn.arn',
          `module "cdn" {\n  source = "./cdn"\n  origin = aws_s3_bucket.r.bucket_regional_domain_name\n}\n`,
        ),
        'cdn/main.tf': `variable "origin" {}\n${distribution({ origins: origin('var.origin') }).replace(/ {2}logging_config \{[^}]*\}\n/, '')}output "arn" {\n  value = aws_cloudfront_distribution.d.arn\n}\n`,
      },
      ['s3-public-cloudfront@cdn/main.tf:10'],
    ],
    [
      'the origin access identities of a registry module not installed: not provably private',
      {
        'main.tf': `${BUCKETS}${UNREAD_MODULE}${bucketPolicy(letsUsers('module.cdn.cloudfront_origin_access_identity_iam_arns'))}`,
      },
      ['bucket-not-provably-private@main.tf:16', 'module-unresolved(low)@main.tf:11'],
    ],
    [
      // Another output of a module not read may be any role: the bucket's policy lets it in alone.
      'another output of a registry module not installed: only the module not read',
      {
        'main.tf': `${BUCKETS}${UNREAD_MODULE}${bucketPolicy(letsUsers('[module.cdn.role_arn]'))}`,
      },
      ['module-unresolved(low)@main.tf:11'],
    ],
    [
      'a bucket in a module whose own call of the registry module is not installed',
      {
        'main.tf': 'module "rel" {\n  source = "./rel"\n}\n',
        'rel/main.tf': policy('module.cdn.cloudfront_distribution_arn', UNREAD_MODULE),
      },
      ['bucket-not-provably-private@rel/main.tf:16', 'module-unresolved(low)@rel/main.tf:11'],
    ],
  ])('%s', async (_name, files, expected) => {
    const report = await scanFiles(files);
    expect(summarize(report).filter((f) => !f.startsWith('s3-public-access'))).toEqual(expected);
    const unresolved = report.result.findings.find(
      (f) => f.ruleId === 'bucket-not-provably-private',
    );
    if (unresolved)
      expect(unresolved.message).toMatch(
        /lets in the CloudFront (distribution module\.(rel\.module\.)?cdn\.cloudfront_distribution_arn|origin access identity module\.cdn\.cloudfront_origin_access_identity_iam_arns) names, an output of module\.(rel\.module\.)?cdn \(source "terraform-aws-modules\/cloudfront\/aws"\), a module the scan did not read/,
      );
  });
});
