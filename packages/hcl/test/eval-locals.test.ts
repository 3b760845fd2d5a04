import { describe, expect, it } from 'vitest';
import { isUnknown } from '@posture/model';
import { loadFixture, resource } from './support/fixtures.js';

describe('locals', () => {
  const inventory = loadFixture('locals');
  const bucket = resource(inventory, 'aws_s3_bucket.b');

  it('resolve in any order', () => {
    expect(bucket.values.bucket).toBe('web-release');
  });

  it('report a cycle once and evaluate it to unknown', () => {
    const tags = bucket.values.tags as Record<string, unknown>;
    expect(isUnknown(tags.loop)).toBe(true);
    const cycles = inventory.diagnostics.filter((d) => d.code === 'eval-cycle');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toMatchObject({ severity: 'warning', range: { file: 'main.tf' } });
  });

  it('know the path, not the workspace, which is chosen when Terraform runs', () => {
    const tags = bucket.values.tags as Record<string, unknown>;
    expect(tags).toMatchObject({ path: '.' });
    expect(tags.ws).toMatchObject({ reason: 'terraform.workspace is chosen when Terraform runs' });
  });
});
