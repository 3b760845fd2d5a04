import { describe, expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

/**
 * An account-wide public access block governs the buckets of the account it is applied in: the
 * one its provider acts in. A public ACL on a release bucket is low when such a block ignores
 * public ACLs, and critical when the only block is another account's, or cannot be shown to be
 * this bucket's account's.
 */
const BLOCK = (provider = '') =>
  [
    'resource "aws_s3_account_public_access_block" "this" {',
    provider,
    '  block_public_acls       = true',
    '  block_public_policy     = true',
    '  ignore_public_acls      = true',
    '  restrict_public_buckets = true',
    '}',
    '',
  ].join('\n');

const PUBLIC_BUCKET = (provider = '') =>
  [
    'resource "aws_s3_bucket" "releases" {',
    '  bucket = "acme-releases"',
    provider,
    '}',
    'resource "aws_s3_bucket_acl" "releases" {',
    '  bucket = aws_s3_bucket.releases.id',
    '  acl    = "public-read-write"',
    provider,
    '}',
    '',
  ].join('\n');

/** The same bucket made by a registry module that is not installed, its own block turned off. */
const MODULE_BUCKET = (providers = '') =>
  [
    'module "releases" {',
    '  source             = "terraform-aws-modules/s3-bucket/aws"',
    '  version            = "~> 4.0"',
    '  bucket             = "acme-releases"',
    '  block_public_acls  = false',
    '  ignore_public_acls = false',
    providers,
    '}',
    'resource "aws_s3_bucket_acl" "releases" {',
    '  bucket = module.releases.s3_bucket_id',
    '  acl    = "public-read-write"',
    '}',
    '',
  ].join('\n');

/** The same block made by the s3-bucket module's account-public-access submodule, not installed. */
const BLOCK_MODULE = (...inputs: string[]) =>
  [
    'module "account_public_access" {',
    '  source  = "terraform-aws-modules/s3-bucket/aws//modules/account-public-access"',
    '  version = "~> 4.3"',
    ...inputs,
    '}',
    '',
  ].join('\n');
const ALL_ON = [
  '  block_public_acls       = true',
  '  block_public_policy     = true',
  '  ignore_public_acls      = true',
  '  restrict_public_buckets = true',
];

const PROVIDERS = [
  'provider "aws" {',
  '  region = "eu-west-1"',
  '}',
  'provider "aws" {',
  '  alias  = "us"',
  '  region = "us-east-1"',
  '}',
  'provider "aws" {',
  '  alias  = "member"',
  '  region = "eu-west-1"',
  '  assume_role {',
  '    role_arn = "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole"',
  '  }',
  '}',
  '',
].join('\n');

const PINNED = (account: string) =>
  `provider "aws" {\n  region              = "eu-west-1"\n  allowed_account_ids = ["${account}"]\n}\n`;

/** The severity of the public ACL finding. */
async function aclSeverity(files: Record<string, string>, path?: string): Promise<string[]> {
  const report = await scanFiles(files, path === undefined ? {} : { paths: [path] });
  expect(summarize(report).length).toBeGreaterThan(0);
  return report.result.findings.filter((f) => f.ruleId === 's3-public-acl').map((f) => f.severity);
}

describe('the account-wide public access block', () => {
  it.each([
    ['the same provider', BLOCK(), PUBLIC_BUCKET(), 'low'],
    ['an alias that only changes the region', BLOCK('  provider = aws.us'), PUBLIC_BUCKET(), 'low'],
    [
      'an alias that assumes a role in another account',
      BLOCK('  provider = aws.member\n  account_id = "222222222222"'),
      PUBLIC_BUCKET(),
      'critical',
    ],
    [
      'the bucket in that other account, the block in this one',
      BLOCK(),
      PUBLIC_BUCKET('  provider = aws.member'),
      'critical',
    ],
    ["the same provider, to a registry module's bucket", BLOCK(), MODULE_BUCKET(), 'low'],
    [
      "an alias that assumes a role in another account, to a registry module's bucket",
      BLOCK('  provider = aws.member\n  account_id = "222222222222"'),
      MODULE_BUCKET(),
      'critical',
    ],
    [
      "the registry module's bucket in that other account (its call passes the alias), the block in this one",
      BLOCK(),
      MODULE_BUCKET('  providers = { aws = aws.member }'),
      'critical',
    ],
    [
      "an alias that only changes the region, passed to the registry module's call",
      BLOCK(),
      MODULE_BUCKET('  providers = { aws = aws.us }'),
      'low',
    ],
    ['the account-public-access submodule', BLOCK_MODULE(...ALL_ON), PUBLIC_BUCKET(), 'low'],
    [
      "the account-public-access submodule, to a registry module's bucket",
      BLOCK_MODULE(...ALL_ON),
      MODULE_BUCKET(),
      'low',
    ],
    [
      'the account-public-access submodule, its call passing an alias in another account',
      BLOCK_MODULE(...ALL_ON, '  providers = { aws = aws.member }'),
      PUBLIC_BUCKET(),
      'critical',
    ],
    // Its flags default to false, as the resource's do.
    [
      'the account-public-access submodule left to its defaults',
      BLOCK_MODULE(),
      PUBLIC_BUCKET(),
      'critical',
    ],
    [
      'the account-public-access submodule with create = false',
      BLOCK_MODULE(...ALL_ON, '  create = false'),
      PUBLIC_BUCKET(),
      'critical',
    ],
  ])('through %s: %s', async (_case, block, bucket, severity) => {
    const files = { 'providers.tf': PROVIDERS, 'block.tf': block, 'main.tf': bucket };
    expect(await aclSeverity(files)).toEqual([severity]);
  });

  /**
   * A module two levels down (root → a → b) that makes the block or the bucket uses the provider
   * configuration the chain gives it: its callers' default one, inherited, or the one a call at
   * either level passes.
   */
  describe('made two module levels down', () => {
    const call = (name: string, source: string, providers = '') =>
      `module "${name}" {\n  source = "${source}"\n${providers}\n}\n`;
    /** Module a, which receives `aws.x` from its caller and passes it on when `passes` says so. */
    const middle = (passes: boolean) =>
      [
        'terraform {',
        '  required_providers {',
        '    aws = { source = "hashicorp/aws", configuration_aliases = [aws.x] }',
        '  }',
        '}',
        call('b', '../b', passes ? '  providers = { aws = aws.x }' : ''),
      ].join('\n');
    const nested = (outer: string, passes: boolean, deep: string, top: string) => ({
      'providers.tf': PROVIDERS,
      'main.tf': call('a', './modules/a', outer) + top,
      'modules/a/main.tf': middle(passes),
      'modules/b/main.tf': deep,
    });
    const ALIAS_ONLY = '  providers = { aws.x = aws.member }';
    const ALIAS_AND_DEFAULT = '  providers = { aws = aws.member, aws.x = aws.member }';
    it.each([
      [
        'the submodule, inheriting the default provider',
        nested(ALIAS_ONLY, false, BLOCK_MODULE(...ALL_ON), PUBLIC_BUCKET()),
        'low',
      ],
      [
        'the submodule, the outer call passing an alias in another account',
        nested(ALIAS_AND_DEFAULT, false, BLOCK_MODULE(...ALL_ON), PUBLIC_BUCKET()),
        'critical',
      ],
      [
        'the submodule, the inner call passing an alias in another account',
        nested(ALIAS_ONLY, true, BLOCK_MODULE(...ALL_ON), PUBLIC_BUCKET()),
        'critical',
      ],
      [
        "a registry module's bucket, inheriting the default provider",
        nested(ALIAS_ONLY, false, MODULE_BUCKET(), BLOCK()),
        'low',
      ],
      [
        "a registry module's bucket, the outer call passing an alias in another account",
        nested(ALIAS_AND_DEFAULT, false, MODULE_BUCKET(), BLOCK()),
        'critical',
      ],
      [
        "a registry module's bucket, the inner call passing an alias in another account",
        nested(ALIAS_ONLY, true, MODULE_BUCKET(), BLOCK()),
        'critical',
      ],
      [
        'a bucket resource, the inner call passing an alias in another account',
        nested(ALIAS_ONLY, true, PUBLIC_BUCKET(), BLOCK()),
        'critical',
      ],
    ])('%s', async (_case, files, severity) => {
      expect(await aclSeverity(files)).toEqual([severity]);
    });

    it('when the default provider names the account', async () => {
      const files = nested(ALIAS_ONLY, false, BLOCK_MODULE(...ALL_ON), PUBLIC_BUCKET());
      expect(await aclSeverity({ ...files, 'providers.tf': PINNED('111111111111') })).toEqual([
        'low',
      ]);
    });
  });

  it('of another root module governs only when both roots name the same account', async () => {
    const roots = (bootstrap: string, releases: string) => ({
      'bootstrap/main.tf': bootstrap + BLOCK(),
      'releases/main.tf': releases + PUBLIC_BUCKET(),
    });
    // Applied separately, with whatever credentials each run has: nothing says it is one account.
    expect(await aclSeverity(roots('', ''))).toEqual(['critical']);
    expect(await aclSeverity(roots(PINNED('111111111111'), PINNED('333333333333')))).toEqual([
      'critical',
    ]);
    expect(await aclSeverity(roots(PINNED('111111111111'), PINNED('111111111111')))).toEqual([
      'low',
    ]);
  });

  it('gives the same verdict whether the scan starts at the roots or at the bucket’s root', async () => {
    const files = {
      'bootstrap/main.tf': BLOCK(),
      'releases/main.tf': PUBLIC_BUCKET(),
    };
    expect(await aclSeverity(files)).toEqual(await aclSeverity(files, 'releases'));
  });
});
