import { describe, expect, it } from 'vitest';
import { pathGlobs, policyGlobs } from '../src/policy/path-globs.js';

describe('path globs: written relative to one directory, tested on scan-root-relative paths', () => {
  it.each([
    ['in the scan root', '/repo', '/repo', 'infra/legacy/**', 'infra/legacy/old.tf', true],
    ['above the scan root', '/repo', '/repo/infra', 'infra/legacy/**', 'legacy/old.tf', true],
    [
      'above the scan root, naming another path',
      '/repo',
      '/repo/infra',
      'legacy/**',
      'legacy/old.tf',
      false,
    ],
    ['below the scan root', '/repo/infra', '/repo', 'legacy/**', 'infra/legacy/old.tf', true],
    [
      'below the scan root, for a path outside it',
      '/repo/infra',
      '/repo',
      '**',
      'app/main.tf',
      false,
    ],
    ['below the scan root, for its own directory', '/repo/infra', '/repo', '**', 'infra', false],
    ['beside the scan root', '/repo/app', '/repo/infra', '**', 'main.tf', false],
    [
      'in the scan root, for a dotted path',
      '/repo',
      '/repo',
      '**/*.yml',
      '.github/workflows/ci.yml',
      true,
    ],
  ])('%s', (_where, base, root, glob, path, matches) => {
    expect(pathGlobs([glob], base, root)(path)).toBe(matches);
  });

  it('match nothing when there are none', () => {
    expect(pathGlobs([], '/repo', '/repo')('main.tf')).toBe(false);
  });
});

describe('policy globs: relative to the policy file’s directory, else the scan root', () => {
  it.each([
    ['a policy file above the scan root', '/repo/posture.config.yaml', 'infra/**', true],
    ['a policy file in the scan root', '/repo/infra/posture.config.yaml', 'legacy/**', true],
    [
      'a policy file in the scan root, naming a path above',
      '/repo/infra/posture.config.yaml',
      'infra/**',
      false,
    ],
    ['no policy file', undefined, 'legacy/**', true],
    ['no policy file, naming a path above the scan root', undefined, 'infra/**', false],
  ])('%s', (_where, policyFile, glob, matches) => {
    expect(policyGlobs([glob], policyFile, '/repo/infra')('legacy/old.tf')).toBe(matches);
  });
});
