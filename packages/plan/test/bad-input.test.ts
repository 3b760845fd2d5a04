import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Inventory } from '@posture/model';
import { loadPlan } from '@posture/plan';
import { fixtures, loadText, startOf } from './support.js';
import { tempDir } from '../../../test/support/temp-dirs.js';

const realPlan = readFileSync(join(fixtures, 'scenarios/s3-split-acl/plan.json'), 'utf8');

/** The one diagnostic of a rejected file, after checking the inventory is empty but valid. */
function rejected(inventory: Inventory, code: string) {
  expect(inventory).toMatchObject({ resources: [], providers: [], moduleCalls: [] });
  expect(inventory.diagnostics.length).toBeGreaterThan(0);
  for (const diagnostic of inventory.diagnostics) {
    expect(diagnostic).toMatchObject({ severity: 'error', code });
    expect(diagnostic.message).toContain('plan.json');
    expect(diagnostic.range.file).toBe('plan.json');
  }
  return inventory.diagnostics[0];
}

describe('input that is not JSON', () => {
  it('text: plan-syntax at its line and column', () => {
    const inventory = loadText('plan.json', 'Error: Failed to read plan from plan file\n');
    const diagnostic = rejected(inventory, 'plan-syntax');
    expect(diagnostic?.message).toMatch(/plan\.json is not valid JSON: .* \(line 1, column 1\)/);
    // The file was still scanned: its hash is evidence.
    expect(inventory.files).toMatchObject([{ path: 'plan.json', kind: 'plan' }]);
  });

  it('a syntax error inside the document: the line and column of the error', () => {
    const text = '{\n  "format_version": "1.2",\n  "planned_values": { "root_module": ,}\n}\n';
    const diagnostic = rejected(loadText('plan.json', text), 'plan-syntax');
    expect(startOf(diagnostic?.range)).toBe('3:38');
    expect(diagnostic?.message).toContain('(line 3, column 38)');
  });

  it('truncated JSON: says so, at the end of the file', () => {
    const text = realPlan.slice(0, 5000);
    const diagnostic = rejected(loadText('plan.json', text), 'plan-syntax');
    expect(diagnostic?.message).toContain('truncated');
    expect(diagnostic?.range.start.line).toBe(text.split('\n').length);
  });

  it('a plan nested 100,000 levels deep: where it gets too deep, not a stack overflow', () => {
    const deep = `${'['.repeat(100_000)}"x"${']'.repeat(100_000)}`;
    const text = realPlan.replace('"format_version"', `"deep": ${deep}, "format_version"`);
    const diagnostic = rejected(loadText('plan.json', text), 'plan-syntax');
    expect(diagnostic?.message).toContain('is nested more than 512 levels deep');
  });

  it('an empty file', () => {
    expect(rejected(loadText('plan.json', ''), 'plan-syntax')?.message).toContain('is empty');
  });

  it('the binary plan file itself: tells how to convert it', () => {
    const zip = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64)]);
    const diagnostic = rejected(loadText('plan.json', zip), 'plan-syntax');
    expect(diagnostic?.message).toContain('terraform show -json');
  });
});

// `JSON.parse` keeps the last of a key given twice: a second, empty `planned_values` after the real
// one read as a plan of nothing, "No findings", while the file shows its public buckets; a second
// `"acl": "private"` in a resource's values hid the public one another reader of the file takes.
describe('a key given twice in any object of the file', () => {
  /** The real plan with `added` inserted before the first `before` (a key and its colon). */
  const twice = (before: string, added: string) => {
    const at = realPlan.indexOf(before);
    expect(at).toBeGreaterThan(-1);
    return { text: realPlan.slice(0, at) + added + realPlan.slice(at), at };
  };

  it.each([
    ['the document', '"planned_values": {', '"planned_values": {"root_module": {}}, '],
    ['a module tree', '"resources": [', '"resources": [], '],
    ['a resource object', '"values": {', '"values": {}, '],
    ['a module call or provider block', '"name": "aws"', '"name": "aws", '],
    ["a resource's values", '"acl": "public-read"', '"acl": "private", '],
    ["an object inside a resource's values", '"release": "true"', '"release": "false", '],
    ["a change's after_unknown", '"acl": true', '"acl": false, '],
    ["a provider block's expression", '"constant_value": "dummy"', '"constant_value": "x", '],
  ])('%s: plan-syntax where it is given again', (_, before, added) => {
    const { text, at } = twice(before, added);
    const diagnostic = rejected(loadText('plan.json', text), 'plan-syntax');
    const key = before.split('"')[1];
    expect(diagnostic?.message).toContain(`gives "${key}" twice in one object`);
    // The written one, after the one added.
    expect(diagnostic?.range.start.offset).toBe(at + added.length);
  });

  it('is read where the same key is in different objects', () => {
    expect(loadText('plan.json', realPlan).diagnostics).toEqual([]);
  });

  it('is read where keys and strings hold colons, braces and quotes', () => {
    const { text } = twice('"force_destroy"', '"a:b": "c: {d}", "e\\":": [":", {"f:": "\\":"}], ');
    expect(loadText('plan.json', text).diagnostics).toEqual([]);
  });
});

describe('JSON that is not a plan or state', () => {
  it('no format_version', () => {
    const diagnostic = rejected(loadText('plan.json', '{"resources": []}'), 'plan-not-a-plan');
    expect(diagnostic?.message).toContain('"format_version"');
  });

  it('a JSON array', () => {
    rejected(loadText('plan.json', '[1, 2]'), 'plan-not-a-plan');
  });

  it.each([
    ['provider schemas', '{"format_version": "1.0", "provider_schemas": {}}'],
    ['function signatures', '{"format_version": "1.0", "function_signatures": {}}'],
  ])('other `terraform show -json` output: %s', (_, text) => {
    const diagnostic = rejected(loadText('plan.json', text), 'plan-not-a-plan');
    expect(diagnostic?.message).toContain('"planned_values"');
  });
});

// `terraform show -json` of a workspace with no state yet is `{"format_version":"1.0"}`: it was
// refused as not Terraform output (high, the gate failed), telling to run what had been run.
describe('the state of nothing', () => {
  it.each(['{"format_version":"1.0"}\n', '{ "format_version": "1.1" }'])('%s', (text) => {
    const inventory = loadText('state.json', text);
    expect(inventory.diagnostics).toEqual([]);
    expect(inventory.resources).toEqual([]);
    expect(inventory.files).toMatchObject([{ path: 'state.json', kind: 'state' }]);
  });
});

it('an unsupported format_version: plan-format-version on its line', () => {
  const text = '{\n  "format_version": "2.0",\n  "planned_values": {}\n}';
  const diagnostic = rejected(loadText('plan.json', text), 'plan-format-version');
  expect(diagnostic?.message).toContain('"2.0"');
  expect(startOf(diagnostic?.range)).toBe('2:3');
});

it('a plan of a failed terraform plan: plan-errored, nothing scanned', () => {
  const text = realPlan.replace('"errored": false', '"errored": true');
  const diagnostic = rejected(loadText('plan.json', text), 'plan-errored');
  expect(diagnostic?.range.start.line).toBe(realPlan.split('"errored"')[0]?.split('\n').length);
});

describe('schema violations name the JSON path and the line', () => {
  it('a resource mode Terraform never writes', () => {
    const text = realPlan.replace('"mode": "managed"', '"mode": "resource"');
    const diagnostic = rejected(loadText('plan.json', text), 'plan-schema');
    expect(diagnostic?.message).toBe(
      'plan.json:9:11: $.planned_values.root_module.resources[0].mode' +
        ' must be equal to one of the allowed values ("managed", "data")',
    );
    expect(startOf(diagnostic?.range)).toBe('9:11');
  });

  it('resources that are not a list, and a change without actions', () => {
    const plan = JSON.parse(realPlan);
    plan.planned_values.root_module.resources = {};
    delete plan.resource_changes[1].change.actions;
    const inventory = loadText('plan.json', JSON.stringify(plan, null, 2));
    rejected(inventory, 'plan-schema');
    expect(inventory.diagnostics.map((d) => d.message.split(': ')[1])).toEqual([
      '$.planned_values.root_module.resources must be array',
      "$.resource_changes[1].change must have required property 'actions'",
    ]);
  });

  it("a resource's for_each whose references are not a list", () => {
    const plan = JSON.parse(realPlan);
    plan.configuration.root_module.resources[0].for_each_expression = { references: 'x.y' };
    const diagnostic = rejected(loadText('plan.json', JSON.stringify(plan)), 'plan-schema');
    expect(diagnostic?.message).toContain(
      '$.configuration.root_module.resources[0].for_each_expression.references must be array',
    );
  });
});

it.each([
  ['that is not there', () => join(fixtures, 'no-such-plan.json'), 'does not exist'],
  ['that is a device, which never ends', () => '/dev/zero', 'not a regular file'],
  [
    'that is a named pipe, which waits for a writer',
    () => {
      const pipe = join(tempDir('plan'), 'plan.json');
      expect(spawnSync('mkfifo', [pipe]).status, 'mkfifo is needed for this test').toBe(0);
      return pipe;
    },
    'not a regular file',
  ],
])('a file %s: plan-read, no file recorded', (_what, path, reason) => {
  const inventory = loadPlan(path(), { root: fixtures });
  expect(inventory).toMatchObject({ files: [], resources: [] });
  expect(inventory.diagnostics).toMatchObject([{ severity: 'error', code: 'plan-read' }]);
  expect(inventory.diagnostics[0]?.message).toContain(`cannot be read (${reason})`);
});
