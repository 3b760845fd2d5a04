// Bench section: loadPlan on a plan of at least 50 MB, built by replicating the resources of a real
// fixture under new addresses. Each load runs in a child process so its peak RSS is its own.
// Needs `tsc -b` first (it loads packages/plan/dist).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const name = 'plan-large';
export const description = 'loadPlan on a 50 MB+ plan JSON (s3-split-acl replicated)';

const TARGET_BYTES = 50 * 1024 * 1024;
const fixture = new URL(
  '../packages/plan/test/fixtures/scenarios/s3-split-acl/plan.json',
  import.meta.url,
);
const loader = new URL('../packages/plan/dist/index.js', import.meta.url).href;

/**
 * The fixture with its resources, changes and configuration repeated under the names
 * `downloads_0`, `downloads_1`, … until the JSON reaches the target size, references included, so
 * the loader does the same work per resource as on the real plan.
 */
function largePlan(indent) {
  const plan = JSON.parse(readFileSync(fixture, 'utf8'));
  const sections = [
    plan.planned_values.root_module.resources,
    plan.resource_changes,
    plan.configuration.root_module.resources,
  ];
  const templates = sections.map((list) => JSON.stringify(list));
  const copyBytes = templates.reduce((sum, template) => sum + template.length, 0);
  const copies = Math.ceil(TARGET_BYTES / copyBytes);
  const copied = templates.map((template) =>
    Array.from({ length: copies }, (_, i) =>
      JSON.parse(
        template
          .replaceAll('.downloads', `.downloads_${i}`)
          .replaceAll('"name":"downloads"', `"name":"downloads_${i}"`),
      ),
    ).flat(),
  );
  [
    plan.planned_values.root_module.resources,
    plan.resource_changes,
    plan.configuration.root_module.resources,
  ] = copied;
  return { text: JSON.stringify(plan, null, indent), resources: copied[0].length };
}

function measure(file, root) {
  const script = `
    const { loadPlan } = await import(${JSON.stringify(loader)});
    const start = performance.now();
    const inventory = loadPlan(${JSON.stringify(file)}, { root: ${JSON.stringify(root)} });
    const seconds = (performance.now() - start) / 1000;
    process.stdout.write(JSON.stringify({
      seconds,
      resources: inventory.resources.length,
      diagnostics: inventory.diagnostics.length,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }));`;
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
  );
}

export function run() {
  const root = mkdtempSync(join(tmpdir(), 'posture-plan-bench-'));
  try {
    // Terraform writes one line; the pretty form (as in the fixtures) has a line per value.
    const rows = [
      ['one-line', undefined],
      ['pretty-printed', 2],
    ].map(([form, indent]) => {
      const { text, resources } = largePlan(indent);
      const file = join(root, `plan-${form}.json`);
      writeFileSync(file, text);
      const mb = statSync(file).size / (1024 * 1024);
      const result = measure(file, root);
      if (result.diagnostics > 0 || result.resources !== resources) {
        throw new Error(
          `${form}: ${result.resources}/${resources} resources, ${result.diagnostics} diagnostics`,
        );
      }
      return {
        name: `loadPlan, ${form}, ${resources} resources`,
        seconds: result.seconds,
        mb,
        mbPerSecond: mb / result.seconds,
        peakRssMb: result.peakRssMb,
      };
    });
    return {
      columns: ['name', 'seconds', 'mb', 'mbPerSecond', 'peakRssMb'],
      rows,
      notes: [
        "seconds: loadPlan alone, in a fresh child process; peakRssMb: that process's peak RSS.",
      ],
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
