import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinRules, findRule } from '../src/index.js';

const IDS = [
  's3-public-access-block',
  's3-public-acl',
  's3-acls-enabled',
  's3-public-policy',
  's3-cloudfront-unscoped',
  's3-website',
  's3-public-cloudfront',
  'r2-public-dev-url',
  'r2-public-custom-domain',
  'r2-worker-binding',
  'r2-s3-controls-ineffective',
  'gcs-public-access-prevention',
  'gcs-uniform-access',
  'gcs-public-iam',
  'gcs-public-acl',
  'gcs-public-backend-bucket',
  'bucket-not-provably-private',
  'link-release-bucket',
  'link-public-bucket',
  'link-public-upload',
  'link-opens-bucket',
  'link-presigned-url',
  'link-source-map',
  'input-unreadable',
  'module-unresolved',
  'exception-invalid',
  'exception-expired',
  'exception-unused',
  'annotation-unused',
  'artifact-not-allowed',
  'artifact-sources-content',
  'artifact-inline-source-map',
  'artifact-source-map-url',
  'artifact-credential',
  'artifact-storage-link',
  'artifact-link-unjudged',
  'artifact-unsafe-entry',
  'artifact-unreadable',
  'artifact-target-missing',
  'artifact-manifest-mismatch',
];

describe('the built-in catalogue', () => {
  it('holds exactly the fixed rule ids, each once', () => {
    expect(builtinRules.map((rule) => rule.meta.id)).toEqual(IDS);
  });

  it('finds rules by id', () => {
    expect(findRule('s3-public-policy')?.meta.id).toBe('s3-public-policy');
    expect(findRule('no-such-rule')).toBeUndefined();
  });

  describe.each(builtinRules.map((rule) => [rule.meta.id, rule] as const))('%s', (id, rule) => {
    const { meta } = rule;

    it('lives in its own module, src/<area>/<id>.ts', () => {
      const area = {
        bucket: ['s3', 'r2', 'gcs', 'bucket'],
        link: ['link'],
        diagnostic: ['diagnostic', 'policy'],
        artifact: ['artifact'],
      }[rule.kind];
      expect(
        area.some((dir) => existsSync(new URL(`../src/${dir}/${id}.ts`, import.meta.url))),
      ).toBe(true);
    });

    it('has complete metadata', () => {
      for (const text of [
        meta.title,
        meta.why,
        meta.fix,
        meta.bad.code,
        meta.good.code,
        meta.bad.language,
        meta.good.language,
      ]) {
        expect(text.trim()).not.toBe('');
      }
      expect(meta.bad.code).not.toBe(meta.good.code);
      expect(meta.why.length).toBeGreaterThan(100);
      expect(meta.title).not.toMatch(/\.$/);
    });

    it('has at most 20 unique tags, including security and its area', () => {
      expect(meta.tags.length).toBeLessThanOrEqual(20);
      expect(new Set(meta.tags).size).toBe(meta.tags.length);
      expect(meta.tags).toContain('security');
      if (rule.kind === 'bucket')
        for (const service of rule.services) expect(meta.tags).toContain(service);
      if (rule.kind === 'link') expect(meta.tags).toContain('link');
      if (rule.kind === 'artifact') expect(meta.tags).toContain('artifact');
    });

    it('names CWEs in the CWE-<n> form', () => {
      for (const cwe of meta.cwe) expect(cwe).toMatch(/^CWE-\d+$/);
      if (rule.kind !== 'diagnostic') expect(meta.cwe.length).toBeGreaterThan(0);
    });
  });
});
