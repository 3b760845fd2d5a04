// A synthetic monorepo for the scale benchmark, deterministic for a given seed and scale. At scale 1
// it holds 20,000 files: 1,000 Terraform modules (100 root stacks calling 9 modules each) with
// 5,000 buckets spread over S3, R2 and GCS and their attachments, and 800 apps and 200 workflows
// whose build configurations link to those buckets. Module outputs feed other modules' inputs and
// bucket names come from root variables through locals, so the evaluator does real work.
//
//   node bench/generate-monorepo.mjs <dir> [scale] [seed]
import { Buffer } from 'node:buffer';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MODULES_PER_STACK = 10;
const BUCKETS_PER_MODULE = 5;
const APPS_PER_1000_MODULES = 800;
const WORKFLOWS_PER_1000_MODULES = 200;
const COMPONENTS = ['web', 'api', 'cli', 'sdk', 'docs', 'data', 'media', 'ml', 'edge', 'infra'];
const PURPOSES = ['releases', 'downloads', 'dist', 'artifacts', 'logs', 'assets', 'backups', 'tmp'];
const TEAMS = ['core', 'growth', 'platform', 'payments', 'search', 'identity', 'mobile', 'desktop'];

/** Mulberry32: a small seeded generator, so every run writes the same repository. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (rand, n) =>
  Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');

/** Writes the repository under `dir` (emptied first) and returns what it holds. */
export function generateMonorepo(dir, { scale = 1, seed = 7 } = {}) {
  const rand = random(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const chance = (p) => rand() < p;
  rmSync(dir, { recursive: true, force: true });
  let files = 0;
  let bytes = 0;
  const write = (rel, text) => {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    files++;
    bytes += Buffer.byteLength(text);
  };

  const stacks = Math.round((1000 * scale) / MODULES_PER_STACK);
  const accountId = hex(rand, 32);
  /** Buckets whose names the build configurations can link to: { service, name, host? }. */
  const linkable = [];
  let bucketCount = 0;

  for (let s = 0; s < stacks; s++) {
    const team = TEAMS[s % TEAMS.length];
    const env = pick(['dev', 'staging', 'prod']);
    const prefix = `acme-${team}-${env}-${s}`;
    const stackDir = `infra/stacks/stack-${s}`;
    const children = [];
    for (let m = 1; m < MODULES_PER_STACK; m++) {
      const component = COMPONENTS[(s + m) % COMPONENTS.length];
      children.push({ call: `${component}_${m}`, dir: `infra/modules/${component}-${s}-${m}` });
    }
    const modules = [{ dir: stackDir, root: true, namePrefix: prefix }].concat(
      children.map((c) => ({ ...c, namePrefix: `${prefix}-${c.call.replace('_', '-')}` })),
    );
    for (const module of modules) {
      const buckets = [];
      for (let b = 0; b < BUCKETS_PER_MODULE; b++) {
        const service = ['s3', 'r2', 'gcs'][bucketCount % 3];
        const purpose = pick(PURPOSES);
        const name = `${module.namePrefix}-${purpose}-${b}`;
        const bucket = { service, purpose, name, local: `b${b}`, index: bucketCount++ };
        bucket.viaAwsR2 = module.root && service === 's3' && chance(0.3);
        bucket.host = service === 'r2' && chance(0.4) ? `${name}.cdn.acme.example` : undefined;
        buckets.push(bucket);
        if (purpose !== 'tmp') linkable.push(bucket);
      }
      buckets.forEach((bucket) =>
        write(
          `${module.dir}/bucket_${bucket.local}.tf`,
          bucketFile(bucket, module, { chance, pick }),
        ),
      );
      write(`${module.dir}/versions.tf`, VERSIONS);
      write(`${module.dir}/outputs.tf`, outputsFile(buckets));
      write(
        `${module.dir}/README.md`,
        `# ${module.dir}\n\nBuckets: ${buckets.map((b) => b.name).join(', ')}.\n`,
      );
      if (module.root) {
        write(`${module.dir}/variables.tf`, rootVariables);
        write(`${module.dir}/terraform.tfvars`, rootTfvars({ team, env, prefix, accountId, s }));
        write(`${module.dir}/providers.tf`, providersFile(accountId));
        write(`${module.dir}/main.tf`, rootMain(stackDir, children));
      } else {
        write(`${module.dir}/variables.tf`, childVariables);
        write(`${module.dir}/main.tf`, childMain(module));
      }
    }
  }

  const apps = Math.round(APPS_PER_1000_MODULES * scale);
  for (let a = 0; a < apps; a++) {
    const target = linkable[Math.floor(rand() * linkable.length)];
    const mirror = linkable[Math.floor(rand() * linkable.length)];
    writeApp(write, `apps/app-${a}`, a, target, mirror, rand);
  }
  const workflows = Math.round(WORKFLOWS_PER_1000_MODULES * scale);
  for (let w = 0; w < workflows; w++) {
    const targets = [0, 1, 2].map(() => linkable[Math.floor(rand() * linkable.length)]);
    write(`.github/workflows/release-${w}.yml`, workflowFile(w, targets));
  }
  return {
    files,
    bytes,
    modules: stacks * MODULES_PER_STACK,
    buckets: bucketCount,
    apps,
    workflows,
  };
}

const VERSIONS = `terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
    cloudflare = {
      source  = "cloudflare/cloudflare"
      version = "~> 5.1"
    }
    google = {
      source  = "hashicorp/google"
      version = "~> 6.0"
    }
  }
}
`;

const rootVariables = `variable "team" {
  type = string
}

variable "environment" {
  type = string
  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod"
  }
}

variable "prefix" {
  type = string
}

variable "account_id" {
  type      = string
  sensitive = true
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "readers" {
  type    = list(string)
  default = []
}
`;

function rootTfvars({ team, env, prefix, accountId, s }) {
  const readers = s % 4 === 0 ? '["allUsers"]' : `["group:${team}@acme.example"]`;
  return `team        = "${team}"
environment = "${env}"
prefix      = "${prefix}"
account_id  = "${accountId}"
readers     = ${readers}
`;
}

function providersFile(accountId) {
  return `provider "aws" {
  region = var.region

  default_tags {
    tags = {
      team        = var.team
      environment = var.environment
      managed_by  = "terraform"
    }
  }
}

# R2 through the S3 API, Cloudflare's documented pattern.
provider "aws" {
  alias  = "r2"
  region = "auto"

  endpoints {
    s3 = "https://${accountId}.r2.cloudflarestorage.com"
  }
}

provider "google" {
  project = "acme-\${var.team}"
  region  = "europe-west1"

  default_labels = {
    team = var.team
  }
}

provider "cloudflare" {}
`;
}

function rootMain(stackDir, children) {
  const depth = stackDir.split('/').length;
  const up = '../'.repeat(depth);
  const calls = children.map((child, i) => {
    const previous = children[i - 1];
    // Each module logs to the one before it: an output feeding another module's input.
    const logs = previous ? `module.${previous.call}.log_bucket` : 'null';
    return `module "${child.call}" {
  source = "${up}${child.dir}"

  prefix     = "\${local.prefix}-${child.call.replace('_', '-')}"
  account_id = var.account_id
  tags       = local.tags
  readers    = var.readers
  log_bucket = ${logs}
}
`;
  });
  return `locals {
  prefix = var.prefix
  tags = {
    stack   = var.prefix
    purpose = var.environment == "prod" ? "release" : "build"
  }
  component_buckets = { for name, m in {
${children.map((c) => `    ${c.call} = module.${c.call}.bucket_names`).join('\n')}
  } : name => m }
}

${calls.join('\n')}`;
}

const childVariables = `variable "prefix" {
  type = string
}

variable "account_id" {
  type = string
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "readers" {
  type    = list(string)
  default = []
}

variable "log_bucket" {
  type     = string
  default  = null
  nullable = true
}
`;

function childMain(module) {
  return `locals {
  base = var.prefix
  tags = merge(var.tags, { component = "${module.call}" })
  labels = { for k, v in local.tags : lower(k) => replace(lower(v), "/[^a-z0-9_-]/", "-") }
  logging = var.log_bucket == null ? [] : [var.log_bucket]
}
`;
}

function outputsFile(buckets) {
  const ref = (b) =>
    b.service === 's3'
      ? `aws_s3_bucket.${b.local}.bucket`
      : b.service === 'r2'
        ? `cloudflare_r2_bucket.${b.local}.name`
        : `google_storage_bucket.${b.local}.name`;
  const logs = buckets.find((b) => b.service === 's3') ?? buckets[0];
  return `output "bucket_names" {
  value = [${buckets.map(ref).join(', ')}]
}

output "log_bucket" {
  value = ${ref(logs)}
}
`;
}

/** One bucket and its attachments; the module's name prefix is a variable in child modules. */
function bucketFile(bucket, module, { chance, pick }) {
  const name = module.root
    ? `"\${var.prefix}-${bucket.purpose}-${bucket.local.slice(1)}"`
    : `"\${local.base}-${bucket.purpose}-${bucket.local.slice(1)}"`;
  const tags = module.root ? 'var.team == "" ? {} : { owner = var.team }' : 'local.tags';
  const annotation = bucket.purpose === 'tmp' && chance(0.5) ? '# posture:release\n' : '';
  const b = bucket.local;
  if (bucket.service === 's3') {
    const publicPolicy = chance(0.15);
    const provider = bucket.viaAwsR2 ? '  provider = aws.r2\n' : '';
    const parts = [
      `${annotation}resource "aws_s3_bucket" "${b}" {
${provider}  bucket = ${name}
  tags = merge(${tags}, {
    purpose = "${bucket.purpose}"
  })
}
`,
      `resource "aws_s3_bucket_public_access_block" "${b}" {
${provider}  bucket                  = aws_s3_bucket.${b}.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = ${publicPolicy ? 'false' : 'true'}
  restrict_public_buckets = ${publicPolicy ? 'false' : 'true'}
}
`,
      `resource "aws_s3_bucket_ownership_controls" "${b}" {
${provider}  bucket = aws_s3_bucket.${b}.id
  rule {
    object_ownership = "${chance(0.1) ? 'ObjectWriter' : 'BucketOwnerEnforced'}"
  }
}
`,
    ];
    if (chance(0.3)) {
      parts.push(`resource "aws_s3_bucket_acl" "${b}" {
${provider}  bucket = aws_s3_bucket.${b}.id
  acl    = "${chance(0.2) ? 'public-read' : 'private'}"
}
`);
    }
    parts.push(`data "aws_iam_policy_document" "${b}" {
  statement {
    sid       = "${publicPolicy ? 'PublicRead' : 'CiUpload'}"
    actions   = ["s3:GetObject"]
    resources = ["\${aws_s3_bucket.${b}.arn}/*"]
    principals {
      type        = "${publicPolicy ? '*' : 'AWS'}"
      identifiers = ["${publicPolicy ? '*' : 'arn:aws:iam::123456789012:role/ci'}"]
    }
  }
}

resource "aws_s3_bucket_policy" "${b}" {
${provider}  bucket = aws_s3_bucket.${b}.id
  policy = data.aws_iam_policy_document.${b}.json
}
`);
    if (chance(0.1)) {
      parts.push(`resource "aws_s3_bucket_website_configuration" "${b}" {
${provider}  bucket = aws_s3_bucket.${b}.bucket
  index_document {
    suffix = "index.html"
  }
}
`);
    }
    if (!module.root) {
      parts.push(`resource "aws_s3_bucket_logging" "${b}" {
  for_each      = toset(local.logging)
  bucket        = aws_s3_bucket.${b}.id
  target_bucket = each.value
  target_prefix = "${b}/"
}
`);
    }
    return parts.join('\n');
  }
  if (bucket.service === 'r2') {
    const parts = [
      `${annotation}resource "cloudflare_r2_bucket" "${b}" {
  account_id = var.account_id
  name       = ${name}
  location   = "${pick(['wnam', 'enam', 'weur', 'apac'])}"
}
`,
      `resource "cloudflare_r2_managed_domain" "${b}" {
  account_id  = var.account_id
  bucket_name = cloudflare_r2_bucket.${b}.name
  enabled     = ${chance(0.25)}
}
`,
    ];
    if (bucket.host) {
      parts.push(`resource "cloudflare_r2_custom_domain" "${b}" {
  account_id  = var.account_id
  bucket_name = cloudflare_r2_bucket.${b}.name
  domain      = "${bucket.host}"
  zone_id     = "0da42c8d2132a9ddaf714f9e7c920711"
  enabled     = true
}
`);
    }
    return parts.join('\n');
  }
  const labels = module.root ? '{ owner = var.team }' : 'local.labels';
  return `${annotation}resource "google_storage_bucket" "${b}" {
  name                        = ${name}
  location                    = "EU"
  uniform_bucket_level_access = ${chance(0.8)}
  public_access_prevention    = "${chance(0.5) ? 'enforced' : 'inherited'}"
  labels                      = merge(${labels}, { purpose = "${bucket.purpose}" })

  versioning {
    enabled = true
  }
}

resource "google_storage_bucket_iam_member" "${b}" {
  for_each = toset(var.readers)
  bucket   = google_storage_bucket.${b}.name
  role     = "roles/storage.objectViewer"
  member   = each.value
}
`;
}

function url(bucket) {
  if (bucket.service === 's3') return `https://${bucket.name}.s3.amazonaws.com`;
  if (bucket.service === 'gcs') return `https://storage.googleapis.com/${bucket.name}`;
  return bucket.host ? `https://${bucket.host}` : undefined;
}

function uploadCommand(bucket, path) {
  if (bucket.service === 's3') return `aws s3 sync dist s3://${bucket.name}/${path}/`;
  if (bucket.service === 'gcs') return `gsutil -m cp -r dist gs://${bucket.name}/${path}/`;
  return `wrangler r2 object put ${bucket.name}/${path}/app.zip --file=dist/app.zip --remote`;
}

/** An app: twelve files, of which package.json and vite.config.ts are build configurations. */
function writeApp(write, dir, a, target, mirror, rand) {
  const name = `@acme/app-${a}`;
  const base = url(target) ?? `https://pub-${hex(rand, 32)}.r2.dev`;
  write(
    `${dir}/package.json`,
    JSON.stringify(
      {
        name,
        version: `1.${a % 50}.0`,
        private: true,
        type: 'module',
        scripts: {
          build: 'vite build',
          test: 'vitest run',
          release: `npm run build && ${uploadCommand(target, `app-${a}`)}`,
          mirror: uploadCommand(mirror, `mirror/app-${a}`),
        },
        dependencies: { react: '^19.0.0' },
        devDependencies: { vite: '^7.0.0', vitest: '^4.0.0' },
      },
      null,
      2,
    ) + '\n',
  );
  write(
    `${dir}/vite.config.ts`,
    `import { defineConfig } from 'vite';

export default defineConfig({
  base: '${base}/app-${a}/',
  build: {
    sourcemap: ${a % 7 === 0},
    outDir: 'dist',
  },
});
`,
  );
  write(
    `${dir}/tsconfig.json`,
    '{\n  "extends": "../../tsconfig.base.json",\n  "include": ["src"]\n}\n',
  );
  write(`${dir}/README.md`, `# ${name}\n\nReleased with \`npm run release\`.\n`);
  write(
    `${dir}/index.html`,
    `<!doctype html>\n<html>\n  <body>\n    <div id="app"></div>\n    <script type="module" src="/src/main.ts"></script>\n  </body>\n</html>\n`,
  );
  write(
    `${dir}/src/main.ts`,
    `import { start } from './app.js';\n\nstart(document.getElementById('app'));\n`,
  );
  write(
    `${dir}/src/app.ts`,
    `import { fetchItems } from './api.js';\nimport { format } from './util.js';\n\nexport async function start(el: HTMLElement | null) {\n  const items = await fetchItems();\n  if (el) el.textContent = items.map(format).join(', ');\n}\n`,
  );
  write(
    `${dir}/src/api.ts`,
    `import type { Item } from './types.js';\n\nexport async function fetchItems(): Promise<Item[]> {\n  const res = await fetch('/api/items');\n  return (await res.json()) as Item[];\n}\n`,
  );
  write(
    `${dir}/src/util.ts`,
    `import type { Item } from './types.js';\n\nexport const format = (item: Item) => \`\${item.id}: \${item.name}\`;\n`,
  );
  write(`${dir}/src/types.ts`, `export interface Item {\n  id: number;\n  name: string;\n}\n`);
  write(`${dir}/src/styles.css`, `#app {\n  font-family: system-ui;\n}\n`);
  write(`${dir}/public/robots.txt`, 'User-agent: *\nDisallow:\n');
}

function workflowFile(w, targets) {
  const steps = targets
    .map(
      (bucket, i) => `      - name: Upload ${i}
        run: ${uploadCommand(bucket, `release-${w}`)}`,
    )
    .join('\n');
  return `name: Release ${w}
on:
  push:
    tags: ['v*']

jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm ci && npm run build
${steps}
`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, scale = '1', seed = '7'] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node bench/generate-monorepo.mjs <dir> [scale] [seed]');
    process.exit(2);
  }
  console.log(JSON.stringify(generateMonorepo(dir, { scale: Number(scale), seed: Number(seed) })));
}
