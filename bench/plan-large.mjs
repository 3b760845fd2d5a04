// Bench section: loadPlan on a plan of at least 50 MB, built by replicating the resources of a real
// fixture under new addresses, and the mapping of plans onto their configuration
// (mapToConfiguration): that plan's, and two whose resources hold sets of thousands of elements
// written by `dynamic` blocks, the second's differing only in lists of several strings. Then
// `posture scan` of a plan file alone, as the CLI's bundle runs it: a whole account's state, most
// of whose resources no adapter reads, and a plan of nothing but public buckets. Each load and scan
// runs in a child process so its peak RSS is its own.
// Needs `pnpm build` first (it loads packages/{plan,hcl,core}/dist and runs the CLI's bundle).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './scan-scale.mjs';

export const name = 'plan-large';
export const description =
  'loadPlan on a 50 MB+ plan JSON (s3-split-acl replicated); mapToConfiguration, large sets; ' +
  'posture scan of 120,000-resource plans';

const TARGET_BYTES = 50 * 1024 * 1024;
/** Elements of each set written by a `dynamic` block in the large-set plan. */
const SET_SIZE = 5000;
const scenario = (name, file) =>
  new URL(`../packages/plan/test/fixtures/scenarios/${name}/${file}`, import.meta.url);
const planLoader = new URL('../packages/plan/dist/index.js', import.meta.url).href;
const hclLoader = new URL('../packages/hcl/dist/index.js', import.meta.url).href;
const core = new URL('../packages/core/dist/index.js', import.meta.url).href;
/** Resources of the plans scanned whole, the size of a sweep's largest. */
const SCANNED_RESOURCES = 120_000;

/**
 * The fixture with its resources, changes and configuration repeated under the names
 * `downloads_0`, `downloads_1`, … until the JSON reaches the target size, references included, so
 * the loader does the same work per resource as on the real plan; the `.tf` file repeats its
 * resources the same way, so each plan resource has its twin.
 */
function largePlan(indent) {
  const plan = JSON.parse(readFileSync(scenario('s3-split-acl', 'plan.json'), 'utf8'));
  const sections = [
    plan.planned_values.root_module.resources,
    plan.resource_changes,
    plan.configuration.root_module.resources,
  ];
  const templates = sections.map((list) => JSON.stringify(list));
  const copyBytes = templates.reduce((sum, template) => sum + template.length, 0);
  const copies = Math.ceil(TARGET_BYTES / copyBytes);
  const rename = (text, i) =>
    text.replaceAll('.downloads', `.downloads_${i}`).replaceAll('"downloads"', `"downloads_${i}"`);
  const copied = templates.map((template) =>
    Array.from({ length: copies }, (_, i) => JSON.parse(rename(template, i))).flat(),
  );
  [
    plan.planned_values.root_module.resources,
    plan.resource_changes,
    plan.configuration.root_module.resources,
  ] = copied;
  const tf = readFileSync(scenario('s3-split-acl', 'main.tf'), 'utf8');
  const at = tf.indexOf('resource "');
  const blocks = tf.slice(at);
  const config =
    tf.slice(0, at) + Array.from({ length: copies }, (_, i) => rename(blocks, i)).join('\n');
  return { text: JSON.stringify(plan, null, indent), config, resources: copied[0].length };
}

/** A stand-in for the order Terraform lists a set's elements in: by a hash of their content. */
const terraformOrder = (elements) =>
  elements
    .map((element) => [createHash('sha256').update(JSON.stringify(element)).digest('hex'), element])
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, element]) => element);

/**
 * s3-acl-grants with SET_SIZE more grants on its ACL, written by a `dynamic "grant"` block, and a
 * CORS configuration of SET_SIZE rules from a `dynamic "cors_rule"` block; the plan lists both sets
 * in another order than the configuration writes them, as Terraform does. With `bothSchemes`, each
 * rule allows its origin over http too: rules then differ only in lists of several strings.
 */
function largeSets({ bothSchemes = false } = {}) {
  const plan = JSON.parse(readFileSync(scenario('s3-acl-grants', 'plan.json'), 'utf8'));
  const readers = Array.from({ length: SET_SIZE }, (_, i) =>
    createHash('sha256').update(`reader-${i}`).digest('hex'),
  );
  const origins = Array.from({ length: SET_SIZE }, (_, i) => `https://mirror-${i}.example.com`);
  const grants = readers.map((id) => ({
    grantee: [{ email_address: '', id, type: 'CanonicalUser', uri: '' }],
    permission: 'READ',
  }));
  const rules = terraformOrder(
    origins.map((origin) => ({
      allowed_headers: [],
      allowed_methods: ['GET'],
      // A set of strings: the plan lists them sorted.
      allowed_origins: bothSchemes ? [origin.replace('https:', 'http:'), origin] : [origin],
      expose_headers: [],
      id: '',
      max_age_seconds: 0,
    })),
  );
  const acl = 'aws_s3_bucket_acl.mirror';
  for (const values of [
    plan.planned_values.root_module.resources.find((r) => r.address === acl).values,
    plan.resource_changes.find((r) => r.address === acl).change.after,
  ]) {
    const policy = values.access_control_policy[0];
    policy.grant = terraformOrder([...policy.grant, ...grants]);
  }
  const { after_unknown: unknown, after_sensitive: sensitive } = plan.resource_changes.find(
    (r) => r.address === acl,
  ).change;
  for (const shape of [unknown, sensitive]) {
    const template = shape.access_control_policy[0].grant[0];
    shape.access_control_policy[0].grant = Array.from({ length: SET_SIZE + 3 }, () => template);
  }
  const cors = {
    address: 'aws_s3_bucket_cors_configuration.mirror',
    mode: 'managed',
    type: 'aws_s3_bucket_cors_configuration',
    name: 'mirror',
  };
  const values = { bucket: 'acme-binary-mirror', cors_rule: rules, expected_bucket_owner: null };
  const provider = { provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0 };
  plan.planned_values.root_module.resources.push({ ...cors, ...provider, values });
  plan.resource_changes.push({
    ...cors,
    provider_name: provider.provider_name,
    change: {
      actions: ['create'],
      before: null,
      after: values,
      after_unknown: { id: true },
      before_sensitive: false,
      after_sensitive: { cors_rule: rules.map(() => ({})) },
    },
  });
  plan.configuration.root_module.resources.push({
    ...cors,
    provider_config_key: 'aws',
    expressions: { bucket: { references: ['aws_s3_bucket.mirror.id', 'aws_s3_bucket.mirror'] } },
    schema_version: 0,
  });
  const list = (items) => `[\n${items.map((item) => `    "${item}",\n`).join('')}  ]`;
  const dynamicGrants = `
    dynamic "grant" {
      for_each = local.readers
      content {
        grantee {
          id   = grant.value
          type = "CanonicalUser"
        }
        permission = "READ"
      }
    }
  }`;
  const config =
    readFileSync(scenario('s3-acl-grants', 'main.tf'), 'utf8').replace(
      /\n {2}}\n}\n\n# The same grants inline/,
      `${dynamicGrants}\n}\n\n# The same grants inline`,
    ) +
    `
locals {
  readers = ${list(readers)}
  origins = ${list(origins)}
}

resource "aws_s3_bucket_cors_configuration" "mirror" {
  bucket = aws_s3_bucket.mirror.id

  dynamic "cors_rule" {
    for_each = local.origins
    content {
      allowed_methods = ["GET"]
      allowed_origins = ${
        bothSchemes
          ? '[cors_rule.value, replace(cors_rule.value, "https:", "http:")]'
          : '[cors_rule.value]'
      }
    }
  }
}
`;
  // Every element of both sets must find the block written for it.
  const paired = [
    [acl, /^access_control_policy\.0\.grant\.\d+$/, SET_SIZE + 3],
    [cors.address, /^cors_rule\.\d+$/, SET_SIZE],
  ];
  return { text: JSON.stringify(plan), config, resources: 4, paired };
}

/**
 * A whole account's state, one line as `terraform show -json` writes it: SCANNED_RESOURCES
 * resources in 100 modules, one in ten a bucket or its public access block, the others of types no
 * adapter reads (instances, roles, DNS records, security group rules) with values of their size.
 */
function accountState() {
  const others = [
    (i) => ({
      type: 'aws_instance',
      values: {
        ami: `ami-${(1e7 + i).toString(16)}`,
        instance_type: 't3.micro',
        arn: `arn:aws:ec2:eu-west-1:123456789012:instance/i-${i}`,
        tags: { Name: `web-${i}`, team: 'platform' },
        root_block_device: [{ volume_size: 20, volume_type: 'gp3', encrypted: true }],
        vpc_security_group_ids: [`sg-${i}`],
        monitoring: false,
      },
    }),
    (i) => ({
      type: 'aws_iam_role',
      values: {
        name: `role-${i}`,
        arn: `arn:aws:iam::123456789012:role/role-${i}`,
        assume_role_policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' } }],
        }),
        max_session_duration: 3600,
        tags: {},
      },
    }),
    (i) => ({
      type: 'aws_route53_record',
      values: {
        name: `host-${i}.example.com`,
        type: 'A',
        ttl: 300,
        records: [`10.0.0.${i % 256}`],
      },
    }),
    (i) => ({
      type: 'aws_security_group_rule',
      values: { type: 'ingress', from_port: 443, to_port: 443, security_group_id: `sg-${i}` },
    }),
  ];
  const buckets = [
    (i) => ({ type: 'aws_s3_bucket', values: { bucket: `acme-${i}-releases`, tags: {} } }),
    (i) => ({
      type: 'aws_s3_bucket_public_access_block',
      values: { bucket: `acme-${i}-releases`, block_public_acls: true, block_public_policy: true },
    }),
  ];
  const modules = Array.from({ length: 100 }, (_, m) => ({
    address: `module.service_${m}`,
    resources: [],
  }));
  for (let i = 0; i < SCANNED_RESOURCES; i++) {
    const bucket = i % 20 < 2;
    const { type, values } = bucket ? buckets[i % 20](i - (i % 20)) : others[i % 4](i);
    const name = bucket ? `b${i - (i % 20)}` : `r${i}`;
    const module = modules[i % modules.length];
    module.resources.push({
      address: `${module.address}.${type}.${name}`,
      mode: 'managed',
      type,
      name,
      provider_name: 'registry.terraform.io/hashicorp/aws',
      values,
      sensitive_values: {},
    });
  }
  const state = { format_version: '1.0', values: { root_module: { child_modules: modules } } };
  return { text: JSON.stringify(state), resources: SCANNED_RESOURCES / 10 };
}

/**
 * The plan a sweep scanned: SCANNED_RESOURCES resources, a release bucket and its public-read ACL
 * each, one line, no configuration, so every resource is read and each bucket has findings.
 */
function bucketPlan() {
  const resource = (type, i, values) => ({
    address: `${type}.b${i}`,
    mode: 'managed',
    type,
    name: `b${i}`,
    provider_name: 'registry.terraform.io/hashicorp/aws',
    values,
  });
  const buckets = Array.from({ length: SCANNED_RESOURCES / 2 }, (_, i) =>
    resource('aws_s3_bucket', i, { bucket: `acme-${i}-releases`, tags: {} }),
  );
  const acls = Array.from({ length: SCANNED_RESOURCES / 2 }, (_, i) =>
    resource('aws_s3_bucket_acl', i, { bucket: `acme-${i}-releases`, acl: 'public-read' }),
  );
  const plan = {
    format_version: '1.2',
    planned_values: { root_module: { resources: [...buckets, ...acls] } },
    resource_changes: [],
  };
  return { text: JSON.stringify(plan), resources: SCANNED_RESOURCES };
}

/**
 * `posture scan <plan>` of a plan alone, in the CLI's bundle (wall time, CPU time and peak RSS of
 * one run), and before it loadPlan with the scan's focus in a child process of its own.
 */
function measureScan(work, form, { text, resources }) {
  const file = join(work, `${form}.json`);
  writeFileSync(file, text);
  const script = `
    const { loadPlan } = await import(${JSON.stringify(planLoader)});
    const { ADAPTED } = await import(${JSON.stringify(core)});
    const start = performance.now();
    const cpu = process.cpuUsage();
    const inventory = loadPlan(${JSON.stringify(file)}, { root: ${JSON.stringify(work)}, focus: ADAPTED });
    const { user, system } = process.cpuUsage(cpu);
    process.stdout.write(JSON.stringify({
      seconds: (performance.now() - start) / 1000,
      cpuSeconds: (user + system) / 1e6,
      resources: inventory.resources.length,
      diagnostics: inventory.diagnostics.length,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }));`;
  const load = JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
  );
  if (load.resources !== resources || load.diagnostics > 0) {
    throw new Error(`${form}: ${JSON.stringify(load)} (${resources} resources read expected)`);
  }
  const scan = runCli(['scan', file, '--format', 'json', '-o', join(work, 'out.json')], work);
  const mb = statSync(file).size / (1024 * 1024);
  return {
    seconds: load.seconds,
    cpuSeconds: load.cpuSeconds,
    mb,
    mbPerSecond: mb / load.seconds,
    peakRssMb: load.peakRssMb,
    scanSeconds: scan.ms / 1000,
    scanCpuSeconds: scan.cpuMs / 1000,
    scanPeakRssMb: scan.rssMb,
  };
}

function measure(file, root, paired = []) {
  const script = `
    const { loadPlan, mapToConfiguration } = await import(${JSON.stringify(planLoader)});
    const { loadTerraform } = await import(${JSON.stringify(hclLoader)});
    const config = loadTerraform({ root: ${JSON.stringify(root)} });
    const start = performance.now();
    const cpu = process.cpuUsage();
    const inventory = loadPlan(${JSON.stringify(file)}, { root: ${JSON.stringify(root)} });
    const seconds = (performance.now() - start) / 1000;
    const { user, system } = process.cpuUsage(cpu);
    const mapStart = performance.now();
    const mapped = mapToConfiguration(inventory, config);
    const mapSeconds = (performance.now() - mapStart) / 1000;
    const unpaired = ${JSON.stringify(paired.map(([address, path, size]) => [address, path.source, size]))}
      .filter(([address, path, size]) => {
        const { ranges } = mapped.resources.find((r) => r.address === address);
        return Object.keys(ranges).filter((key) => new RegExp(path).test(key)).length !== size;
      })
      .map(([address]) => address);
    const unmapped = mapped.resources.filter((r) => !r.ranges['']?.file.endsWith('.tf')).length;
    process.stdout.write(JSON.stringify({
      seconds,
      cpuSeconds: (user + system) / 1e6,
      mapSeconds,
      resources: inventory.resources.length,
      diagnostics: inventory.diagnostics.length + config.diagnostics.length,
      unmapped,
      unpaired,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }));`;
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
  );
}

/** Loads and maps one generated plan in its own directory beside its configuration. */
function measurePlan(work, form, { text, config, resources, paired }) {
  const root = join(work, form);
  mkdirSync(root);
  writeFileSync(join(root, 'main.tf'), config);
  const file = join(root, 'plan.json');
  writeFileSync(file, text);
  const mb = statSync(file).size / (1024 * 1024);
  const result = measure(file, root, paired);
  if (
    result.diagnostics > 0 ||
    result.resources !== resources ||
    result.unmapped > 0 ||
    result.unpaired.length > 0
  ) {
    throw new Error(`${form}: ${JSON.stringify(result)} (${resources} resources expected)`);
  }
  return {
    seconds: result.seconds,
    cpuSeconds: result.cpuSeconds,
    mapSeconds: result.mapSeconds,
    mb,
    mbPerSecond: mb / result.seconds,
    peakRssMb: result.peakRssMb,
  };
}

export function run() {
  const work = mkdtempSync(join(tmpdir(), 'posture-plan-bench-'));
  try {
    // Terraform writes one line; the pretty form (as in the fixtures) has a line per value.
    const rows = [
      ['one-line', undefined],
      ['pretty-printed', 2],
    ].map(([form, indent]) => {
      const plan = largePlan(indent);
      return { name: `${form}, ${plan.resources} resources`, ...measurePlan(work, form, plan) };
    });
    rows.push(
      {
        name: `${SET_SIZE} ACL grants, ${SET_SIZE} CORS rules`,
        ...measurePlan(work, 'large-sets', largeSets()),
      },
      {
        name: `${SET_SIZE} ACL grants, ${SET_SIZE} CORS rules of two origins`,
        ...measurePlan(work, 'large-sets-two-origins', largeSets({ bothSchemes: true })),
      },
    );
    rows.push(
      {
        name: `account state, ${SCANNED_RESOURCES} resources, 1 in 10 read`,
        ...measureScan(work, 'account-state', accountState()),
      },
      {
        name: `${SCANNED_RESOURCES / 2} public buckets and their ACLs`,
        ...measureScan(work, 'bucket-plan', bucketPlan()),
      },
    );
    return {
      columns: [
        'name',
        'seconds',
        'cpuSeconds',
        'mapSeconds',
        'mb',
        'mbPerSecond',
        'peakRssMb',
        'scanSeconds',
        'scanCpuSeconds',
        'scanPeakRssMb',
      ],
      rows,
      notes: [
        'seconds: loadPlan alone, in a fresh child process (cpuSeconds: its CPU time); mapSeconds: ' +
          "mapToConfiguration of its inventory onto the configuration's (loadTerraform, not " +
          "timed); peakRssMb: that process's peak RSS. scan*: `posture scan <plan> --format json` " +
          'of the plan alone, one run of the bundle, wall and CPU time and peak RSS.',
      ],
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
