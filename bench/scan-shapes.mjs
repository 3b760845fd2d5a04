// Bench section: `posture scan` of generated repositories of one shape each, at n and 2n, for the
// shapes that once made a scan grow faster than its input (each fixed by an index or a single
// pass). Growth is the CPU time at 2n over that at n: about 2 is linear, 4 quadratic.
// Needs `pnpm build` first (it runs the CLI's bundle, as scan-scale does).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from './scan-scale.mjs';

export const name = 'scan-shapes';
export const description = 'posture scan at n and 2n of repositories of one shape each';

/** Timed runs per scan; the fastest is reported, after one untimed run that warms the file cache. */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const scenario = (file) =>
  new URL(`../packages/plan/test/fixtures/scenarios/s3-split-acl/${file}`, import.meta.url);
const lines = (n, line) => Array.from({ length: n }, (_, i) => line(i)).join('');
const bucket = (i) => `resource "aws_s3_bucket" "b${i}" {\n  bucket = "acme-releases-${i}"\n}\n`;

const SHAPES = [
  {
    shape: 'inline exceptions: one above each of n buckets, in one file',
    sizes: [5000, 10000],
    files: (n) => ({
      'main.tf': lines(
        n,
        (i) => `# posture:ignore s3-public-access-block reason="r${i}"\n${bucket(i)}`,
      ),
    }),
  },
  {
    shape: 'policy exceptions: one naming each of n buckets',
    sizes: [2000, 4000],
    files: (n) => ({
      'main.tf': lines(n, bucket),
      'posture.config.yaml': `exceptions:\n${lines(
        n,
        (i) =>
          `  - rule: s3-public-access-block\n    target: { address: aws_s3_bucket.b${i} }\n    reason: r${i}\n`,
      )}`,
    }),
  },
  {
    shape: 'plans: one for each of n root modules',
    sizes: [500, 1000],
    files: (n) => {
      const tf = readFileSync(scenario('main.tf'), 'utf8');
      const plan = readFileSync(scenario('plan.json'), 'utf8');
      const files = {};
      for (let i = 0; i < n; i++) {
        files[`stacks/s${i}/main.tf`] = tf.replaceAll('downloads', `downloads-${i}`);
        files[`stacks/s${i}/plan.json`] = plan.replaceAll('downloads', `downloads-${i}`);
      }
      return files;
    },
    args: (n) => Array.from({ length: n }, (_, i) => ['--plan', `stacks/s${i}/plan.json`]).flat(),
  },
  {
    shape: 'for_each unknown to the configuration: n blocks, with a plan of their instances',
    sizes: [20000, 40000],
    files: (n) => ({
      'main.tf': `data "aws_s3_objects" "names" {\n  bucket = "acme-config"\n}\n${lines(
        n,
        (i) =>
          `resource "aws_s3_bucket" "b${i}" {\n  for_each = toset(data.aws_s3_objects.names.keys)\n  bucket   = "acme-releases-${i}-\${each.key}"\n}\n`,
      )}`,
      'plan.json': JSON.stringify(forEachPlan(n)),
    }),
    args: () => ['--plan', 'plan.json'],
  },
  {
    shape: 'build commands: n workflows each linking to one bucket and making an object public',
    sizes: [1000, 2000],
    files: (n) => {
      // The bucket's public access block refuses every command's ACL.
      const files = {
        'main.tf': `resource "aws_s3_bucket" "assets" {\n  bucket = "acme-assets"\n}\nresource "aws_s3_bucket_public_access_block" "assets" {\n  bucket                  = aws_s3_bucket.assets.id\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n`,
      };
      for (let i = 0; i < n; i++) {
        files[`.github/workflows/w${i}.yml`] =
          `on: push\njobs:\n  docs:\n    runs-on: ubuntu-latest\n    steps:\n      - run: curl -fsSLO https://acme-assets.s3.amazonaws.com/v${i}/app.tgz\n      - run: aws s3api put-object-acl --bucket acme-assets --key v${i}/app.tgz --acl public-read\n`;
      }
      return files;
    },
  },
  {
    shape: 'links: n workflows each linking to a bucket whose name is known in part',
    sizes: [4000, 8000],
    files: (n) => {
      const files = {
        'main.tf': `variable "env" {}\n${lines(
          n,
          (i) =>
            `resource "aws_s3_bucket" "b${i}" {\n  bucket = "acme-\${var.env}-releases-${i}"\n}\n`,
        )}`,
      };
      for (let i = 0; i < n; i++) {
        files[`.github/workflows/w${i}.yml`] =
          `on: push\njobs:\n  get:\n    runs-on: ubuntu-latest\n    steps:\n      - run: curl -fsSLO https://acme-prod-releases-${i}.s3.amazonaws.com/app.tgz\n`;
      }
      return files;
    },
  },
];

/** A plan of two instances of each of the n `for_each` blocks above. */
function forEachPlan(n) {
  const provider_name = 'registry.terraform.io/hashicorp/aws';
  const resources = [];
  const resource_changes = [];
  for (let i = 0; i < n; i++) {
    for (const index of ['a', 'b']) {
      const common = {
        mode: 'managed',
        type: 'aws_s3_bucket',
        name: `b${i}`,
        index,
        provider_name,
      };
      const address = `aws_s3_bucket.b${i}["${index}"]`;
      const values = { bucket: `acme-releases-${i}-${index}`, force_destroy: false };
      resources.push({ address, ...common, schema_version: 0, values, sensitive_values: {} });
      const after_unknown = { id: true, arn: true };
      const change = { actions: ['create'], before: null, after: values, after_unknown };
      resource_changes.push({ address, ...common, change });
    }
  }
  const configured = Array.from({ length: n }, (_, i) => ({
    address: `aws_s3_bucket.b${i}`,
    mode: 'managed',
    type: 'aws_s3_bucket',
    name: `b${i}`,
    provider_config_key: 'aws',
    expressions: { bucket: { references: ['each.key'] } },
    for_each_expression: { references: ['data.aws_s3_objects.names.keys'] },
    schema_version: 0,
  }));
  return {
    format_version: '1.2',
    terraform_version: '1.9.0',
    planned_values: { root_module: { resources } },
    resource_changes,
    configuration: {
      provider_config: { aws: { name: 'aws', full_name: provider_name } },
      root_module: { resources: configured },
    },
  };
}

function write(dir, files) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** The fastest of RUNS scans of `dir` (the repository's root, so its policy file is found). */
function scan(dir, args, work) {
  const argv = ['scan', '.', '--format', 'sarif', '-o', join(work, 'out.sarif'), ...args];
  runCli(argv, work, dir);
  const runs = Array.from({ length: RUNS }, () => runCli(argv, work, dir));
  const sarif = JSON.parse(readFileSync(join(work, 'out.sarif'), 'utf8'));
  return {
    cpuMs: Math.min(...runs.map((r) => r.cpuMs)),
    ms: Math.min(...runs.map((r) => r.ms)),
    findings: sarif.runs[0].results.length,
  };
}

export function run() {
  const work = mkdtempSync(join(tmpdir(), 'posture-shapes-bench-'));
  try {
    const rows = SHAPES.flatMap(({ shape, sizes, files, args = () => [] }) => {
      let previous;
      return sizes.map((n) => {
        const dir = join(work, `repo-${n}`);
        write(dir, files(n));
        const result = scan(dir, args(n), work);
        rmSync(dir, { recursive: true, force: true });
        const row = {
          shape,
          n,
          'cpu s': result.cpuMs / 1000,
          'time s': result.ms / 1000,
          findings: result.findings,
          growth: previous && result.cpuMs / previous.cpuMs,
        };
        previous = result;
        return row;
      });
    });
    return {
      columns: ['shape', 'n', 'cpu s', 'time s', 'findings', 'growth'],
      rows,
      notes: [
        `The CLI's bundle in a child process, fastest of ${RUNS} runs after a warm-up run; cpu s is its user and system time, which other work on the machine inflates less than wall time (time s).`,
        'growth: cpu s against the row above (half the size): about 2 is linear, 4 quadratic.',
      ],
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
