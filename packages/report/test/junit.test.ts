import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toJunit } from '../src/index.js';
import { finding } from './support/fixture.js';
import { sampleFixture } from './support/sample.js';

const { fixture, result } = sampleFixture();
afterAll(() => fixture.cleanup());

describe('toJunit', () => {
  it('is a failed case per finding, an errored one per unreadable input, a skipped one per suppression', () => {
    const xml = toJunit(result);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="Posture" /);
    expect(xml).toContain('tests="7" failures="5" errors="1"');
    expect(xml).toContain('skipped="1"');
    expect(xml).toContain(
      '    <testcase name="s3-public-policy: aws_s3_bucket.releases" classname="infra/main.tf" file="infra/main.tf" line="13">\n' +
        '      <failure type="critical" message="aws_s3_bucket.releases has a bucket policy that lets anyone read objects.">' +
        'aws_s3_bucket.releases has a bucket policy that lets anyone read objects. Remove the "*" principal.\ninfra/main.tf:13:',
    );
    expect(xml).toContain(
      '<testcase name="hcl-syntax: infra/broken.tf:1" classname="infra/broken.tf" file="infra/broken.tf" line="1">\n      <error type="hcl-syntax" message="Unexpected token."/>',
    );
    expect(xml).toMatch(/<skipped message="[a-z]+ suppression: [^"]+"\/>/);
    expect(xml).toContain(
      '    <properties>\n      <property name="policy" value="infra/posture.yml"/>\n      <property name="policy.owner" value="@platform-team"/>\n    </properties>',
    );
    // Worst first, as in every report.
    expect(xml.indexOf('type="critical"')).toBeLessThan(xml.indexOf('type="low"'));
  });

  // The root is infra/ in the repository: a policy is named from the repository's top, as the
  // locations in it are, climbing out of it for one outside, never by a path of the machine.
  it.each([
    ['in the repository', 'posture.config.yaml', 'infra/posture.config.yaml'],
    ['outside the repository', '../../central/strict.yaml', '../central/strict.yaml'],
  ])('names a policy file %s as its locations are named', (_where, file, named) => {
    const path = resolve(fixture.root, file);
    expect(toJunit(fixture.result({ policy: { path } }))).toContain(
      `<property name="policy" value="${named}"/>`,
    );
  });

  it('is one passing case for a clean scan', () => {
    const xml = toJunit(fixture.result());
    expect(xml).toContain('tests="1" failures="0" errors="0"');
    expect(xml).toContain('<testcase name="posture scan" classname="posture"/>');
    expect(xml).not.toContain('<properties>');
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    const location = fixture.range('main.tf', 'acl');
    const xml = toJunit(
      fixture.result({
        findings: [finding('s3-x', location, { message: 'A <b>&"c"\u0001</b>. Rest ]]> here.' })],
      }),
    );
    expect(xml).toContain('message="A &lt;b&gt;&amp;&quot;c&quot;\uFFFD&lt;/b&gt;."');
    expect(xml).toContain('>A &lt;b&gt;&amp;"c"\uFFFD&lt;/b&gt;. Rest ]]&gt; here.\n');
    expect([...xml].some((c) => c.charCodeAt(0) < 9)).toBe(false);
  });
});
