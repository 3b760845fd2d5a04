import { describe, expect, it } from 'vitest';
import { isUnknown } from '@posture/model';
import { loadFixture, resource } from './support/fixtures.js';

describe('variable values', () => {
  const inventory = loadFixture('tfvars', { varFiles: ['extra.tfvars'], vars: { f: 'api' } });
  const input = resource(inventory, 'terraform_data.v').values.input as Record<string, unknown>;

  it('follow Terraform precedence: defaults, tfvars, tfvars.json, auto files, var files, API', () => {
    expect(input).toMatchObject({
      a: 'tfvars',
      b: 'tfvars.json',
      c: 'a.auto',
      d: 'b.auto.json',
      e: 'extra',
      f: 'api',
      only_default: 'default',
    });
  });

  it('leave a variable without any value unknown, saying why', () => {
    expect(isUnknown(input.g) && input.g.reason).toBe('variable g has no value');
  });

  it('convert to the declared type, with optional attribute defaults', () => {
    expect(input.n).toBe(3);
    expect(input.settings).toEqual({ public: false, name: 's', versions: null });
  });

  it('record every variable file read, and only those', () => {
    expect(inventory.files.map((f) => [f.path, f.kind])).toEqual([
      ['a.auto.tfvars', 'tfvars'],
      ['b.auto.tfvars.json', 'tfvars'],
      ['extra.tfvars', 'tfvars'],
      ['terraform.tfvars', 'tfvars'],
      ['terraform.tfvars.json', 'tfvars'],
      ['variables.tf', 'terraform'],
    ]);
  });

  it('refuse a var file outside the root', () => {
    const outside = loadFixture('tfvars', { varFiles: ['../locals/main.tf'] });
    expect(outside.diagnostics.map((d) => d.code)).toContain('path-outside-root');
  });
});
