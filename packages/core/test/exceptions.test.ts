import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTerraform } from '@posture/hcl';
import type { Finding } from '@posture/model';
import { DirectiveCollector } from '../src/policy/directives.js';
import { applyExceptions, checkExceptions } from '../src/policy/exceptions.js';
import type { Policy, PolicyException } from '../src/policy/policy.js';
import { scanFiles } from './support/scan-files.js';
import { tempDir } from '../../../test/support/temp-dirs.js';

const BUCKET = (comment: string) => `${comment}
resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
}
`;

/** Buckets and what opens them, each block after an `@place` line that a comment may replace. */
const OPENED = `@bucket
resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
}
@other-bucket
resource "aws_s3_bucket" "other" {
  bucket = "acme-other"
}
@block
resource "aws_s3_bucket_public_access_block" "b" {
  bucket = aws_s3_bucket.b.id
}
@document
data "aws_iam_policy_document" "public" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["\${aws_s3_bucket.b.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}
@policy
resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = data.aws_iam_policy_document.public.json
}
@acl
resource "aws_s3_bucket_acl" "b" {
  bucket = aws_s3_bucket.b.id
  acl    = "public-read"
}
@website
resource "aws_s3_bucket_website_configuration" "b" {
  bucket = aws_s3_bucket.b.id
  index_document {
    suffix = "index.html"
  }
}
resource "google_storage_bucket" "g" {
  name     = "acme-releases-gcs"
  location = "EU"
}
@gcs-document
data "google_iam_policy" "public" {
  binding {
    role    = "roles/storage.objectViewer"
    members = ["allUsers"]
  }
}
@gcs-policy
resource "google_storage_bucket_iam_policy" "g" {
  bucket      = google_storage_bucket.g.name
  policy_data = data.google_iam_policy.public.policy_data
}
resource "cloudflare_r2_bucket" "r" {
  account_id = "023e105f4ecef8ad9ca31a8372d0c353"
  name       = "acme-releases-r2"
}
@r2-domain
resource "cloudflare_r2_managed_domain" "r" {
  account_id  = "023e105f4ecef8ad9ca31a8372d0c353"
  bucket_name = cloudflare_r2_bucket.r.name
  enabled     = true
}
`;

const PLACES = /^@[\w-]+\n/gm;

/** OPENED with an exception for `rule` above the block at `place`. */
function commentAbove(place: string, rule: string): string {
  const comment = `# posture:ignore ${rule} reason="by design"\n`;
  return OPENED.replace(`@${place}\n`, comment).replace(PLACES, '');
}

async function outcome(files: Record<string, string>, today = '2026-11-22') {
  const report = await scanFiles(files, { today });
  return report.result.findings
    .map((f) => `${f.ruleId}${f.suppression ? `~${f.suppression.kind}` : ''}`)
    .sort();
}

describe('inline exceptions', () => {
  it('suppress the block they precede when they give a reason', async () => {
    expect(
      await outcome({
        'main.tf': BUCKET(
          '# posture:ignore s3-public-access-block reason="account-level block in another repo"',
        ),
      }),
    ).toEqual(['s3-public-access-block~inline']);
  });

  it('are not honoured without a reason, and are reported', async () => {
    expect(await outcome({ 'main.tf': BUCKET('# posture:ignore s3-public-access-block') })).toEqual(
      ['exception-invalid', 's3-public-access-block'],
    );
  });

  it('apply until their expiry date, then are reported and stop suppressing', async () => {
    const files = {
      'main.tf': BUCKET('# posture:ignore s3-public-access-block reason="x" expires=2026-12-31'),
    };
    expect(await outcome(files, '2026-12-31')).toEqual(['s3-public-access-block~inline']);
    expect(await outcome(files, '2027-01-01')).toEqual([
      'exception-expired',
      's3-public-access-block',
    ]);
  });

  it.each([
    ['a reason of only blanks', 'reason="   "'],
    ['an expiry in no calendar', 'reason="x" expires=2099-99-99'],
    ['an expiry on a day the month does not have', 'reason="x" expires=2027-02-30'],
    ['a malformed expiry', 'reason="x" expires=30/01/2030'],
  ])('are not honoured with %s, and are reported', async (_what, fields) => {
    const files = { 'main.tf': BUCKET(`# posture:ignore s3-public-access-block ${fields}`) };
    expect(await outcome(files)).toEqual(['exception-invalid', 's3-public-access-block']);
  });

  it.each([
    ['a misspelt field', 'reason="x" expiry=2020-01-01', 'unknown field "expiry" (the fields are'],
    [
      'a field in another case',
      'reason="x" Expires=2020-01-01',
      '"Expires" (did you mean expires?)',
    ],
    ['a second rule after a blank', 's3-public-acl reason="x"', '"s3-public-acl" is neither'],
    ['a stray word', 'reason="x" approved by jane', '"approved" is neither the rule list'],
    ['a quote left open', 'reason="legacy mirror', 'the " after reason= is never closed'],
    ['a field given twice', 'reason="x" reason="y"', 'reason is given twice'],
  ])('are not honoured with %s, and say so at their line', async (_what, fields, problem) => {
    const files = { 'main.tf': BUCKET(`# posture:ignore s3-public-access-block ${fields}`) };
    expect(await outcome(files)).toEqual(['exception-invalid', 's3-public-access-block']);
    const report = await scanFiles(files, { today: '2026-11-22' });
    const invalid = report.result.findings.find((f) => f.ruleId === 'exception-invalid');
    expect(invalid?.message).toContain(problem);
    expect(invalid?.location).toMatchObject({ file: 'main.tf', start: { line: 1 } });
  });

  it.each([
    '# POSTURE:IGNORE s3-public-access-block reason="x"',
    '# Posture:Ignore s3-public-access-block reason="x"',
    '# posture: ignore s3-public-access-block reason="x"',
    '// posture :ignore s3-public-access-block reason="x"',
  ])('are reported, not passed over, when the marker is written otherwise: %s', async (comment) => {
    expect(await outcome({ 'main.tf': BUCKET(comment) })).toEqual([
      'exception-invalid',
      's3-public-access-block',
    ]);
  });

  it('reject unknown rule ids', async () => {
    expect(await outcome({ 'main.tf': BUCKET('# posture:ignore s3-nope reason="x"') })).toEqual([
      'exception-invalid',
      's3-public-access-block',
    ]);
  });

  it('never waive input the scan could not read: the comment may be all that was read', async () => {
    const broken = 'resource "aws_s3_bucket" "b" {\n  bucket =\n}\n';
    expect(
      await outcome({
        'main.tf': `# posture:ignore input-unreadable reason="known broken"\n${broken}`,
      }),
    ).toEqual(['exception-invalid', 'input-unreadable']);
  });

  it('cover findings about the resource the block declares, wherever they point', async () => {
    const files = {
      'main.tf': `# posture:ignore s3-public-access-block reason="managed elsewhere"
resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
}
resource "aws_s3_bucket_public_access_block" "b" {
  bucket            = aws_s3_bucket.b.id
  block_public_acls = false
}
`,
    };
    expect(await outcome(files)).toEqual(['s3-public-access-block~inline']);
  });

  const coveredBucket = (each: string, name: string, id: string) => `
# posture:ignore s3-public-access-block reason="managed elsewhere"
resource "aws_s3_bucket" "b" {
  ${each}
  bucket = ${name}
}
resource "aws_s3_bucket_public_access_block" "b" {
  ${each}
  bucket            = ${id}
  block_public_acls = false
}
`;
  const call = (k: string) => `module "${k}" {
  source = "./bucket"
  name   = "acme-releases-${k}"
}
`;
  it.each([
    [
      'each key of its for_each',
      {
        'main.tf': coveredBucket(
          'for_each = toset(["a", "b"])',
          '"acme-releases-${each.key}"',
          'aws_s3_bucket.b[each.key].id',
        ),
      },
    ],
    [
      'each call of its module',
      {
        'main.tf': call('a') + call('b'),
        'bucket/main.tf': `variable "name" {}${coveredBucket('', 'var.name', 'aws_s3_bucket.b.id')}`,
      },
    ],
  ])('cover %s, wherever its findings point', async (_what, files) => {
    expect(await outcome(files)).toEqual([
      's3-public-access-block~inline',
      's3-public-access-block~inline',
    ]);
  });

  it.each([
    ['the bucket', 'bucket', 's3-public-policy'],
    ['the policy document', 'document', 's3-public-policy'],
    ['the bucket policy that attaches it', 'policy', 's3-public-policy'],
    ['the ACL', 'acl', 's3-public-acl'],
    ['the website configuration', 'website', 's3-website'],
    ['the public access block', 'block', 's3-public-access-block'],
    ['the IAM policy document', 'gcs-document', 'gcs-public-iam'],
    ['the IAM policy that sets it', 'gcs-policy', 'gcs-public-iam'],
    ['the managed domain', 'r2-domain', 'r2-public-dev-url'],
  ])('cover a finding from above %s', async (_what, place, rule) => {
    const found = await outcome({ 'main.tf': commentAbove(place, rule) });
    expect(found).toContain(`${rule}~inline`);
    expect(found).not.toContain(rule);
  });

  it.each([
    ['a resource of the bucket that the finding does not name', 'website', 's3-public-policy'],
    ['another bucket', 'other-bucket', 's3-public-policy'],
  ])('do not cover a finding from above %s', async (_what, place, rule) => {
    const found = await outcome({ 'main.tf': commentAbove(place, rule) });
    expect(found).toContain(rule);
    expect(found).not.toContain(`${rule}~inline`);
  });

  /** A public bucket `aws_s3_bucket.r`, the comment above its bucket or ACL block when asked. */
  const publicRoot = (name: string, above?: 'bucket' | 'acl') => {
    const comment = (at: string) =>
      above === at ? '# posture:ignore s3-public-acl reason="a public test mirror"\n' : '';
    return `${comment('bucket')}resource "aws_s3_bucket" "r" {
  bucket = "acme-${name}-releases"
}
${comment('acl')}resource "aws_s3_bucket_acl" "r" {
  bucket = aws_s3_bucket.r.id
  acl    = "public-read"
}
`;
  };
  const rootCall = `module "bucket" {
  source = "../../modules/bucket"
}
`;
  it.each<[string, Record<string, string>, string[]]>([
    [
      'above the bucket of one root: not the bucket of another at the same address',
      {
        'envs/prod/main.tf': publicRoot('prod'),
        'envs/staging/main.tf': publicRoot('staging', 'bucket'),
      },
      ['s3-public-acl@envs/prod/main.tf:6', 's3-public-acl~inline@envs/staging/main.tf:7'],
    ],
    [
      'above the ACL of one root: not the ACL of another at the same address',
      {
        'envs/prod/main.tf': publicRoot('prod'),
        'envs/staging/main.tf': publicRoot('staging', 'acl'),
      },
      ['s3-public-acl@envs/prod/main.tf:6', 's3-public-acl~inline@envs/staging/main.tf:7'],
    ],
    [
      'in a module two roots call: the bucket of each, declared there',
      {
        'envs/prod/main.tf': rootCall,
        'envs/staging/main.tf': rootCall,
        'modules/bucket/main.tf': publicRoot('shared', 'bucket'),
      },
      [
        's3-public-acl~inline@modules/bucket/main.tf:7',
        's3-public-acl~inline@modules/bucket/main.tf:7',
      ],
    ],
  ])('cover only their own root module %s', async (_what, files, expected) => {
    const report = await scanFiles(files, { today: '2026-11-22' });
    const found = report.result.findings
      .filter((f) => f.ruleId === 's3-public-acl')
      .map(({ ruleId, suppression, location: { file, start } }) => {
        return `${ruleId}${suppression ? `~${suppression.kind}` : ''}@${file}:${start.line}`;
      });
    expect(found.sort()).toEqual(expected);
  });

  /** Buckets `names` that attach one public policy document, the comment above the block `above`. */
  const sharedDocument = (names: readonly string[], above: string) => {
    const comment = (at: string) =>
      above === at ? '# posture:ignore s3-public-policy reason="public docs site"\n' : '';
    const bucket = (n: string) => `resource "aws_s3_bucket" "${n}" {
  bucket = "acme-${n}-releases"
}
${comment(`policy ${n}`)}resource "aws_s3_bucket_policy" "${n}" {
  bucket = aws_s3_bucket.${n}.id
  policy = data.aws_iam_policy_document.public.json
}
`;
    return `${names.map(bucket).join('')}${comment('document')}data "aws_iam_policy_document" "public" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}
`;
  };
  const documentCall = (k: string) => `module "${k}" {
  source = "./site"
}
`;
  it.each<[string, Record<string, string>, string[]]>([
    [
      'a document one bucket attaches: its finding',
      { 'main.tf': sharedDocument(['docs'], 'document') },
      ['s3-public-policy~inline'],
    ],
    [
      'a document two buckets attach: neither, and says so',
      { 'main.tf': sharedDocument(['docs', 'releases'], 'document') },
      ['exception-invalid', 's3-public-policy', 's3-public-policy'],
    ],
    [
      'the bucket policy of one of two buckets attaching a document: that one',
      { 'main.tf': sharedDocument(['docs', 'releases'], 'policy docs') },
      ['s3-public-policy', 's3-public-policy~inline'],
    ],
    [
      'a document in a module two calls read: the bucket of each, declared there',
      {
        'main.tf': documentCall('a') + documentCall('b'),
        'site/main.tf': sharedDocument(['docs'], 'document'),
      },
      ['s3-public-policy~inline', 's3-public-policy~inline'],
    ],
  ])('cover from above %s', async (_what, files, expected) => {
    const found = (await outcome(files)).filter((f) => !f.startsWith('s3-public-access-block'));
    expect(found).toEqual(expected);
  });

  it('work as trailing comments on the line they cover', async () => {
    const files = {
      'main.tf': `resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
  acl    = "public-read" # posture:ignore s3-public-acl reason="legacy mirror, removal tracked in OPS-12"
}
`,
    };
    expect(await outcome(files)).toEqual(['s3-public-access-block', 's3-public-acl~inline']);
  });

  it('work in build configurations and tfvars too, read from the text the scan loads', async () => {
    const files = {
      'main.tf': BUCKET(''),
      'terraform.tfvars': '# posture:ignore s3-nothing reason="only to be reported"\n',
      '.github/workflows/site.yml': `on: push
jobs:
  docs:
    runs-on: ubuntu-latest
    steps:
      # posture:ignore link-release-bucket reason="public installer by design, SEC-7"
      - run: curl -fsSL https://acme-releases.s3.amazonaws.com/install.sh | sh
`,
    };
    expect(await outcome(files)).toEqual([
      'exception-invalid',
      'link-release-bucket~inline',
      's3-public-access-block',
    ]);
  });

  const IGNORE_LINK =
    '# posture:ignore link-release-bucket reason="public installer by design, SEC-7"';
  const URL = 'https://acme-releases.s3.amazonaws.com';
  it.each([
    [
      'a workflow step, with the script it runs',
      '.github/workflows/site.yml',
      `on: push
jobs:
  docs:
    runs-on: ubuntu-latest
    steps:
      ${IGNORE_LINK}
      - name: install

        run: |
          # fetch the installer
          curl -fsSL ${URL}/install.sh | sh
      - name: other
        run: curl -fsSL ${URL}/other.sh | sh
`,
      ['link-release-bucket', 'link-release-bucket~inline'],
    ],
    [
      'a workflow job, with its steps',
      '.github/workflows/site.yml',
      `on: push
jobs:
  ${IGNORE_LINK}
  docs:
    runs-on: ubuntu-latest
    steps:
      - run: curl -fsSL ${URL}/install.sh | sh
      - run: curl -fsSL ${URL}/other.sh | sh
`,
      ['link-release-bucket~inline', 'link-release-bucket~inline'],
    ],
    [
      'a Dockerfile command, with its continuation lines',
      'Dockerfile',
      `FROM alpine
${IGNORE_LINK}
RUN apk add curl && \\
    curl -fsSL ${URL}/install.sh | sh
RUN curl -fsSL ${URL}/other.sh | sh
`,
      ['link-release-bucket', 'link-release-bucket~inline'],
    ],
  ])('cover the block that starts on the next line in %s', async (_what, path, text, links) => {
    const found = await outcome({ 'main.tf': BUCKET(''), [path]: text });
    expect(found.filter((f) => f.startsWith('link-'))).toEqual(links);
  });

  const IGNORE = 'posture:ignore link-release-bucket reason=cdn';
  it.each<[string, string, string, string[]]>([
    [
      'none in a JSON string (JSON has no comments)',
      'package.json',
      `{"name": "x", "config": {"download": "${URL}/cli.tgz#${IGNORE}"}}\n`,
      ['link-release-bucket'],
    ],
    [
      'none in a quoted YAML scalar',
      '.github/workflows/site.yml',
      `on: push
jobs:
  docs:
    runs-on: ubuntu-latest
    steps:
      - {run: curl -fsSL ${URL}/install.sh, name: "install #${IGNORE}"}
`,
      ['link-release-bucket'],
    ],
    [
      'none in the script a YAML block scalar holds',
      '.github/workflows/site.yml',
      `on: push
jobs:
  docs:
    runs-on: ubuntu-latest
    steps:
      - run: |
          # ${IGNORE}
          curl -fsSL ${URL}/install.sh
`,
      ['link-release-bucket'],
    ],
    [
      'none in a JavaScript template or string',
      'webpack.config.js',
      `module.exports = { a: \`${URL}/a.js #${IGNORE}\`,\n  b: "${URL}/b.js //${IGNORE}" };\n`,
      ['link-release-bucket', 'link-release-bucket'],
    ],
    [
      'none in a quoted shell word',
      'Dockerfile',
      `FROM alpine\nRUN curl -fsSL ${URL}/install.sh -o "#${IGNORE}"\n`,
      ['link-release-bucket'],
    ],
    [
      'none in a batch command (cmd has no # comments)',
      'release.bat',
      `curl -fsSL ${URL}/install.sh -o #${IGNORE}\r\n`,
      ['link-release-bucket'],
    ],
    [
      'one in a batch comment, above the command it covers',
      'release.bat',
      `rem # ${IGNORE}\r\ncurl -fsSL ${URL}/install.sh\r\n`,
      ['link-release-bucket~inline'],
    ],
    [
      'one in a YAML comment',
      '.github/workflows/site.yml',
      `on: push
jobs:
  docs:
    runs-on: ubuntu-latest
    steps:
      - run: curl -fsSL ${URL}/install.sh # ${IGNORE}
`,
      ['link-release-bucket~inline'],
    ],
    [
      'one in a JavaScript comment',
      'webpack.config.js',
      `module.exports = {\n  // ${IGNORE}\n  a: "${URL}/a.js",\n};\n`,
      ['link-release-bucket~inline'],
    ],
    [
      'one in a shell comment of a Makefile recipe',
      'Makefile',
      `release:\n\t# ${IGNORE}\n\tcurl -fsSL ${URL}/install.sh\n`,
      ['link-release-bucket~inline'],
    ],
    [
      'one in a Groovy comment',
      'Jenkinsfile',
      `pipeline {\n  stages {\n    stage('a') {\n      steps {\n        // ${IGNORE}\n        sh 'curl -fsSL ${URL}/install.sh'\n      }\n    }\n  }\n}\n`,
      ['link-release-bucket~inline'],
    ],
  ])('are read from comments alone: %s', async (_what, path, text, links) => {
    const found = await outcome({ 'main.tf': BUCKET(''), [path]: text });
    const waived = (f: string) => f.startsWith('link-') || f.startsWith('exception-');
    expect(found.filter(waived)).toEqual(links);
  });

  it.each([
    [
      'none in a heredoc',
      `locals {\n  doc = <<EOT\n# posture:ignore usage: write one above\nEOT\n}\n`,
    ],
    ['none in a string', `locals {\n  doc = "# posture:ignore s3-public-access-block"\n}\n`],
  ])('are read from Terraform comments alone: %s', async (_what, text) => {
    expect(await outcome({ 'main.tf': BUCKET('') + text })).toEqual(['s3-public-access-block']);
  });

  it('cover a nested block of a Terraform resource with what it holds', async () => {
    const files = {
      'main.tf': `resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
}
resource "aws_s3_bucket_acl" "b" {
  bucket = aws_s3_bucket.b.id
  # posture:ignore s3-public-acl reason="legacy mirror, removal tracked in OPS-12"
  access_control_policy {
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AllUsers"
      }
      permission = "READ"
    }
    owner {
      id = "abc"
    }
  }
}
`,
    };
    expect(await outcome(files)).toEqual(['s3-public-access-block', 's3-public-acl~inline']);
  });

  it('cover the next line of a YAML file whose lines end in a CR alone, as YAML reads it', async () => {
    const workflow = [
      'on: push',
      'jobs:',
      '  docs:',
      '    steps:',
      '      # posture:ignore link-release-bucket reason="public installer by design, SEC-7"',
      '      - run: curl -fsSL https://acme-releases.s3.amazonaws.com/install.sh | sh',
      '',
    ].join('\r');
    const files = { 'main.tf': BUCKET(''), '.github/workflows/site.yml': workflow };
    expect(await outcome(files)).toEqual(['link-release-bucket~inline', 's3-public-access-block']);
  });
});

describe('inline exceptions that cover no finding', () => {
  const unused = async (files: Record<string, string>, options: Partial<Policy> = {}) => {
    const report = await scanFiles(files, { today: '2026-11-22', policy: options });
    return report.result.findings
      .filter((f) => f.ruleId === 'exception-unused')
      .map((f) => `${f.location.file}:${f.location.start.line} ${f.message}`);
  };

  it.each<[string, Record<string, string>, string[]]>([
    [
      'above a block no finding of the rule is about',
      { 'main.tf': commentAbove('website', 's3-public-policy') },
      ['main.tf:28 The inline exception for s3-public-policy covers no finding of that rule'],
    ],
    [
      'above another bucket',
      { 'main.tf': commentAbove('other-bucket', 's3-public-policy') },
      ['main.tf:4 The inline exception for s3-public-policy covers no finding of that rule'],
    ],
    [
      'for a rule its bucket no longer breaks',
      {
        'main.tf': `${BUCKET('# posture:ignore s3-public-access-block,s3-website reason="x"')}
resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
`,
      },
      ['main.tf:1 The inline exception for s3-public-access-block, s3-website covers no finding'],
    ],
    [
      'for one rule of its list',
      { 'main.tf': BUCKET('# posture:ignore s3-public-access-block,s3-website reason="x"') },
      ['main.tf:1 The inline exception for s3-website covers no finding of that rule'],
    ],
    [
      'in a build file, above a step that links to no bucket',
      {
        'main.tf': BUCKET(''),
        '.github/workflows/site.yml': `on: push
jobs:
  docs:
    runs-on: ubuntu-latest
    steps:
      # posture:ignore link-release-bucket reason="public installer by design, SEC-7"
      - run: echo nothing to fetch
`,
      },
      [
        '.github/workflows/site.yml:6 The inline exception for link-release-bucket covers no finding',
      ],
    ],
  ])('are reported at the comment: %s', async (_what, files, expected) => {
    const found = await unused(files);
    expect(found).toHaveLength(expected.length);
    found.forEach((message, i) => expect(message).toContain(expected[i]));
  });

  it('are not reported for a rule that did not run', async () => {
    const files = { 'main.tf': commentAbove('website', 's3-public-policy') };
    expect(await unused(files, { rules: { 's3-public-policy': { enabled: false } } })).toEqual([]);
  });

  it('are reported for comments only, not for the policy file', async () => {
    const report = await scanFiles(
      {
        'main.tf': BUCKET(''),
        'posture.config.yaml': `exceptions:
  - rule: s3-website
    target: { bucket: acme-releases }
    reason: public docs site
`,
      },
      { today: '2026-11-22', policyFile: 'posture.config.yaml' },
    );
    expect(report.result.findings.map((f) => f.ruleId)).toEqual(['s3-public-access-block']);
  });
});

describe('policy file exceptions', () => {
  const policy = (expires: string) => `exceptions:
  - rule: s3-public-access-block
    target: { bucket: "acme-*" }
    reason: account-level block
    approvedBy: jane@acme.example
    expires: ${expires}
`;

  const scanWithPolicy = (text: string) =>
    scanFiles(
      { 'main.tf': BUCKET(''), 'posture.config.yaml': text },
      { today: '2026-11-22', policyFile: 'posture.config.yaml' },
    );

  it('suppress matching findings with their approver and expiry', async () => {
    const report = await scanWithPolicy(policy('2030-01-01'));
    expect(report.result.findings[0]?.suppression).toMatchObject({
      kind: 'policy',
      approvedBy: 'jane@acme.example',
      expires: '2030-01-01',
    });
  });

  it('do not apply to other buckets', async () => {
    const report = await scanWithPolicy(policy('2030-01-01').replace('acme-*', 'other-*'));
    expect(report.result.findings[0]?.suppression).toBeUndefined();
  });

  it('come after the inline ones: a finding both cover records the inline one', async () => {
    const report = await scanFiles(
      {
        'main.tf': BUCKET('# posture:ignore s3-public-access-block reason="inline"'),
        'posture.config.yaml': policy('2030-01-01').replace(
          'bucket: "acme-*"',
          'address: aws_s3_bucket.b',
        ),
      },
      { today: '2026-11-22', policyFile: 'posture.config.yaml' },
    );
    expect(report.result.findings[0]?.suppression).toMatchObject({
      kind: 'inline',
      reason: 'inline',
    });
  });

  it('name by its address a resource that causes a finding, as a comment above it does', async () => {
    const report = await scanFiles(
      {
        'main.tf': OPENED.replace(PLACES, ''),
        'posture.config.yaml': `exceptions:
  - rule: s3-public-policy
    target: { address: aws_s3_bucket_policy.b }
    reason: public downloads by design
`,
      },
      { today: '2026-11-22', policyFile: 'posture.config.yaml' },
    );
    const policy = report.result.findings.find((f) => f.ruleId === 's3-public-policy');
    expect(policy?.suppression).toMatchObject({ kind: 'policy' });
  });

  /** A public bucket `aws_s3_bucket.r` named for `env`. */
  const rootBucket = (env: string) => `resource "aws_s3_bucket" "r" {
  bucket = "acme-${env}-releases"
}
resource "aws_s3_bucket_acl" "r" {
  bucket = aws_s3_bucket.r.id
  acl    = "public-read"
}
`;
  const moduleCall = 'module "m" {\n  source = "../../modules/bucket"\n}\n';
  const aclException = (target: string) => `exceptions:
  - rule: s3-public-acl
    target: { ${target} }
    reason: a public test mirror
`;
  it.each<[string, Record<string, string>, string[]]>([
    [
      'an address two roots repeat: neither, and says so',
      {
        'envs/prod/main.tf': rootBucket('prod'),
        'envs/staging/main.tf': rootBucket('staging'),
        'posture.config.yaml': aclException('address: aws_s3_bucket.r'),
      },
      ['exception-invalid@posture.config.yaml', 's3-public-acl', 's3-public-acl'],
    ],
    [
      'an address two roots repeat, with the file of one: that one',
      {
        'envs/prod/main.tf': rootBucket('prod'),
        'envs/staging/main.tf': rootBucket('staging'),
        'posture.config.yaml': aclException('address: aws_s3_bucket.r, file: envs/staging/*'),
      },
      ['s3-public-acl', 's3-public-acl~policy'],
    ],
    [
      'an address of a module two roots call: the bucket of each, declared there',
      {
        'envs/prod/main.tf': moduleCall,
        'envs/staging/main.tf': moduleCall,
        'modules/bucket/main.tf': rootBucket('shared'),
        'posture.config.yaml': aclException('address: module.m.aws_s3_bucket.r'),
      },
      ['s3-public-acl~policy', 's3-public-acl~policy'],
    ],
  ])('waive by %s', async (_what, files, expected) => {
    const report = await scanFiles(files, {
      today: '2026-11-22',
      policyFile: 'posture.config.yaml',
    });
    const found = report.result.findings
      .filter((f) => f.ruleId !== 's3-public-access-block')
      .map((f) => {
        const at = f.ruleId.startsWith('exception') ? `@${f.location.file}` : '';
        return `${f.ruleId}${f.suppression ? `~${f.suppression.kind}` : ''}${at}`;
      });
    expect(found.sort()).toEqual(expected);
  });

  it('waive input the scan could not read, said and accounted for where the policy is owned', async () => {
    const report = await scanFiles(
      {
        'vendor/main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket =\n}\n',
        'posture.config.yaml': `exceptions:
  - rule: input-unreadable
    target: { file: "vendor/**" }
    reason: upstream fixture, broken on purpose
`,
      },
      { policyFile: 'posture.config.yaml' },
    );
    expect(report.result.findings.map((f) => [f.ruleId, f.suppression?.kind])).toEqual([
      ['input-unreadable', 'policy'],
    ]);
  });

  it('are reported once expired, at their line in the policy file', async () => {
    const report = await scanWithPolicy(policy('2020-01-01'));
    const expired = report.result.findings.find((f) => f.ruleId === 'exception-expired');
    expect(expired?.location).toMatchObject({ file: 'posture.config.yaml', start: { line: 2 } });
    const finding = report.result.findings.find((f) => f.ruleId === 's3-public-access-block');
    expect(finding?.suppression).toBeUndefined();
  });
});

describe('applying exceptions', () => {
  const count = 300;
  const reasons = Array.from({ length: count }, (_, i) => `r${i}`);
  const bucket = (i: number) => `resource "aws_s3_bucket" "b${i}" {
  bucket = "acme-releases-${i}"
}
`;
  const above = (i: number) => `# posture:ignore s3-public-access-block reason="r${i}"\n`;
  const policy = (target: (i: number) => PolicyException['target']) =>
    reasons.map((reason, i) => ({ rule: 's3-public-access-block', target: target(i), reason }));

  it.each<[string, string, PolicyException[]]>([
    ['inline, above each block', reasons.map((_, i) => above(i) + bucket(i)).join(''), []],
    [
      'in the policy, naming each address',
      reasons.map((_, i) => bucket(i)).join(''),
      policy((i) => ({ address: `aws_s3_bucket.b${i}` })),
    ],
    [
      'in the policy, naming each bucket',
      reasons.map((_, i) => bucket(i)).join(''),
      policy((i) => ({ bucket: `acme-releases-${i}` })),
    ],
  ])('are checked, %s, only against the findings they may cover', (_case, text, exceptions) => {
    const root = tempDir('exceptions');
    writeFileSync(join(root, 'main.tf'), text);
    const comments = new DirectiveCollector();
    const inventory = loadTerraform({ root, onComments: comments.onComments });
    const { active } = checkExceptions({
      root,
      inventory,
      directives: comments.directives,
      policyExceptions: exceptions,
      knownRules: new Set(['s3-public-access-block']),
      today: '2026-11-22',
    });
    let checks = 0;
    const counted = active.map((e) => ({ ...e, covers: (f: Finding) => (checks++, e.covers(f)) }));
    const findings: Finding[] = inventory.resources.map((r, i) => ({
      ruleId: 's3-public-access-block',
      severity: 'high',
      message: '',
      location: r.ranges['']!,
      related: [],
      address: r.address,
      properties: { bucket: `acme-releases-${i}` },
    }));
    applyExceptions(findings, counted);
    expect(findings.map((f) => f.suppression?.reason)).toEqual(reasons);
    expect(checks).toBe(count);
  });
});
