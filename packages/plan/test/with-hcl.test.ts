import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTerraform } from '@posture/hcl';
import { loadPlan, mapToConfiguration } from '@posture/plan';
import { fixtures, resource, startOf } from './support.js';

const scenarios = readdirSync(join(fixtures, 'scenarios'));

/** A scenario's plan mapped onto the HCL loader's reading of the same directory. */
function scan(name: string) {
  const root = join(fixtures, 'scenarios', name);
  const config = loadTerraform({ root });
  const plan = loadPlan(join(root, 'plan.json'), { root });
  return { config, plan, mapped: mapToConfiguration(plan, config) };
}

describe.each(scenarios)('%s: the plan and the HCL loader agree', (name) => {
  const { config, plan, mapped } = scan(name);

  it('on instances, providers and links', () => {
    expect(config.diagnostics).toEqual([]);
    const byAddress = (list: typeof plan.resources) =>
      [...list]
        .map(({ address, provider, references }) => ({
          address,
          provider,
          references: [...references].sort(),
        }))
        .sort((a, b) => a.address.localeCompare(b.address));
    expect(byAddress(plan.resources)).toEqual(byAddress(config.resources));
  });

  it('so every plan resource points at its .tf block', () => {
    for (const r of mapped.resources) expect(r.ranges['']?.file).toMatch(/\.tf$/);
    for (const p of mapped.providers) expect(p.ranges['']?.file).toMatch(/\.tf$/);
    for (const c of mapped.moduleCalls) expect(c.ranges['']?.file).toMatch(/\.tf$/);
  });
});

it('lands findings on the lines of the .tf files', () => {
  const split = scan('s3-split-acl').mapped;
  const acl = resource(split, 'aws_s3_bucket_acl.downloads');
  expect(acl.ranges['']?.file).toBe('main.tf');
  expect(startOf(acl.ranges[''])).toBe('47:1');
  expect(acl.ranges.acl?.start.line).toBe(54);
  const modules = scan('s3-for-each-modules').mapped;
  const page = resource(
    modules,
    'module.product_releases["cli"].aws_s3_bucket.this["install-page"]',
  );
  expect(page.ranges['']?.file).toBe('modules/release-buckets/main.tf');
  expect(page.values.bucket).toBe('cli-prod-install-page');
  const r2 = scan('r2-via-aws').mapped;
  expect(resource(r2, 'aws_s3_bucket.artifacts').annotations.map((a) => a.text)).toEqual([
    'release',
  ]);
});

it('lands each element of a set on the block written with its content, not on the one at its index', () => {
  // The plan lists the grants AllUsers READ, AllUsers READ_ACP, then the owner's FULL_CONTROL.
  const grants = scan('s3-acl-grants').mapped;
  const acl = resource(grants, 'aws_s3_bucket_acl.mirror');
  expect(acl.values.access_control_policy).toMatchObject([
    { grant: [{ permission: 'READ' }, { permission: 'READ_ACP' }, { permission: 'FULL_CONTROL' }] },
  ]);
  const grantLines = [0, 1, 2].map(
    (i) => acl.ranges[`access_control_policy.0.grant.${i}`]?.start.line,
  );
  expect(grantLines).toEqual([43, 51, 35]);
  // Legacy inline grants, and the permissions in each, a set of strings the plan sorts.
  const legacy = resource(grants, 'aws_s3_bucket.legacy');
  expect(startOf(legacy.ranges['grant.0'])).toBe('71:3');
  expect(startOf(legacy.ranges['grant.1'])).toBe('65:3');
  expect(legacy.values.grant).toMatchObject([{ permissions: ['READ', 'READ_ACP'] }, {}]);
  expect(startOf(legacy.ranges['grant.0.permissions.0'])).toBe('73:32');
  expect(startOf(legacy.ranges['grant.0.permissions.1'])).toBe('73:20');
});
