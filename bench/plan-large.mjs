// Bench section: loadPlan on a plan of at least 50 MB, built by replicating the resources of a real
// fixture under new addresses, and the mapping of plans onto their configuration
// (mapToConfiguration): that plan's, and two whose resources hold sets of thousands of elements
// written by `dynamic` blocks, the second's differing only in lists of several strings. Each load
// runs in a child process so its peak RSS is its own.
// Needs `tsc -b` first (it loads packages/plan/dist and packages/hcl/dist).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const name = 'plan-large';
export const description =
  'loadPlan on a 50 MB+ plan JSON (s3-split-acl replicated); mapToConfiguration, large sets';

const TARGET_BYTES = 50 * 1024 * 1024;
/** Elements of each set written by a `dynamic` block in the large-set plan. */
const SET_SIZE = 5000;
const scenario = (name, file) =>
  new URL(`../packages/plan/test/fixtures/scenarios/${name}/${file}`, import.meta.url);
const planLoader = new URL('../packages/plan/dist/index.js', import.meta.url).href;
const hclLoader = new URL('../packages/hcl/dist/index.js', import.meta.url).href;

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

function measure(file, root, paired = []) {
  const script = `
    const { loadPlan, mapToConfiguration } = await import(${JSON.stringify(planLoader)});
    const { loadTerraform } = await import(${JSON.stringify(hclLoader)});
    const config = loadTerraform({ root: ${JSON.stringify(root)} });
    const start = performance.now();
    const inventory = loadPlan(${JSON.stringify(file)}, { root: ${JSON.stringify(root)} });
    const seconds = (performance.now() - start) / 1000;
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
    return {
      columns: ['name', 'seconds', 'mapSeconds', 'mb', 'mbPerSecond', 'peakRssMb'],
      rows,
      notes: [
        'seconds: loadPlan alone, in a fresh child process; mapSeconds: mapToConfiguration of its ' +
          "inventory onto the configuration's (loadTerraform, not timed); peakRssMb: that " +
          "process's peak RSS.",
      ],
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
