import { afterAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '@posture/model';
import { toMarkdown, toText } from '../src/index.js';
import { diagnostic, finding, Fixture } from './support/fixture.js';

// A bucket name that, printed raw, erases the line above and prints a green "No findings.".
const FORGED = 'acme-releases\u001b[2K\u001b[1A\u001b[32mNo findings.\u001b[0m';
const ESCAPED = 'acme-releases\\u001b[2K\\u001b[1A\\u001b[32mNo findings.\\u001b[0m';
const EVIL_FILE = 'evil\u001b[2K.tf';
// eslint-disable-next-line no-control-regex -- the colour codes the reporter writes itself
const COLOUR = /\u001b\[\d+m/g;
// eslint-disable-next-line no-control-regex -- control characters are what must not get through
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

const fixture = Fixture.create({ 'main.tf': `bucket = "${FORGED}"\n`, [EVIL_FILE]: 'x = 1\n' });
afterAll(() => fixture.cleanup());

const result: ScanResult = fixture.result({
  findings: [
    finding('s3-public-acl', fixture.range('main.tf', 'bucket'), {
      message: `Release bucket "${FORGED}" is public.\r`,
      related: [{ label: 'bucket', range: fixture.range(EVIL_FILE, 'x') }],
    }),
  ],
  diagnostics: [diagnostic(fixture.range(EVIL_FILE, 'x'), { message: `found '\u0007\u009b'` })],
  policy: { owner: `sec\u001b]0;owned\u0007@acme.example` },
  // `posture artifact`'s Terraform line names the files it could not read and the module calls.
  terraform: {
    root: fixture.root,
    chosen: 'checkout',
    files: 1,
    buckets: 0,
    unread: [EVIL_FILE],
    modules: [`${EVIL_FILE}:1:1`],
  },
});

describe('control characters from the scanned files', () => {
  it.each([
    ['text', () => toText(result)],
    ['coloured text', () => toText(result, { color: true }).replace(COLOUR, '')],
    // Markdown puts its own backslash before `\`, `[`, `]` and `_`.
    ['Markdown', () => toMarkdown(result).replace(/\\(?=[\\[\]_])/g, '')],
  ])('are escaped visibly in the %s report, never written raw', (_report, render) => {
    const report = render();
    expect(report).not.toMatch(RAW_CONTROL);
    expect(report).toContain(ESCAPED);
    expect(report).toContain('evil\\u001b[2K.tf');
    expect(report).toContain('\\u0007\\u009b');
  });
});

// The Unicode bidirectional controls reorder how the text around them is shown (Trojan Source,
// CVE-2021-42574): `x\u202egpj.tf` shows as `xft.jpg`.
const BIDI = [...'\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c'];

describe('bidirectional controls from the scanned files', () => {
  const bidiFixture = Fixture.create(
    Object.fromEntries(BIDI.map((c, i) => [`f${i}${c}fr.tf`, 'x = 1\n'])),
  );
  afterAll(() => bidiFixture.cleanup());
  const bidiResult: ScanResult = bidiFixture.result({
    findings: BIDI.map((c, i) =>
      finding('s3-public-acl', bidiFixture.range(`f${i}${c}fr.tf`, 'x'), {
        message: `Release bucket "acme${c}sesaeler" is public.`,
      }),
    ),
  });

  it.each([
    ['text', () => toText(bidiResult)],
    ['Markdown', () => toMarkdown(bidiResult).replace(/\\(?=[\\[\]_])/g, '')],
  ])('are escaped visibly in the %s report, like control characters', (_report, render) => {
    const report = render();
    for (const c of BIDI) {
      const escaped = `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
      expect(report).not.toContain(c);
      expect(report).toContain(`acme${escaped}sesaeler`);
    }
    expect(report).toContain('f4\\u202efr.tf');
  });
});
