import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GITHUB_COMMENT_LIMIT, toMarkdown } from '../src/index.js';
import { finding } from './support/fixture.js';
import { sampleFixture } from './support/sample.js';

const { fixture, result } = sampleFixture();
afterAll(() => fixture.cleanup());

describe('toMarkdown', () => {
  it('summarises findings, suppressions, unreadable inputs and the policy owner', () => {
    expect(toMarkdown(result)).toBe(
      [
        '### ❌ Posture: 5 findings (1 critical, 1 high, 1 medium, 1 low, 1 info)',
        '',
        '4 buckets (2 release-use) · 1 storage link · 5 files scanned',
        '',
        '| Severity | Rule | Location | Message |',
        '| --- | --- | --- | --- |',
        '| critical | `s3-public-policy` | `infra/main.tf:13` | aws\\_s3\\_bucket.releases has a bucket policy that lets anyone read objects. |',
        '| high | `s3-public-acl` | `infra/main.tf:3` | aws\\_s3\\_bucket.releases sets acl = "public-read". |',
        '| medium | `r2-public-dev-url` | `infra/release assets/r2 bucket.tf:3` | The r2.dev URL of acme-assets is enabled. |',
        '| low | `link-public-upload` | `infra/.github/workflows/release.yml:4` | The release step uploads to s3://acme-releases with a public-read ACL. |',
        '| info | `gcs-public-iam` | `infra/modules/ünïcode #1/gcs.tf:3` | acme-docs grants allUsers a role. |',
        '',
        '1 suppressed finding not shown.',
        '',
        '**Unreadable inputs (1)**',
        '',
        '- `infra/broken.tf:1` `hcl-syntax`: Unexpected token.',
        '',
        'Policy: owner `@platform-team`, `infra/posture.yml`',
        '',
      ].join('\n'),
    );
  });

  // The root is infra/ in the repository: a policy is named from the repository's top, as the
  // locations in it are, climbing out of it for one outside, never by a path of the machine.
  it.each([
    ['in the repository', 'posture.config.yaml', '`infra/posture.config.yaml`'],
    ['outside the repository', '../../central/strict.yaml', '`../central/strict.yaml`'],
  ])('names a policy file %s as its locations are named', (_where, file, named) => {
    const path = resolve(fixture.root, file);
    expect(toMarkdown(fixture.result({ policy: { path } }))).toContain(`Policy: ${named}\n`);
  });

  it('reports a clean scan', () => {
    expect(toMarkdown(fixture.result())).toBe(
      '### ✅ Posture: no findings\n\n0 buckets (0 release-use) · 0 storage links · 0 files scanned\n',
    );
  });

  it('does not call a scan clean when inputs could not be read', () => {
    const failed = fixture.result({
      invocation: { ...result.invocation, executionSuccessful: false },
    });
    expect(toMarkdown(failed)).toMatch(
      /^### ❌ Posture: no findings, but some inputs could not be read\n/,
    );
  });

  it('escapes table syntax and markup in messages', () => {
    const location = fixture.range('main.tf', 'acl');
    const markdown = toMarkdown(
      fixture.result({
        findings: [finding('s3-x', location, { message: 'A | B <img src=x> `c` *d*. Rest.' })],
      }),
    );
    expect(markdown).toContain('| A \\| B \\<img src=x\\> \\`c\\` \\*d\\*. |');
  });

  // A mention notifies people at every posting and a bare URL autolinks: a code span shows them
  // as written (they copy as written) and makes neither live.
  it.each([
    ['a team mention', 'Owned by @acme/release-team. Rest.', 'Owned by `@acme/release-team`.'],
    ['a user mention', 'Ask @alice, then @bob. Rest.', 'Ask `@alice`, then `@bob`.'],
    [
      'an email address, which GitHub links (no mention)',
      'Mail ops@acme.example now. Rest.',
      'Mail `ops@acme.example` now.',
    ],
    ['a plus address', 'Mail a.b+ci@acme.co.uk, then. Rest.', 'Mail `a.b+ci@acme.co.uk`, then.'],
    ['an issue reference', 'Fixes #123 and (#7). Rest.', 'Fixes `#123` and (`#7`).'],
    ['a GH- reference', 'See GH-45, gh-46. Rest.', 'See `GH-45`, `gh-46`.'],
    [
      'a reference to another repository',
      'See acme/infra.tf#12 now. Rest.',
      'See `acme/infra.tf#12` now.',
    ],
    ['a # with no number', 'Use C# or #main here. Rest.', 'Use C# or #main here.'],
    ['an HTML entity that decodes to a mention', 'Ask &#64;alice. Rest.', 'Ask \\&#64;alice.'],
    [
      'a bare URL',
      'Fetches https://acme-releases.s3.amazonaws.com/cli.tgz. Rest.',
      'Fetches `https://acme-releases.s3.amazonaws.com/cli.tgz`.',
    ],
    [
      'a www host',
      'See www.acme.example/dl, then stop. Rest.',
      'See `www.acme.example/dl`, then stop.',
    ],
    [
      'a quoted URL with a pipe',
      'Links "https://a.example/x|y" here. Rest.',
      'Links "`https://a.example/x\\|y`" here.',
    ],
  ])(
    'writes %s as GitHub makes nothing live: in a code span, or escaped',
    (_what, message, cell) => {
      const location = fixture.range('main.tf', 'acl');
      const markdown = toMarkdown(
        fixture.result({ findings: [finding('s3-x', location, { message })] }),
      );
      expect(markdown).toContain(`| ${cell} |`);
    },
  );

  it('keeps a policy owner from being mentioned', () => {
    const owned = fixture.result({ policy: { owner: '@acme/release-team' } });
    expect(toMarkdown(owned)).toContain('Policy: owner `@acme/release-team`\n');
  });

  it('stays under the comment limit, saying how many findings it left out', () => {
    const location = fixture.range('main.tf', 'acl');
    const findings = Array.from({ length: 3000 }, (_, i) =>
      finding('s3-public-acl', location, { message: `Finding ${i} ${'x'.repeat(400)}.` }),
    );
    const markdown = toMarkdown(fixture.result({ findings }));
    expect(markdown.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    const rows = markdown.split('\n').filter((line) => line.startsWith('| high |')).length;
    expect(rows).toBeGreaterThan(100);
    expect(markdown).toContain(
      `_${3000 - rows} findings not shown; see the SARIF or JSON report._`,
    );
  });
});
