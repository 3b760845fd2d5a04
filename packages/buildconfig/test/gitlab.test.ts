/** GitLab CI files as GitLab writes them: `!reference` tags are configuration, not broken YAML. */
import { expect, it } from 'vitest';
import { scanText } from './helpers.js';

it('reads a pipeline that uses !reference, with no parse error', () => {
  const text = [
    '.setup:',
    '  script: [echo setup]',
    'release:',
    '  rules:',
    '    - if: $CI_COMMIT_TAG',
    '  script:',
    '    - !reference [.setup, script]',
    '    - aws s3 cp dist s3://acme-releases/ --recursive --acl public-read',
    '',
  ].join('\n');
  const { links, diagnostics } = scanText('.gitlab-ci.yml', text);
  expect(diagnostics).toEqual([]);
  expect(links.map((l) => [l.url, l.usage, l.releaseStep, l.field])).toEqual([
    ['s3://acme-releases/', 'public-upload', true, 'release.script[1]'],
  ]);
});

it('takes the last value of a key written twice, as GitLab does, instead of failing the file', () => {
  const text =
    'release:\n  script: [echo]\nrelease:\n  script: [aws s3 cp dist s3://acme-releases/]\n';
  const { links, diagnostics } = scanText('.gitlab-ci.yml', text);
  expect(diagnostics).toEqual([]);
  expect(links.map((l) => l.url)).toEqual(['s3://acme-releases/']);
});
