import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from './support/cli.js';

const SECRETS = [
  's3cr3t-owner-token',
  'AKIAIOSFODNN7EXAMPLE',
  'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'GOOG1EXAMPLEHMACACCESSID',
  'release-signer@acme-prod.iam.gserviceaccount.com',
  'ASIAEXAMPLESESSIONTOKEN',
  'ExampleGoogSignature0123',
];

it('no report format ever carries a credential found in the repository', async () => {
  const root = mkdtempSync(join(tmpdir(), 'posture-secrets-'));
  mkdirSync(join(root, '.github/workflows'), { recursive: true });
  writeFileSync(
    join(root, 'main.tf'),
    `variable "owner_token" {
  type      = string
  sensitive = true
}
# posture:ignore s3-public-access-block reason="the account blocks public access"
resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
  tags = {
    release = "true"
    owner   = var.owner_token
    token   = sensitive("${SECRETS[2]}")
  }
}
resource "aws_s3_bucket" "named" {
  bucket = "acme-downloads-\${module.keys.suffix}"
  acl    = "public-read"
}
module "keys" {
  source = "./keys"
}
module "private" {
  source = "git::https://bot:\${var.owner_token}@github.com/acme/modules.git"
}
module "pinned" {
  source = "git::https://bot:${SECRETS[2]}@github.com/acme/modules.git?ref=v1"
}
`,
  );
  mkdirSync(join(root, 'keys'));
  writeFileSync(
    join(root, 'keys/main.tf'),
    `output "suffix" {
  value     = "${SECRETS[1]}"
  sensitive = true
}
`,
  );
  mkdirSync(join(root, 'unit'));
  writeFileSync(
    join(root, 'unit/terragrunt.hcl'),
    `terraform {\n  source = "git::https://bot:${SECRETS[2]}@github.com/acme/modules.git//bucket"\n}\n`,
  );
  writeFileSync(join(root, 'terraform.tfvars'), `owner_token = "${SECRETS[0]}"\n`);
  writeFileSync(
    join(root, '.github/workflows/release.yml'),
    `on: { push: { tags: ['v*'] } }
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      # posture:ignore link-presigned-url reason="an expired URL"
      - run: curl -O "https://acme-releases.s3.amazonaws.com/cli.tgz?X-Amz-Credential=${SECRETS[1]}%2F20260101&X-Amz-Signature=abc123"
      - run: curl -O https://user:${SECRETS[2]}@acme-releases.s3.amazonaws.com/cli.tgz
      - run: curl -O "https://storage.googleapis.com/acme-releases/cli.tgz?GoogleAccessId=${SECRETS[4]}&Expires=4102444800&Signature=abc123"
      - run: curl -O "https://storage.googleapis.com/acme-releases/cli.tgz?GoogleAccessId=${SECRETS[5]}&Expires=4102444800&Signature=abc123"
      - run: curl -O "https://acme-releases.s3.amazonaws.com/cli.tgz?x-amz-security-token=${SECRETS[6]}&X-Amz-Signature=abc123"
      - run: curl -O "https://storage.googleapis.com/acme-releases/cli.tgz?X-Goog-Credential=x&X-Goog-Signature=${SECRETS[7]}"
`,
  );
  writeFileSync(
    join(root, '.env.production'),
    `AWS_SECRET_ACCESS_KEY=${SECRETS[3]}\nVITE_DOWNLOAD=https://acme-releases.s3.amazonaws.com/app.dmg\n`,
  );
  const formats = ['text', 'json', 'sarif', 'markdown', 'junit', 'codequality'];
  const run = await runCli([
    'scan',
    root,
    ...formats.flatMap((f) => ['--format', f, '--output', join(root, `out.${f}`)]),
    '--evidence',
    join(root, 'evidence.json'),
  ]);
  expect(run.code).toBe(1);
  // Excepted findings are in the SARIF too, with their justification and where it was written.
  const sarif = run.files.get(join(root, 'out.sarif')) ?? '';
  expect(sarif.match(/"status": "accepted"/g)).toHaveLength(2);
  const outputs = [...run.files.values(), run.stdout, run.stderr].join('\n');
  expect(outputs).toContain('acme-releases');
  expect(outputs).toContain('.env.production');
  for (const secret of SECRETS) expect(outputs).not.toContain(secret);
});
