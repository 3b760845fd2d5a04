/**
 * Variables the file states itself resolve a placeholder into a link: the range is the reference as
 * written, the URL has the value in place of the placeholder. Anything not known without running the
 * build (secrets, command output, other variables) stays a placeholder, which is no link.
 */
import type { StorageLink } from '@posture/model';
import { describe, expect, it } from 'vitest';
import { repo, scan, scanGuarded, scanText, where, written } from './helpers.js';
import { extractLinks } from '../src/index.js';
import { innermostAt, type Region } from '../src/files/groovy.js';
import { known, MAX_VALUE } from '../src/variables/common.js';

/** `where url (usage)` of each link, for compact tables. */
function summary(links: readonly StorageLink[]): string[] {
  return links.map((l) => `${where(l)} ${l.url} (${l.usage})`);
}

function linksOf(path: string, text: string): string[] {
  return summary(scanText(path, text).links);
}

describe('Makefile variables', () => {
  it.each([
    ['BUCKET := acme-releases', '$(BUCKET)'],
    ['BUCKET = acme-releases', '${BUCKET}'],
    ['BUCKET ?= acme-releases', '$(BUCKET)'],
    ['BUCKET::=acme-releases # the release bucket', '$(BUCKET)'],
    ['export BUCKET := acme-releases', '$(BUCKET)'],
    // Make keeps the quotes; the shell running the recipe removes them.
    ['BUCKET ?= "acme-releases"', '$(BUCKET)'],
    ["BUCKET := 'acme-releases' # quoted", '$(BUCKET)'],
    ['PROJECT := "acme"\nBUCKET = "$(PROJECT)-releases"', '$(BUCKET)'],
  ])('%s resolves %s in a recipe', (assignment, placeholder) => {
    const text = `${assignment}\n\nrelease:\n\taws s3 cp dist s3://${placeholder}/v1 --acl public-read\n`;
    const root = repo({ Makefile: text });
    const [link, ...rest] = extractLinks(root, ['Makefile']).links;
    expect(rest).toEqual([]);
    expect(link).toMatchObject({
      url: 's3://acme-releases/v1',
      bucket: 'acme-releases',
      form: 's3-uri',
      usage: 'public-upload',
      field: 'release',
      releaseStep: 'release',
    });
    const line = assignment.split('\n').length + 3;
    expect(where(link!)).toBe(`${line}:17-${line}:${17 + `s3://${placeholder}/v1`.length}`);
    expect(written(root, link!)).toBe(`s3://${placeholder}/v1`);
  });

  it('takes the last assignment; ?= does not override one made before', () => {
    const text = [
      'BUCKET := old-releases',
      'BUCKET := acme-releases',
      'BUCKET ?= other-releases',
      'publish:',
      '\tcurl -O https://$(BUCKET).s3.amazonaws.com/app.zip',
      '',
    ].join('\n');
    expect(linksOf('Makefile', text)).toEqual([
      '5:10-5:52 https://acme-releases.s3.amazonaws.com/app.zip (download)',
    ]);
  });

  it('resolves a host template and several variables in one URL', () => {
    const text =
      'B = acme-releases\nV = 1.2.3\nget:\n\tcurl https://s3.amazonaws.com/$(B)/v$(V)/x\n';
    expect(linksOf('Makefile', text)).toEqual([
      '4:7-4:44 https://s3.amazonaws.com/acme-releases/v1.2.3/x (download)',
    ]);
  });

  it.each([
    ['BUCKET := $(shell git rev-parse --abbrev-ref HEAD)-releases'],
    ['BUCKET != git rev-parse HEAD'],
    ['BUCKET := $(PREFIX)-releases'],
    ['BUCKET = $(PREFIX)-releases'],
    ['PREFIX := $(shell whoami)\nBUCKET = $(PREFIX)-releases'],
    ['BUCKET := acme-releases\nBUCKET += more'],
    ['BUCKET := acme-releases\nBUCKET := $(shell cat bucket.txt)'],
    ['BUCKET := "acme releases"'],
    ['BUCKET := "$(shell cat bucket.txt)"'],
    ['BUCKET := "`cat bucket.txt`"'],
    ['BUCKET := "acme"-"releases"'],
    ['BUCKET := "acme-releases'],
  ])('%s does not resolve', (assignment) => {
    const text = `${assignment}\nrelease:\n\taws s3 cp dist s3://$(BUCKET)/v1\n`;
    expect(linksOf('Makefile', text)).toEqual([]);
  });

  it('resolves a variable built from others: := with those set before it, = with the last ones', () => {
    const text = [
      'PROJECT := acme',
      'BUCKET ?= $(PROJECT)-releases',
      'EARLY := $(LATE)-early',
      'URL = https://$(BUCKET).s3.amazonaws.com/$(VERSION)',
      'LATE = late',
      'VERSION = 1.0',
      'CYCLE = $(CYCLE)-x',
      'get:',
      '\tcurl -O $(URL)/cli.tgz',
      '\taws s3 cp dist s3://$(EARLY)/ s3://$(CYCLE)/',
      '',
    ].join('\n');
    expect(linksOf('Makefile', text)).toEqual([
      '4:7-4:52 https://acme-releases.s3.amazonaws.com/1.0 (download)',
      '9:10-9:24 https://acme-releases.s3.amazonaws.com/1.0/cli.tgz (download)',
    ]);
  });

  it("leaves make's escaped shell substitution $$(…) alone", () => {
    const text = 'BUCKET := acme-releases\nrelease:\n\taws s3 cp dist s3://$$(BUCKET)/v1\n';
    expect(linksOf('Makefile', text)).toEqual([]);
  });

  it('resolves a reference found as written, which keeps its range', () => {
    const text = 'V := 1.0\nrelease:\n\taws s3 cp dist s3://acme-releases/$(V)/\n';
    expect(linksOf('Makefile', text)).toEqual(['3:17-3:41 s3://acme-releases/1.0/ (upload)']);
  });
});

describe('workflow env', () => {
  const workflow = (stepEnv: string, jobEnv: string) => `on: push
env:
  BUCKET: workflow-releases
jobs:
  release:
    runs-on: ubuntu-latest
${jobEnv}    steps:
      - name: Upload
${stepEnv}        run: aws s3 cp dist s3://\${{ env.BUCKET }}/v1 --acl public-read
      - run: aws s3 sync dist "s3://$BUCKET/v2" && aws s3 ls s3://\${BUCKET}/v3
`;

  it('resolves ${{ env.NAME }} and, in run scripts, $NAME and ${NAME}', () => {
    const root = repo({ '.github/workflows/release.yml': workflow('', '') });
    const links = extractLinks(root, ['.github/workflows/release.yml']).links;
    expect(summary(links)).toEqual([
      '9:29-9:54 s3://workflow-releases/v1 (public-upload)',
      '10:32-10:47 s3://workflow-releases/v2 (upload)',
      '10:62-10:79 s3://workflow-releases/v3 (api)',
    ]);
    expect(links.map((l) => written(root, l))).toEqual([
      's3://${{ env.BUCKET }}/v1',
      's3://$BUCKET/v2',
      's3://${BUCKET}/v3',
    ]);
    expect(links[0]).toMatchObject({ bucket: 'workflow-releases', releaseStep: 'release' });
  });

  it('takes the step env over the job env over the workflow env', () => {
    const jobEnv = '    env:\n      BUCKET: job-releases\n';
    const stepEnv = '        env:\n          BUCKET: step-releases\n';
    const urls = (text: string) =>
      scanText('.github/workflows/release.yml', text).links.map((l) => l.url);
    expect(urls(workflow(stepEnv, jobEnv))).toEqual([
      's3://step-releases/v1',
      's3://job-releases/v2',
      's3://job-releases/v3',
    ]);
    expect(urls(workflow('', jobEnv))).toEqual([
      's3://job-releases/v1',
      's3://job-releases/v2',
      's3://job-releases/v3',
    ]);
  });

  it.each([
    ['a secret', '${{ secrets.BUCKET }}'],
    ['a repository variable', '${{ vars.BUCKET }}'],
    ['a step output', '${{ steps.meta.outputs.bucket }}'],
    ['another variable', 'prefix-${{ env.STAGE }}'],
  ])('an inner env set to %s hides an outer literal', (_what, value) => {
    const stepEnv = `        env:\n          BUCKET: ${value}\n`;
    const { links } = scanText('.github/workflows/release.yml', workflow(stepEnv, ''));
    // The public upload names no bucket, and is kept as one whatever the bucket is.
    expect(links.map((l) => [l.bucket, l.bucketUnresolved])).toEqual([
      [undefined, true],
      ['workflow-releases', undefined],
      ['workflow-releases', undefined],
    ]);
  });

  it('does not resolve a variable a run script sets or writes to $GITHUB_ENV', () => {
    const text = `on: push
env:
  BUCKET: acme-releases
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - run: echo "BUCKET=$(cat bucket.txt)" >> "$GITHUB_ENV"
      - run: aws s3 cp dist s3://\${{ env.BUCKET }}/v1
`;
    expect(scanText('.github/workflows/release.yml', text).links).toEqual([]);
  });

  describe('what an earlier step writes to $GITHUB_ENV', () => {
    const job = (steps: string, env = '') => `on: push
jobs:
  release:
    runs-on: ubuntu-latest
${env}    steps:
${steps}      - run: curl -O https://\${{ env.BUCKET }}.s3.amazonaws.com/a && curl -O "https://$BUCKET.s3.amazonaws.com/b"
`;
    const urls = (text: string) =>
      scanText('.github/workflows/release.yml', text).links.map((l) => l.url);
    const both = (bucket: string) => [
      `https://${bucket}.s3.amazonaws.com/a`,
      `https://${bucket}.s3.amazonaws.com/b`,
    ];

    it.each([
      [
        'a literal, quoted',
        `      - run: echo "BUCKET=acme-releases" >> "$GITHUB_ENV"\n`,
        '',
        both('acme-releases'),
      ],
      [
        'the last of several, bare and single-quoted, over the job env',
        `      - run: echo BUCKET=old-releases >> $GITHUB_ENV\n      - run: |\n          make\n          echo 'BUCKET=acme-releases' >> "\${GITHUB_ENV}"\n`,
        '    env:\n      BUCKET: job-releases\n',
        both('acme-releases'),
      ],
      [
        'nothing from a step with if:',
        `      - if: github.ref == 'refs/heads/main'\n        run: echo "BUCKET=acme-releases" >> "$GITHUB_ENV"\n`,
        '',
        [],
      ],
      [
        'nothing from a write in a branch',
        `      - run: |\n          if [ -n "$CI" ]; then\n            echo "BUCKET=acme-releases" >> "$GITHUB_ENV"\n          fi\n`,
        '',
        [],
      ],
      [
        'nothing when a script also assigns the name otherwise',
        `      - run: echo "BUCKET=acme-releases" >> "$GITHUB_ENV"\n      - run: BUCKET=other-releases ./x.sh\n`,
        '',
        [],
      ],
    ])('resolves %s', (_name, steps, env, expected) => {
      expect(urls(job(steps, env))).toEqual(expected);
    });

    const run = (script: string) =>
      `      - run: |\n${script
        .split('\n')
        .map((line) => `          ${line}\n`)
        .join('')}`;
    it.each([
      [
        'PowerShell: Out-File -Append',
        '"BUCKET=acme-releases" | Out-File -FilePath $env:GITHUB_ENV -Append',
        true,
      ],
      [
        'PowerShell: echo, Out-File with options',
        "echo 'BUCKET=acme-releases' | Out-File -Encoding utf8 -Append $env:GITHUB_ENV",
        true,
      ],
      [
        'PowerShell: Add-Content',
        'Add-Content -Path $env:GITHUB_ENV -Value "BUCKET=acme-releases"',
        true,
      ],
      ['PowerShell: >>', '"BUCKET=acme-releases" >> $env:GITHUB_ENV', true],
      [
        'nothing from Out-File without -Append',
        '"BUCKET=acme-releases" | Out-File -FilePath $env:GITHUB_ENV',
        false,
      ],
      [
        'printf with %s',
        `printf 'CHANNEL=stable\\nBUCKET=%s\\n' acme-releases >> "$GITHUB_ENV"`,
        true,
      ],
      ['printf of a literal', 'printf "BUCKET=acme-releases\\n" >> $GITHUB_ENV', true],
      ['nothing from printf of a variable', 'printf \'BUCKET=%s\\n\' "$B" >> "$GITHUB_ENV"', false],
      [
        'nothing from printf with arguments left over, which repeat its format',
        `printf 'BUCKET=%s\\n' acme-releases acme-other >> "$GITHUB_ENV"`,
        false,
      ],
      [
        'printf, each %s the next argument, of any line',
        `printf '# %s\\nBUCKET=%s\\n' note acme-releases >> "$GITHUB_ENV"`,
        true,
      ],
      [
        'a group on one line',
        '{ echo "CHANNEL=stable"; echo BUCKET=acme-releases; } >> "$GITHUB_ENV"',
        true,
      ],
      [
        'a group of lines',
        '{\n  echo "CHANNEL=stable"\n  echo "BUCKET=acme-releases"\n} >> "$GITHUB_ENV"',
        true,
      ],
      [
        'nothing from a group that runs another command',
        '{\n  echo "BUCKET=acme-releases"\n  ./more.sh\n} >> "$GITHUB_ENV"',
        false,
      ],
      [
        'a here-document',
        'cat >> "$GITHUB_ENV" <<EOF\nCHANNEL=stable\nBUCKET=acme-releases\nEOF',
        true,
      ],
      [
        'a here-document, redirected after',
        "cat <<'EOF' >> $GITHUB_ENV\nBUCKET=acme-releases\nEOF",
        true,
      ],
      [
        'nothing from a here-document value the shell expands',
        'cat >> "$GITHUB_ENV" <<EOF\nBUCKET=$(cat b)\nEOF',
        false,
      ],
    ])('resolves a write to $GITHUB_ENV: %s', (_name, script, resolves) => {
      expect(urls(job(run(script)))).toEqual(resolves ? both('acme-releases') : []);
    });

    const output = (steps: string) =>
      `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n${steps}      - run: curl -O https://\${{ steps.cfg.outputs.bucket }}.s3.amazonaws.com/a\n`;
    it.each([
      [
        'a literal',
        '      - id: cfg\n        run: echo "bucket=acme-releases" >> "$GITHUB_OUTPUT"\n',
        true,
      ],
      [
        'the last of several',
        `      - id: cfg\n${run('echo bucket=old-releases >> $GITHUB_OUTPUT\necho "bucket=acme-releases" >> "$GITHUB_OUTPUT"').replace('      - run', '        run')}`,
        true,
      ],
      [
        'nothing from a step with if:',
        '      - id: cfg\n        if: github.ref_type == \'tag\'\n        run: echo "bucket=acme-releases" >> "$GITHUB_OUTPUT"\n',
        false,
      ],
      [
        'nothing from a value written otherwise too',
        `      - id: cfg\n${run('echo "bucket=acme-releases" >> "$GITHUB_OUTPUT"\nif [ -n "$X" ]; then\n  echo "bucket=$X" >> "$GITHUB_OUTPUT"\nfi').replace('      - run', '        run')}`,
        false,
      ],
      [
        'nothing from a step of another id',
        '      - id: other\n        run: echo "bucket=acme-releases" >> "$GITHUB_OUTPUT"\n',
        false,
      ],
    ])(
      'resolves steps.<id>.outputs.<name> an earlier step writes to $GITHUB_OUTPUT: %s',
      (_name, steps, resolves) => {
        expect(urls(output(steps))).toEqual(
          resolves ? ['https://acme-releases.s3.amazonaws.com/a'] : [],
        );
      },
    );

    const needed = (job: string, needs: string) =>
      `on: push\njobs:\n  config:\n    runs-on: ubuntu-latest\n${job}    steps:\n      - id: cfg\n        run: echo "bucket=acme-releases" >> "$GITHUB_OUTPUT"\n  fetch:\n    needs: ${needs}\n    runs-on: ubuntu-latest\n    steps:\n      - run: curl -O https://\${{ needs.config.outputs.bucket }}.s3.amazonaws.com/a\n`;
    it.each([
      ["a step's", '    outputs:\n      bucket: ${{ steps.cfg.outputs.bucket }}\n', 'config', true],
      ['a literal', '    outputs:\n      bucket: acme-releases\n', '[lint, config]', true],
      [
        'nothing from another expression',
        '    outputs:\n      bucket: ${{ vars.B }}\n',
        'config',
        false,
      ],
      [
        'nothing in a job that does not need it',
        '    outputs:\n      bucket: acme-releases\n',
        'lint',
        false,
      ],
    ])('resolves a job output, needs.<job>.outputs.<name>: %s', (_name, job, needs, resolves) => {
      expect(urls(needed(job, needs))).toEqual(
        resolves ? ['https://acme-releases.s3.amazonaws.com/a'] : [],
      );
    });

    it("does not resolve the reading step's own write", () => {
      const text = job('').replace(
        '      - run: curl',
        '      - run: |\n          echo "BUCKET=acme-releases" >> "$GITHUB_ENV"\n          curl',
      );
      expect(urls(text)).toEqual([]);
    });

    it('passes it to a script a later step runs', () => {
      const root = repo({
        '.github/workflows/release.yml': job(
          `      - run: echo "BUCKET=acme-releases" >> "$GITHUB_ENV"\n      - run: ./deploy.sh\n`,
        ),
        'deploy.sh': 'aws s3 cp dist "s3://$BUCKET/v1"\n',
      });
      const links = scan(root).links.filter((l) => l.range.file === 'deploy.sh');
      expect(links.map((l) => l.url)).toEqual(['s3://acme-releases/v1']);
    });

    it('takes the env of the step reading it over the write', () => {
      const text = job(`      - run: echo "BUCKET=acme-releases" >> "$GITHUB_ENV"\n`).replace(
        '      - run: curl',
        '      - env: { BUCKET: step-releases }\n        run: curl',
      );
      expect(urls(text)).toEqual(both('step-releases'));
    });
  });

  it('does not resolve $NAME outside run scripts', () => {
    const text = `on: push
env:
  BUCKET: acme-releases
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: some/action@v1
        with:
          target: s3://$BUCKET/v1
`;
    expect(scanText('.github/workflows/release.yml', text).links).toEqual([]);
  });
});

describe("a workflow's strategy.matrix", () => {
  const workflow = (matrix: string) => `on: push
jobs:
  publish:
    strategy:
      matrix:
${matrix}    runs-on: ubuntu-latest
    steps:
      - run: aws s3 sync dist s3://\${{ matrix.bucket }}/\${{ matrix.os }} --acl public-read
`;
  const urls = (matrix: string) =>
    scanText('.github/workflows/publish.yml', workflow(matrix)).links.map((l) => l.url);

  it('resolves ${{ matrix.name }} once for each combination', () => {
    expect(
      urls('        bucket: [acme-releases, acme-mirror]\n        os: [linux, mac]\n'),
    ).toEqual([
      's3://acme-releases/linux',
      's3://acme-releases/mac',
      's3://acme-mirror/linux',
      's3://acme-mirror/mac',
    ]);
  });

  it('leaves out what exclude lists and adds what include adds', () => {
    const matrix = [
      '        bucket: [acme-releases]',
      '        os: [linux, mac]',
      '        exclude:',
      '          - os: mac',
      '        include:',
      '          - os: linux',
      '            arch: arm64',
      '          - bucket: acme-nightly',
      '            os: win',
      '',
    ].join('\n');
    expect(urls(matrix)).toEqual(['s3://acme-releases/linux', 's3://acme-nightly/win']);
  });

  it('leaves out what exclude lists before it counts the runs against the limit of 256', () => {
    // 3 × 100 combinations, of which exclude leaves 200: GitHub runs each of them.
    const os = Array.from({ length: 100 }, (_, i) => i + 1).join(', ');
    const matrix = `        bucket: [acme-a, acme-b, acme-c]\n        os: [${os}]\n        exclude:\n          - bucket: acme-a\n`;
    const found = urls(matrix);
    expect(found).toHaveLength(200);
    expect(found).toContain('s3://acme-c/100');
    expect(found.some((url) => url.startsWith('s3://acme-a/'))).toBe(false);
  });

  // Seen: a smoke-test job downloading cli-${{ matrix.os }}.tgz from a release bucket. The job never
  // runs as written: its links are its runs', not one more cut short at the placeholder.
  it.each([
    [
      'a download URL',
      '      - run: curl -fsSLO https://acme-releases.s3.amazonaws.com/cli-${{ matrix.os }}.tgz\n',
      [
        'https://acme-releases.s3.amazonaws.com/cli-linux.tgz',
        'https://acme-releases.s3.amazonaws.com/cli-mac.tgz',
      ],
    ],
    [
      'an upload',
      '      - run: aws s3 cp cli.tgz s3://acme-releases/${{ matrix.os }}/cli.tgz\n',
      ['s3://acme-releases/linux/cli.tgz', 's3://acme-releases/mac/cli.tgz'],
    ],
    [
      'a link that does not use the matrix, once',
      '      - run: curl -fsSLO https://acme-releases.s3.amazonaws.com/cli.tgz\n',
      ['https://acme-releases.s3.amazonaws.com/cli.tgz'],
    ],
  ])('reads %s of a matrix job as its runs only', (_name, step, expected) => {
    const text = `on: push\njobs:\n  smoke:\n    strategy:\n      matrix:\n        os: [linux, mac]\n    runs-on: ubuntu-latest\n    steps:\n${step}`;
    const { links } = scanText('.github/workflows/smoke.yml', text);
    expect(links.map((l) => l.url)).toEqual(expected);
  });

  it('runs each include entry of a matrix of no variables as a combination of its own', () => {
    const matrix =
      '        include:\n          - bucket: acme-eu\n          - bucket: acme-us\n            os: mac\n';
    expect(urls(matrix)).toEqual(['s3://acme-eu/', 's3://acme-us/mac']);
  });

  it('leaves a variable unknown whose values are computed, or whose name says it is a secret', () => {
    // Its run for linux, which does not name a bucket (the job never runs as written).
    const computed =
      '        bucket: ${{ fromJSON(needs.plan.outputs.buckets) }}\n        os: [linux]\n';
    expect(urls(computed)).toEqual(['s3://${{ matrix.bucket }}/linux']);
    const secret = workflow('        token: [wJalrXUtnFEMI]\n').replace(
      'matrix.os',
      'matrix.token',
    );
    const result = scanText('.github/workflows/publish.yml', secret);
    expect(JSON.stringify(result)).not.toContain('wJalrXUtnFEMI');
  });
});

describe('assignments inside CI scripts', () => {
  const urls = (path: string, text: string) => scanText(path, text).links.map((l) => l.url);

  it('resolves a literal assignment at the top of a run script from there on, in that script only', () => {
    const text = `on: push
env:
  BUCKET: env-releases
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - run: |
          aws s3 cp a s3://$BUCKET/before
          BUCKET=acme-releases
          aws s3 cp b s3://$BUCKET/after
          if [ -n "$X" ]; then
            BUCKET=other-releases
          fi
          aws s3 cp c s3://$BUCKET/branch
      - run: aws s3 cp d s3://$BUCKET/next-step
`;
    // Before the assignment, and in the next step (it may have gone to $GITHUB_ENV), the
    // variable is the script's: unknown. After a branch assigns it, it is unknown again.
    expect(urls('.github/workflows/release.yml', text)).toEqual(['s3://acme-releases/after']);
  });

  it('resolves an assignment in a block for the rest of that block only', () => {
    const text = [
      '#!/bin/sh',
      'base="s3://acme-releases/agent"',
      'for b in cli agent; do',
      '  u="$base/$b"',
      '  aws s3 cp --acl public-read "$b" "$u/in-loop"',
      '  if [ -n "$X" ]; then',
      '    v="$base/branch"',
      '    aws s3 cp x "$v/in-branch"',
      '  fi',
      '  aws s3 cp y "$v/after-branch"',
      'done',
      'aws s3 cp z "$u/after-loop"',
      '',
    ].join('\n');
    // A loop body or a branch runs its lines in order: what it assigns holds to its end. After
    // it, the variable may or may not have been set: unknown, as before.
    expect(urls('release.sh', text)).toEqual([
      's3://acme-releases/agent',
      's3://acme-releases/agent/$b',
      's3://acme-releases/agent/$b/in-loop',
      's3://acme-releases/agent/branch',
      's3://acme-releases/agent/branch/in-branch',
    ]);
  });

  // rclone's destination was read only as written: `r2:$BUCKET/v1` named no bucket.
  it.each([
    [
      'release.sh',
      'BUCKET=acme-releases\nrclone copy dist r2:$BUCKET/v1\nrclone copy dist "s3remote:${BUCKET}"\n',
      ['2:18-2:31 r2:acme-releases/v1 (upload)', '3:19-3:37 s3remote:acme-releases (upload)'],
    ],
    [
      '.github/workflows/release.yml',
      'on: push\nenv:\n  BUCKET: acme-releases\njobs:\n  r:\n    steps:\n      - run: rclone sync dist "gcs:$BUCKET/x" --gcs-bucket-acl publicRead\n',
      ['7:32-7:45 gcs:acme-releases/x (upload)'],
    ],
    // A remote whose name says no service is no link, whatever its bucket.
    ['release.sh', 'BUCKET=acme-releases\nrclone copy dist "backup:${BUCKET}/v1"\n', []],
  ])('names the bucket of an rclone destination its variables make, in %s', (path, text, links) => {
    expect(linksOf(path, text)).toEqual(links);
  });

  it('runs the lines of a GitLab script list in one shell, and expands other variables', () => {
    const text = `variables:
  OWNER: acme
release:
  script:
    - export BUCKET="\${OWNER}-releases"
    - aws s3 cp dist s3://$BUCKET/v1
`;
    expect(urls('.gitlab-ci.yml', text)).toEqual(['s3://acme-releases/v1']);
  });

  it('Bitbucket: a step script assigns; other steps do not see it', () => {
    const text = `pipelines:
  tags:
    'v*':
      - step:
          script:
            - BUCKET=acme-releases
            - aws s3 cp dist s3://$BUCKET/v1
      - step:
          script:
            - aws s3 cp dist s3://$BUCKET/v2
`;
    expect(urls('bitbucket-pipelines.yml', text)).toEqual(['s3://acme-releases/v1']);
  });

  it.each([
    [
      '0.2 runs the commands of every phase in one shell',
      '0.2',
      [
        's3://acme-releases/docs',
        's3://acme-releases/docs/v1',
        's3://acme-releases/bin',
        's3://acme-releases/bin/v2',
      ],
    ],
    [
      '0.1 runs each command in a shell of its own',
      '0.1',
      ['s3://acme-releases/docs', 's3://acme-releases/bin'],
    ],
  ])('CodeBuild: %s', (_name, version, expected) => {
    const text = `version: ${version}
phases:
  pre_build:
    commands:
      - DOC_PATH='s3://acme-releases/docs'
  build:
    commands:
      - aws s3 cp site/ $DOC_PATH/v1 --recursive
      - BIN_PATH='s3://acme-releases/bin'
      - aws s3 cp bin/ $BIN_PATH/v2 --recursive
`;
    expect(urls('buildspec.yml', text)).toEqual(expected);
  });
});

describe('Azure Pipelines, Travis, Cloud Build and CodeBuild variables', () => {
  const urls = (path: string, text: string) => scanText(path, text).links.map((l) => l.url);

  it('Azure: $(name) and ${{ variables.name }} anywhere, $NAME in scripts, the job over the stage over the pipeline', () => {
    const text = `variables:
  bucketName: pipeline-releases
  region: us-east-1
stages:
  - stage: Release
    variables:
      - name: bucketName
        value: stage-releases
      - group: release-secrets
    jobs:
      - job: Upload
        variables:
          cdn.host: cdn-releases
        steps:
          - bash: aws s3 cp dist s3://$BUCKETNAME/v1 && curl https://$CDN_HOST.s3.amazonaws.com/x
          - task: AWSCLI@1
            inputs:
              arguments: s3://$(bucketName)/v2
          - script: echo https://s3.$(REGION).amazonaws.com/\${{ variables['bucketName'] }}/v3
  - stage: Other
    jobs:
      - job: Upload
        steps:
          - script: aws s3 cp dist s3://$(bucketName)/v4
`;
    expect(urls('azure-pipelines.yml', text)).toEqual([
      's3://stage-releases/v1',
      'https://cdn-releases.s3.amazonaws.com/x',
      's3://stage-releases/v2',
      'https://s3.us-east-1.amazonaws.com/stage-releases/v3',
      's3://pipeline-releases/v4',
    ]);
  });

  it('Azure: a variable from a group, a template or a runtime expression stays a placeholder', () => {
    const text = `variables:
  - group: release
  - name: later
    value: $[ variables.bucket ]
steps:
  - script: aws s3 cp dist s3://$(bucket)/v1 s3://$(later)/v2
`;
    expect(urls('azure-pipelines.yml', text)).toEqual([]);
  });

  it('Travis: env strings, global and listed; a matrix value set twice differently is unknown', () => {
    const text = `env:
  global:
    - BUCKET=acme-releases REGION="us-east-1"
    - secure: abc
  jobs:
    - TARGET=linux-releases
    - TARGET=mac-releases
script:
  - aws s3 cp dist s3://$BUCKET/v1 --region $REGION
  - aws s3 cp dist s3://$TARGET/v2
`;
    expect(urls('.travis.yml', text)).toEqual(['s3://acme-releases/v1']);
  });

  it('Cloud Build: substitutions in any field of a step', () => {
    const text = `substitutions:
  _BUCKET: acme-releases
steps:
  - name: gcr.io/cloud-builders/gsutil
    args: ['cp', 'dist/app.tgz', 'gs://\${_BUCKET}/app.tgz']
  - name: gcr.io/cloud-builders/gsutil
    args: ['cp', 'dist/app.tgz', 'gs://$_OTHER/app.tgz']
`;
    expect(urls('cloudbuild.yaml', text)).toEqual(['gs://acme-releases/app.tgz']);
  });

  it('CodeBuild: env.variables in phase commands', () => {
    const text = `version: 0.2
env:
  variables:
    BUCKET: acme-releases
  secrets-manager:
    TOKEN: prod/token
phases:
  build:
    commands:
      - aws s3 cp dist s3://$BUCKET/v1
`;
    expect(urls('buildspec.yml', text)).toEqual(['s3://acme-releases/v1']);
  });
});

describe("an upload step's bucket field", () => {
  it("resolves a placeholder through the file's variables, and drops one that stays", () => {
    const text = `on: push
env:
  BUCKET: acme-releases
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: jakejarvis/s3-sync-action@v0.5.1
        with:
          args: --acl public-read
        env:
          AWS_S3_BUCKET: \${{ env.BUCKET }}
      - uses: google-github-actions/upload-cloud-storage@v2
        with:
          destination: \${{ secrets.GCS_BUCKET }}/v1
`;
    const root = repo({ '.github/workflows/release.yml': text });
    const links = extractLinks(root, ['.github/workflows/release.yml']).links;
    expect(summary(links)).toEqual(['12:26-12:43 acme-releases (public-upload)']);
    expect(written(root, links[0]!)).toBe('${{ env.BUCKET }}');
  });

  it('Azure: the S3Upload task names its bucket through a variable', () => {
    const text = `variables:
  bucketName: acme-releases
steps:
  - task: S3Upload@1
    inputs:
      bucketName: $(bucketName)
      filesAcl: public-read
`;
    expect(linksOf('azure-pipelines.yml', text)).toEqual([
      '6:19-6:32 acme-releases (public-upload)',
    ]);
  });
});

describe('GitLab CI variables', () => {
  const pipeline = (jobVariables: string) => `variables:
  BUCKET: global-releases
  MIRROR:
    value: mirror-releases
    description: the mirror
publish:
${jobVariables}  script:
    - curl -fsSL https://$BUCKET.s3.amazonaws.com/install.sh | sh
    - aws s3 cp dist s3://\${MIRROR}/v1 --acl public-read
  environment:
    url: https://$BUCKET.s3.amazonaws.com/index.html
`;
  const urls = (text: string) => scanText('.gitlab-ci.yml', text).links.map((l) => l.url);

  it('resolves global variables, also in the { value } form, in scripts and keywords', () => {
    const root = repo({ '.gitlab-ci.yml': pipeline('') });
    const links = extractLinks(root, ['.gitlab-ci.yml']).links;
    expect(summary(links)).toEqual([
      '8:18-8:61 https://global-releases.s3.amazonaws.com/install.sh (download)',
      '9:22-9:39 s3://mirror-releases/v1 (public-upload)',
      '11:10-11:53 https://global-releases.s3.amazonaws.com/index.html (download)',
    ]);
    expect(written(root, links[1]!)).toBe('s3://${MIRROR}/v1');
  });

  it('takes the job variables over the global ones', () => {
    expect(urls(pipeline('  variables:\n    BUCKET: job-releases\n'))).toEqual([
      'https://job-releases.s3.amazonaws.com/install.sh',
      's3://mirror-releases/v1',
      'https://job-releases.s3.amazonaws.com/index.html',
    ]);
  });

  it('does not resolve a variable a script exports, or one that is not literal', () => {
    const text = `variables:
  BUCKET: acme-releases
  OTHER: $CI_PROJECT_NAME-releases
publish:
  before_script:
    - export BUCKET=$(cat bucket.txt)
  script:
    - curl https://$BUCKET.s3.amazonaws.com/a https://$OTHER.s3.amazonaws.com/b
`;
    expect(urls(text)).toEqual([]);
  });
});

describe('CircleCI environment', () => {
  const config = (stepEnvironment: string) => `version: 2.1
jobs:
  publish:
    environment:
      BUCKET: job-releases
    docker:
      - image: cimg/base:2024.01
    steps:
      - run:
          command: curl -o a https://$BUCKET.s3.amazonaws.com/app.tgz
${stepEnvironment}      - run: aws s3 cp dist s3://\${BUCKET}/v1
      - store_artifacts:
          path: https://$BUCKET.s3.amazonaws.com/not-a-script
`;
  const urls = (text: string) => scanText('.circleci/config.yml', text).links.map((l) => l.url);

  it('resolves the job environment in run commands, and only there', () => {
    expect(urls(config(''))).toEqual([
      'https://job-releases.s3.amazonaws.com/app.tgz',
      's3://job-releases/v1',
    ]);
  });

  it('takes the step environment over the job environment', () => {
    const step = '          environment:\n            BUCKET: step-releases\n';
    expect(urls(config(step))).toEqual([
      'https://step-releases.s3.amazonaws.com/app.tgz',
      's3://job-releases/v1',
    ]);
  });

  it('does not resolve a variable a step writes to $BASH_ENV', () => {
    const step = `      - run: echo 'export BUCKET=other' >> "$BASH_ENV"\n`;
    expect(urls(config(step))).toEqual([]);
  });

  it("takes the job's over its primary container's environment, which a secondary one's is not", () => {
    const text = (job: string) => `version: 2
jobs:
  deploy:
${job}    docker:
      - image: google/cloud-sdk
        environment:
          BUCKET: image-releases
      - image: postgres
        environment:
          OTHER: db-releases
    steps:
      - run: gsutil cp dist gs://$BUCKET/v1 && gsutil cp dist gs://$OTHER/v1
`;
    expect(urls(text(''))).toEqual(['gs://image-releases/v1']);
    expect(urls(text('    environment:\n      BUCKET: job-releases\n'))).toEqual([
      'gs://job-releases/v1',
    ]);
  });

  it("takes the job's environment over that of the executor it uses, and its primary container's", () => {
    const text = (job: string) => `version: 2.1
executors:
  publisher:
    docker:
      - image: google/cloud-sdk
        environment:
          BUCKET: image-releases
    environment:
      OTHER: executor-releases
jobs:
  deploy:
    executor: publisher
${job}    steps:
      - run: curl -O https://$BUCKET.s3.amazonaws.com/a https://$OTHER.s3.amazonaws.com/b
`;
    expect(urls(text(''))).toEqual([
      'https://image-releases.s3.amazonaws.com/a',
      'https://executor-releases.s3.amazonaws.com/b',
    ]);
    expect(urls(text('    environment:\n      OTHER: job-releases\n'))).toEqual([
      'https://image-releases.s3.amazonaws.com/a',
      'https://job-releases.s3.amazonaws.com/b',
    ]);
  });

  it("resolves << pipeline.parameters.name >> to the parameter's default, in any field", () => {
    const text = `version: 2.1
parameters:
  bucket: { type: string, default: acme-releases }
  mirror:
    type: string
    default: acme-mirror
  given: { type: string }
jobs:
  get:
    environment:
      HOST: << pipeline.parameters.mirror >>.s3.amazonaws.com
    docker: [{ image: cimg/base:current }]
    steps:
      - run: curl -O https://<< pipeline.parameters.bucket >>.s3.amazonaws.com/one
      - run: curl -O https://$HOST/two https://<<pipeline.parameters.given>>.s3.amazonaws.com/x
      - run: curl -O https://<< parameters.bucket >>.s3.amazonaws.com/x
`;
    expect(urls(text)).toEqual([
      'acme-mirror.s3.amazonaws.com',
      'https://acme-releases.s3.amazonaws.com/one',
      'https://acme-mirror.s3.amazonaws.com/two',
    ]);
  });
});

describe('CircleCI job and command parameters', () => {
  const JOB = `jobs:
  get:
    parameters:
      host: { type: string, default: acme-releases.s3.amazonaws.com }
      token: { type: string, default: acme-token-bucket }
    docker: [{ image: cimg/base:current }]
    steps:
      - run: curl -O https://<< parameters.host >>/app.tgz
`;
  const COMMAND = `commands:
  fetch:
    parameters:
      bucket: { type: string, default: acme-releases }
    steps:
      - run: curl -O https://<< parameters.bucket >>.s3.amazonaws.com/app.tgz
jobs:
  get:
    parameters:
      bucket: { type: string, default: acme-other }
    docker: [{ image: cimg/base:current }]
    steps:
`;
  /** The line and URL of each link a step gives (not the values written as parameters). */
  const links = (text: string) =>
    scanText('.circleci/config.yml', `version: 2.1\n${text}`)
      .links.filter((l) => l.field?.includes('.steps['))
      .map((l) => [l.range.start.line, l.url]);
  const releases = 'https://acme-releases.s3.amazonaws.com/app.tgz';
  const mirror = 'https://acme-mirror.s3.amazonaws.com/app.tgz';

  it.each([
    ['a job no workflow runs: its defaults', JOB, [[9, releases]]],
    [
      'a job a workflow runs as a name alone: its defaults',
      `${JOB}workflows:\n  main:\n    jobs: [get]\n`,
      [[9, releases]],
    ],
    [
      'a job that workflows run with another value and with none: each',
      `${JOB}workflows:\n  main:\n    jobs:\n      - get: { host: acme-mirror.s3.amazonaws.com }\n  nightly:\n    jobs: [get]\n`,
      [
        [9, mirror],
        [9, releases],
      ],
    ],
    [
      'a job a workflow runs for each value of its matrix',
      `${JOB}workflows:\n  main:\n    jobs:\n      - get:\n          matrix:\n            parameters:\n              host: [a-releases.s3.amazonaws.com, b-releases.s3.amazonaws.com]\n`,
      [
        [9, 'https://a-releases.s3.amazonaws.com/app.tgz'],
        [9, 'https://b-releases.s3.amazonaws.com/app.tgz'],
      ],
    ],
    [
      'a command a step runs alone, and with a value',
      `${COMMAND}      - fetch\n      - fetch: { bucket: acme-mirror }\n`,
      [
        [7, releases],
        [7, mirror],
      ],
    ],
    [
      "nothing for a command passed its caller's parameter",
      `${COMMAND}      - fetch: { bucket: << parameters.bucket >> }\n`,
      [],
    ],
    [
      'nothing for a parameter whose name says it holds a credential',
      JOB.replace('<< parameters.host >>/', '<< parameters.token >>.s3.amazonaws.com/'),
      [],
    ],
  ])('resolves << parameters.name >> in %s', (_name, text, expected) => {
    expect(links(text)).toEqual(expected);
  });

  // A matrix's combinations are made up to the 1,000 readings of a file: one of more runs jobs never
  // read, and an error says so (its exclude, applied after, would hide that the runs were cut).
  it.each([
    ['1,000 values', 1000, '', []],
    ['1,001 values', 1001, '', ['error']],
    ['1,001 values, one excluded', 1001, '            exclude: [{ host: h0 }]\n', ['error']],
  ])('says whether a matrix of %s was cut', (_name, n, exclude, said) => {
    const hosts = Array.from({ length: n }, (_, i) => `h${i}`).join(', ');
    const text = `${JOB}workflows:\n  main:\n    jobs:\n      - get:\n          matrix:\n            parameters:\n              host: [${hosts}]\n${exclude}`;
    const cut = scanText('.circleci/config.yml', `version: 2.1\n${text}`).diagnostics.filter(
      (d) => d.code === 'build-links-truncated',
    );
    expect(cut.map((d) => d.severity)).toEqual(said);
    for (const d of cut) expect(d.message).toContain('combinations of its matrix parameters');
  });

  // A job CircleCI runs for each os of a matrix, a parameter in the path of its download: the job
  // never runs as written, so its links are its runs', none cut short at the parameter.
  const PATH_JOB = `jobs:
  get:
    parameters:
      os: { type: string }
    docker: [{ image: cimg/base:current }]
    steps:
      - run: curl -O https://acme-releases.s3.amazonaws.com/cli-<< parameters.os >>.tgz
`;
  it.each([
    [
      'for each value of its matrix',
      `${PATH_JOB}workflows:\n  main:\n    jobs:\n      - get:\n          matrix:\n            parameters:\n              os: [linux, darwin]\n`,
      [
        [8, 'https://acme-releases.s3.amazonaws.com/cli-linux.tgz'],
        [8, 'https://acme-releases.s3.amazonaws.com/cli-darwin.tgz'],
      ],
    ],
    [
      'run by no workflow, the parameter unknown: once',
      PATH_JOB,
      [[8, 'https://acme-releases.s3.amazonaws.com/cli-']],
    ],
  ])('reads a job with a parameter in a path %s', (_name, text, expected) => {
    expect(links(text)).toEqual(expected);
  });

  const EXECUTOR = `executors:
  publisher:
    parameters:
      bucket: { type: string, default: acme-releases }
    docker: [{ image: cimg/base:current }]
    environment:
      URL: https://<< parameters.bucket >>.s3.amazonaws.com/app.tgz
jobs:
  get:
`;
  const ORB = `orbs:
  releaser:
    jobs:
      get:
        parameters:
          host: { type: string, default: acme-other.s3.amazonaws.com }
        docker: [{ image: cimg/base:current }]
        steps:
          - run: curl -O https://<< parameters.host >>/app.tgz
workflows:
  main:
    jobs:
`;
  const MATRIX = `${JOB}workflows:\n  main:\n    jobs:\n      - get:\n          matrix:\n            parameters:\n              host: [a-releases.s3.amazonaws.com, b-releases.s3.amazonaws.com]\n`;

  it.each([
    [
      'an executor a job uses by name: its defaults',
      `${EXECUTOR}    executor: publisher\n`,
      [[8, releases]],
    ],
    [
      'an executor a job passes a value',
      `${EXECUTOR}    executor: { name: publisher, bucket: acme-mirror }\n`,
      [[8, mirror]],
    ],
    [
      "an inline orb's job a workflow runs as <alias>/<name>, with a value",
      `${ORB}      - releaser/get: { host: acme-releases.s3.amazonaws.com }\n`,
      [[10, releases]],
    ],
    [
      'a matrix, less the combinations its exclude lists',
      `${MATRIX}            exclude:\n              - host: b-releases.s3.amazonaws.com\n`,
      [[9, 'https://a-releases.s3.amazonaws.com/app.tgz']],
    ],
  ])('resolves << parameters.name >> in %s', (_name, text, expected) => {
    // The URLs the commands and environments make, not the values written as parameters.
    const { links } = scanText('.circleci/config.yml', `version: 2.1\n${text}`);
    const made = links.filter((l) => l.url.startsWith('https://'));
    expect(made.map((l) => [l.range.start.line, l.url])).toEqual(expected);
  });

  // `name in passed` found what every object inherits: a parameter named `toString` was passed
  // Object.prototype's function, not its default, and the upload it named was never seen.
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'resolves a parameter named %s, of a job of that name, to its default',
    (key) => {
      const text = `jobs:
  ${key}:
    parameters:
      ${key}: { type: string, default: acme-releases.s3.amazonaws.com }
    docker: [{ image: cimg/base:current }]
    steps:
      - run: curl -O https://<< parameters.${key} >>/app.tgz
workflows:
  main:
    jobs:
      - ${key}
      - other: { ${key}: acme-mirror.s3.amazonaws.com }
`;
      expect(links(text)).toEqual([[8, releases]]);
    },
  );
});

describe('variables a CI job or build file passes to the scripts it runs', () => {
  const SCRIPT = [
    '#!/bin/bash',
    'gsutil defacl ch -u AllUsers:READER gs://$STORAGE_BUCKET',
    'gsutil rsync -R dist gs://$STORAGE_BUCKET',
    '',
  ].join('\n');
  const scripted = (path: string, ci: string, script = SCRIPT) => {
    const root = repo({ [path]: ci, 'build/deploy.sh': script });
    return scan(root)
      .links.filter((l) => l.range.file === 'build/deploy.sh')
      .map((l) => [l.range.start.line, l.url, l.usage]);
  };
  const both = (bucket: string) => [
    [2, `gs://${bucket}`, 'opens'],
    [3, `gs://${bucket}`, 'upload'],
  ];

  it.each([
    [
      'GitHub job env',
      '.github/workflows/deploy.yml',
      'on: push\njobs:\n  deploy:\n    env:\n      STORAGE_BUCKET: job-level.example.com\n    steps:\n      - run: ./build/deploy.sh\n',
      'job-level.example.com',
    ],
    [
      'GitHub step env, over the workflow env',
      '.github/workflows/deploy.yml',
      'on: push\nenv:\n  STORAGE_BUCKET: workflow.example.com\njobs:\n  deploy:\n    steps:\n      - run: bash build/deploy.sh\n        env:\n          STORAGE_BUCKET: step.example.com\n',
      'step.example.com',
    ],
    [
      'GitLab job variables',
      '.gitlab-ci.yml',
      'deploy:\n  stage: deploy\n  variables:\n    STORAGE_BUCKET: script.example.com\n  script:\n    - ./build/deploy.sh\n',
      'script.example.com',
    ],
    [
      'GitLab variables of the job that extends the template running the script',
      '.gitlab-ci.yml',
      '.deploy:\n  script:\n    - ./build/deploy.sh\nprod:\n  extends: .deploy\n  variables:\n    STORAGE_BUCKET: prod.example.com\n',
      'prod.example.com',
    ],
    [
      "CircleCI primary container's environment",
      '.circleci/config.yml',
      'version: 2\njobs:\n  deploy:\n    docker:\n      - image: google/cloud-sdk\n        environment:\n          STORAGE_BUCKET: tokhang.nginamo.com\n    steps:\n      - run:\n          command: ./build/deploy.sh\n',
      'tokhang.nginamo.com',
    ],
    [
      'GitHub matrix, through the job env',
      '.github/workflows/deploy.yml',
      'on: push\njobs:\n  deploy:\n    strategy:\n      matrix:\n        site: [matrix.example.com]\n    env:\n      STORAGE_BUCKET: ${{ matrix.site }}\n    steps:\n      - run: ./build/deploy.sh\n',
      'matrix.example.com',
    ],
    [
      'GitLab parallel: matrix',
      '.gitlab-ci.yml',
      'deploy:\n  script:\n    - ./build/deploy.sh\n  parallel:\n    matrix:\n      - STORAGE_BUCKET: [matrix.example.com]\n',
      'matrix.example.com',
    ],
    [
      'Jenkinsfile environment',
      'Jenkinsfile',
      "pipeline {\n  environment {\n    STORAGE_BUCKET = 'jenkins.example.com'\n  }\n  stages {\n    stage('Deploy') {\n      steps {\n        sh './build/deploy.sh'\n      }\n    }\n  }\n}\n",
      'jenkins.example.com',
    ],
    [
      'Jenkinsfile withEnv',
      'Jenkinsfile',
      "node {\n  withEnv(['STORAGE_BUCKET=withenv.example.com']) {\n    sh 'bash build/deploy.sh'\n  }\n}\n",
      'withenv.example.com',
    ],
    [
      'Dockerfile ARG default',
      'Dockerfile',
      'FROM google/cloud-sdk\nARG STORAGE_BUCKET=arg.example.com\nCOPY . .\nRUN ./build/deploy.sh\n',
      'arg.example.com',
    ],
    [
      'Dockerfile ENV',
      'Dockerfile',
      'FROM google/cloud-sdk\nENV STORAGE_BUCKET env.example.com\nRUN sh build/deploy.sh\n',
      'env.example.com',
    ],
    [
      'Earthfile ARG of the target',
      'Earthfile',
      'VERSION 0.8\ndeploy:\n    FROM google/cloud-sdk\n    ARG STORAGE_BUCKET=earth.example.com\n    RUN ./build/deploy.sh\n',
      'earth.example.com',
    ],
    [
      'Makefile export',
      'Makefile',
      'export STORAGE_BUCKET := make.example.com\n\ndeploy:\n\t./build/deploy.sh\n',
      'make.example.com',
    ],
    [
      'Makefile variable exported on its own line',
      'Makefile',
      'STORAGE_BUCKET = make.example.com\nexport STORAGE_BUCKET\n\ndeploy:\n\t./build/deploy.sh\n',
      'make.example.com',
    ],
    [
      'Makefile variables, all exported',
      'Makefile',
      'STORAGE_BUCKET = make.example.com\n.EXPORT_ALL_VARIABLES:\n\ndeploy:\n\t./build/deploy.sh\n',
      'make.example.com',
    ],
    [
      'Makefile variable exported after an unexport of it',
      'Makefile',
      'unexport STORAGE_BUCKET\nexport STORAGE_BUCKET = make.example.com\n\ndeploy:\n\t./build/deploy.sh\n',
      'make.example.com',
    ],
    [
      'Makefile variables, all exported by an export alone after an unexport alone',
      'Makefile',
      'STORAGE_BUCKET = make.example.com\nunexport\nexport\n\ndeploy:\n\t./build/deploy.sh\n',
      'make.example.com',
    ],
    [
      'Makefile variable exported by name, whatever an unexport alone says',
      'Makefile',
      'export STORAGE_BUCKET = make.example.com\nunexport\n\ndeploy:\n\t./build/deploy.sh\n',
      'make.example.com',
    ],
    [
      'Makefile variable the recipe sets for the script',
      'Makefile',
      'STORAGE_BUCKET = make.example.com\n\ndeploy:\n\tSTORAGE_BUCKET=$(STORAGE_BUCKET) ./build/deploy.sh\n',
      'make.example.com',
    ],
    [
      'justfile export',
      'justfile',
      'export STORAGE_BUCKET := "just.example.com"\n\ndeploy:\n    ./build/deploy.sh\n',
      'just.example.com',
    ],
  ])('%s reach the script', (_what, path, ci, bucket) => {
    expect(scripted(path, ci)).toEqual(both(bucket));
  });

  it.each([
    [
      'Makefile variable it does not export',
      'Makefile',
      'STORAGE_BUCKET = make.example.com\n\ndeploy:\n\t./build/deploy.sh\n',
    ],
    [
      'Makefile variable it unexports',
      'Makefile',
      'export STORAGE_BUCKET = make.example.com\nunexport STORAGE_BUCKET\n\ndeploy:\n\t./build/deploy.sh\n',
    ],
    [
      'Makefile variable it unexports, though it exports all the others',
      'Makefile',
      'STORAGE_BUCKET = make.example.com\nexport\nunexport STORAGE_BUCKET\n\ndeploy:\n\t./build/deploy.sh\n',
    ],
    [
      'Makefile variable it unexports under .EXPORT_ALL_VARIABLES',
      'Makefile',
      'STORAGE_BUCKET = make.example.com\nunexport STORAGE_BUCKET\n.EXPORT_ALL_VARIABLES:\n\ndeploy:\n\t./build/deploy.sh\n',
    ],
    [
      'Makefile variables, not exported by an unexport alone after an export alone',
      'Makefile',
      'STORAGE_BUCKET = make.example.com\nexport\nunexport\n\ndeploy:\n\t./build/deploy.sh\n',
    ],
    [
      'Makefile variable exported before it is unexported, assigned after',
      'Makefile',
      'export STORAGE_BUCKET\nunexport STORAGE_BUCKET\nSTORAGE_BUCKET = make.example.com\n\ndeploy:\n\t./build/deploy.sh\n',
    ],
    [
      'Dockerfile ARG of an earlier stage',
      'Dockerfile',
      'FROM alpine AS base\nARG STORAGE_BUCKET=arg.example.com\nFROM google/cloud-sdk\nRUN ./build/deploy.sh\n',
    ],
    [
      'Dockerfile ENV after the RUN',
      'Dockerfile',
      'FROM google/cloud-sdk\nRUN ./build/deploy.sh\nENV STORAGE_BUCKET=env.example.com\n',
    ],
    [
      'Jenkinsfile environment of another stage',
      'Jenkinsfile',
      "pipeline {\n  stages {\n    stage('Build') {\n      environment {\n        STORAGE_BUCKET = 'jenkins.example.com'\n      }\n      steps {\n        sh 'make'\n      }\n    }\n    stage('Deploy') {\n      steps {\n        sh './build/deploy.sh'\n      }\n    }\n  }\n}\n",
    ],
  ])('%s does not reach the script', (_what, path, text) => {
    expect(scripted(path, text)).toEqual([[2, 'gs://$STORAGE_BUCKET', 'opens']]);
  });

  it('passes no secret from a Makefile, Dockerfile or Jenkinsfile', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const root = repo({
      Makefile: `export DEPLOY_TOKEN := ${secret}\nrelease:\n\t./build/deploy.sh\n`,
      Dockerfile: `FROM alpine\nARG NPM_TOKEN=${secret}\nRUN ./build/deploy.sh\n`,
      Jenkinsfile: `node {\n  withEnv(['API_KEY=${secret}']) {\n    sh './build/deploy.sh'\n  }\n}\n`,
      'build/deploy.sh':
        'curl https://acme-releases.s3.amazonaws.com/$DEPLOY_TOKEN$NPM_TOKEN$API_KEY\n',
    });
    const result = scan(root);
    expect(result.links.map((l) => l.url)).toEqual([
      'https://acme-releases.s3.amazonaws.com/$DEPLOY_TOKEN$NPM_TOKEN$API_KEY',
    ]);
    expect(JSON.stringify(result)).not.toContain('wJalrXUtnFEMI');
  });

  it("leaves the script's own assignment deciding from where it is made", () => {
    const script = SCRIPT.replace('gsutil rsync', 'STORAGE_BUCKET=own.example.com\ngsutil rsync');
    const ci =
      'deploy:\n  variables:\n    STORAGE_BUCKET: job.example.com\n  script:\n    - ./build/deploy.sh\n';
    expect(scripted('.gitlab-ci.yml', ci, script)).toEqual([
      [2, 'gs://job.example.com', 'opens'],
      [4, 'gs://own.example.com', 'upload'],
    ]);
  });

  it('reads the script once for each value the jobs that run it give', () => {
    const ci = ['a', 'b'].map(
      (job) =>
        `${job}:\n  variables:\n    STORAGE_BUCKET: ${job}.example.com\n  script:\n    - ./build/deploy.sh\n`,
    );
    expect(scripted('.gitlab-ci.yml', ci.join(''))).toEqual([
      [2, 'gs://a.example.com', 'opens'],
      [2, 'gs://b.example.com', 'opens'],
      [3, 'gs://a.example.com', 'upload'],
      [3, 'gs://b.example.com', 'upload'],
    ]);
  });

  it('reads the script for 1,024 values, and a place that gives it one more is an error there', () => {
    const jobs = (count: number) =>
      Array.from(
        { length: count },
        (_, i) =>
          `j${i}:\n  variables:\n    STORAGE_BUCKET: b${i}.example.com\n  script:\n    - ./build/deploy.sh\n`,
      ).join('');
    // One link a reading, so that the bound on the links of the readings is not what is reached.
    const script = '#!/bin/bash\ngsutil rsync -R dist gs://$STORAGE_BUCKET\n';
    const result = (count: number) =>
      scan(repo({ '.gitlab-ci.yml': jobs(count), 'build/deploy.sh': script }));
    expect(result(1024).diagnostics).toEqual([]);
    const { links, diagnostics } = result(1025);
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        code: 'build-environments-truncated',
        message:
          '.gitlab-ci.yml runs build/deploy.sh with one more set of values of the variables it uses than the 1024 it is read with: it was not read with this one, and the links those values name in it were not checked',
        range: expect.objectContaining({
          file: '.gitlab-ci.yml',
          start: expect.objectContaining({ line: 5125 }),
        }),
      },
    ]);
    expect(links.map((l) => l.url)).toContain('gs://b1023.example.com');
    expect(links.map((l) => l.url)).not.toContain('gs://b1024.example.com');
  });

  // At most 64 variables are passed to a script: one that uses more of those a place gives is an
  // error there, not read with the others (the bucket, given last, went unread in silence).
  const names = (count: number) => [
    ...Array.from({ length: count - 1 }, (_, i) => `V${i}`),
    'BUCKET',
  ];
  const value = (name: string) => (name === 'BUCKET' ? 'acme-releases' : name.toLowerCase());
  const upload = (count: number) =>
    `echo ${names(count)
      .slice(0, -1)
      .map((name) => `$${name}`)
      .join(' ')}\naws s3 cp dist s3://$BUCKET/\n`;
  it.each([
    [
      "a workflow job's env",
      (count: number) => ({
        '.github/workflows/release.yml': `on: push\njobs:\n  a:\n    env:\n${names(count)
          .map((name) => `      ${name}: ${value(name)}\n`)
          .join('')}    steps:\n      - run: ./upload.sh\n`,
      }),
    ],
    [
      "a script's exports",
      (count: number) => ({
        'release.sh': `${names(count)
          .map((name) => `export ${name}=${value(name)}\n`)
          .join('')}./upload.sh\n`,
      }),
    ],
    [
      "a Makefile's exports",
      (count: number) => ({
        Makefile: `${names(count)
          .map((name) => `export ${name} = ${value(name)}\n`)
          .join('')}release:\n\t./upload.sh\n`,
      }),
    ],
  ])('passes the 64 variables of %s a script uses, and says when it gives more', (_how, files) => {
    const read = (count: number) => scan(repo({ ...files(count), 'upload.sh': upload(count) }));
    const whole = read(64);
    expect(whole.diagnostics).toEqual([]);
    expect(whole.links.map((l) => l.url)).toContain('s3://acme-releases/');
    const cut = read(65);
    expect(cut.diagnostics.map((d) => [d.code, d.message.split(' where ')[1]])).toEqual([
      [
        'build-environments-truncated',
        'it gives more of the variables its scripts use than the 64 passed to a script: the others were not passed, and the links they name in it were not checked',
      ],
    ]);
    expect(cut.links.map((l) => l.url)).not.toContain('s3://acme-releases/');
  });

  it("passes no secret, nothing another job's script assigns, and no Cloud Build substitution", () => {
    const github =
      'on: push\njobs:\n  deploy:\n    env:\n      STORAGE_BUCKET: ${{ secrets.BUCKET }}\n    steps:\n      - run: ./build/deploy.sh\n';
    const gitlab =
      'deploy:\n  variables:\n    STORAGE_BUCKET: job.example.com\n  script:\n    - ./build/deploy.sh\nother:\n  script:\n    - export STORAGE_BUCKET=other.example.com\n';
    const cloudbuild =
      'substitutions:\n  STORAGE_BUCKET: sub.example.com\nsteps:\n  - name: gcr.io/cloud-builders/gcloud\n    entrypoint: bash\n    args:\n      - build/deploy.sh\n';
    const unnamed = [[2, 'gs://$STORAGE_BUCKET', 'opens']];
    expect(scripted('.github/workflows/deploy.yml', github)).toEqual(unnamed);
    expect(scripted('.gitlab-ci.yml', gitlab)).toEqual(unnamed);
    expect(scripted('cloudbuild.yaml', cloudbuild)).toEqual(unnamed);
  });
});

describe('variables a script passes to the scripts it runs', () => {
  const UPLOAD = '#!/bin/bash\naws s3 cp dist s3://$BUCKET/ --recursive --acl public-read\n';
  /** `file url` of each link of a repository with these files and `bin/upload.sh`. */
  const uploads = (files: Record<string, string>) =>
    scan(repo({ 'bin/upload.sh': UPLOAD, ...files })).links.map((l) => `${l.range.file} ${l.url}`);
  const UPLOADED = ['bin/upload.sh s3://acme-releases/'];
  const UNNAMED = ['bin/upload.sh s3://$BUCKET/'];
  const release = (...lines: string[]) => ({ 'release.sh': `#!/bin/bash\n${lines.join('\n')}\n` });

  it.each([
    ['an export', release('export BUCKET=acme-releases', './bin/upload.sh')],
    // A declaration of several assigned none of them.
    [
      'an export of several',
      release('export REGION=us-east-1 BUCKET="acme-releases" # both', './bin/upload.sh'),
    ],
    [
      'an export, to a script run after a cd',
      release('export BUCKET=acme-releases', 'cd bin && ./upload.sh'),
    ],
    [
      'an export, to a script run after a cd on an earlier line',
      release('export BUCKET=acme-releases', 'cd bin', './upload.sh'),
    ],
    [
      "a GitLab job's before_script, exporting and entering the directory its script runs it from",
      {
        '.gitlab-ci.yml':
          'ship:\n  before_script: [export BUCKET=acme-releases, cd bin]\n  script: [./upload.sh]\n',
      },
    ],
    [
      "the environment a CI job runs it with, from the step's working-directory",
      {
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  ci:\n    env:\n      BUCKET: acme-releases\n    steps:\n      - run: ./upload.sh\n        working-directory: bin\n',
      },
    ],
    [
      'a variable exported after it is assigned',
      release('BUCKET=acme-releases', 'export BUCKET', 'bash bin/upload.sh'),
    ],
    [
      'a variable assigned under set -a',
      release('set -a', 'BUCKET=acme-releases', 'set +a', 'sh ./bin/upload.sh'),
    ],
    ["the command's own assignment", release('BUCKET=acme-releases ./bin/upload.sh')],
    ["env's assignment", release('env BUCKET=acme-releases bin/upload.sh')],
    [
      'a variable a script it sources exports',
      {
        ...release('. bin/env.sh', './bin/upload.sh'),
        'bin/env.sh': 'export BUCKET=acme-releases\n',
      },
    ],
    [
      'a variable sourced under set -a',
      {
        ...release('set -a', 'source ./bin/env.sh', 'set +a', './bin/upload.sh'),
        'bin/env.sh': 'BUCKET=acme-releases\n',
      },
    ],
    [
      'any variable, to a script it sources',
      release('BUCKET=acme-releases', 'source bin/upload.sh'),
    ],
    [
      'the environment a CI job runs it with, passed on',
      {
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  ci:\n    env:\n      BUCKET: acme-releases\n    steps:\n      - run: ./bin/ship.sh\n',
        'bin/ship.sh': './bin/upload.sh\n',
      },
    ],
    [
      'a CI script, exporting before it runs the script',
      {
        '.gitlab-ci.yml':
          'ship:\n  script:\n    - export BUCKET=acme-releases\n    - ./bin/upload.sh\n',
      },
    ],
    [
      "a GitLab job's before_script, exporting before its script runs the script",
      {
        '.gitlab-ci.yml':
          'ship:\n  before_script:\n    - export BUCKET=acme-releases\n  script:\n    - ./bin/upload.sh\n',
      },
    ],
    [
      "a GitLab job's before_script, assigning a variable the job exports",
      {
        '.gitlab-ci.yml':
          'ship:\n  variables: { BUCKET: acme-other }\n  before_script:\n    - BUCKET=acme-releases\n  script:\n    - ./bin/upload.sh\n',
      },
    ],
    [
      'a CI step, from a script it sources',
      {
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  ci:\n    steps:\n      - run: |\n          source bin/env.sh\n          ./bin/upload.sh\n',
        'bin/env.sh': 'export BUCKET=acme-releases\n',
      },
    ],
  ])('%s reaches the script', (_what, files) => {
    expect(uploads(files)).toEqual(UPLOADED);
  });

  it.each([
    ['a variable it does not export', release('BUCKET=acme-releases', './bin/upload.sh')],
    ['an export after the run', release('./bin/upload.sh', 'export BUCKET=acme-releases')],
    [
      'an export in a branch',
      release('if [ -n "$CI" ]; then', '  export BUCKET=acme-releases', 'fi', './bin/upload.sh'),
    ],
    ['a value from a command', release('export BUCKET=$(cat bucket.txt)', './bin/upload.sh')],
    [
      'a declaration of several with a command among them',
      release('export A=x BUCKET=acme-releases $(cat more)', './bin/upload.sh'),
    ],
    [
      "a command's own assignment of an unknown value",
      release('export BUCKET=acme-releases', 'BUCKET="$(cat b)" ./bin/upload.sh'),
    ],
    [
      'a script sourced in a branch',
      {
        ...release('if [ -f bin/env.sh ]; then', '  . bin/env.sh', 'fi', './bin/upload.sh'),
        'bin/env.sh': 'export BUCKET=acme-releases\n',
      },
    ],
    [
      "a GitLab job's script, to its after_script",
      {
        '.gitlab-ci.yml':
          'ship:\n  script:\n    - export BUCKET=acme-releases\n  after_script:\n    - ./bin/upload.sh\n',
      },
    ],
    [
      "a GitLab job's before_script, assigning a variable it does not export",
      {
        '.gitlab-ci.yml':
          'ship:\n  before_script:\n    - BUCKET=acme-releases\n  script:\n    - ./bin/upload.sh\n',
      },
    ],
  ])('%s does not reach the script', (_what, files) => {
    expect(uploads(files)).toEqual(UNNAMED);
  });

  it('passes no variable whose name says it holds a secret, nor one built from it', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const files = {
      ...release(
        `export DEPLOY_TOKEN=${secret}`,
        'export BUCKET=acme-releases',
        'export KEY_PATH="keys/$DEPLOY_TOKEN"',
        `SIGNING_KEY=${secret} ./bin/get.sh`,
      ),
      'bin/get.sh': 'curl https://$BUCKET.s3.amazonaws.com/$DEPLOY_TOKEN/$KEY_PATH/$SIGNING_KEY\n',
    };
    const result = scan(repo(files));
    expect(result.links.map((l) => l.url)).toEqual([
      'https://acme-releases.s3.amazonaws.com/$DEPLOY_TOKEN/$KEY_PATH/$SIGNING_KEY',
    ]);
    expect(JSON.stringify(result)).not.toContain('wJalrXUtnFEMI');
  });

  it('resolves what a sourced script assigns in the script that sources it, from there on', () => {
    const files = {
      ...release(
        'BUCKET=old-releases',
        'aws s3 cp dist s3://$BUCKET/ --acl public-read',
        'source ./bin/env.sh',
        'aws s3 cp dist s3://$BUCKET/ --acl public-read',
        'aws s3 cp dist s3://$MIRROR/ --acl public-read',
      ),
      'bin/env.sh': 'BUCKET=acme-releases\nMIRROR="${BUCKET}-mirror"\n',
    };
    expect(uploads(files).filter((link) => link.startsWith('release.sh'))).toEqual([
      'release.sh s3://old-releases/',
      'release.sh s3://acme-releases/',
      'release.sh s3://acme-releases-mirror/',
    ]);
  });

  it('follows scripts that source each other to an end', () => {
    const files = {
      ...release('source bin/a.sh', 'aws s3 cp dist s3://$BUCKET/ --acl public-read'),
      'bin/a.sh': 'source bin/b.sh\nBUCKET=acme-releases\n',
      'bin/b.sh': 'source bin/a.sh\n',
    };
    expect(uploads(files).filter((link) => link.startsWith('release.sh'))).toEqual([
      'release.sh s3://acme-releases/',
    ]);
  });

  // At most 4096 assignments are read from the scripts a script sources, through all levels: past
  // them, what is sourced is an error where it is (the bucket, assigned last, went unread in silence).
  const assigning = (count: number) =>
    `${Array.from({ length: count - 1 }, (_, i) => `V${i}=v${i}\n`).join('')}BUCKET=acme-releases\n`;
  it.each([
    ['sourced', (count: number) => ({ 'env.sh': assigning(count) }), ['release.sh']],
    [
      'sourced by a script it sources',
      (count: number) => ({ 'env.sh': 'source ./vars.sh\n', 'vars.sh': assigning(count) }),
      ['release.sh', 'env.sh'],
    ],
  ])(
    'reads 4096 assignments a script %s makes, and says when it makes more',
    (_how, files, cut) => {
      const read = (count: number) =>
        scan(
          repo({
            'release.sh': 'source ./env.sh\naws s3 cp dist s3://$BUCKET/ --acl public-read\n',
            ...files(count),
          }),
        );
      const whole = read(4096);
      expect(whole.diagnostics).toEqual([]);
      expect(whole.links.map((l) => l.url)).toContain('s3://acme-releases/');
      const past = read(4097);
      expect(
        past.diagnostics.map((d) => [d.code, d.range.file, d.message.split(' past ')[1]]),
      ).toEqual(
        cut.map((file) => [
          'build-links-truncated',
          file,
          'the 4096 assignments read from the scripts it sources, through all levels: what it assigns there was not read, and the links its values name were not checked',
        ]),
      );
      expect(past.links.map((l) => l.url)).not.toContain('s3://acme-releases/');
    },
  );
});

describe('the words a script is run with', () => {
  const UPLOAD = 'aws s3 cp dist "s3://$1/" --recursive --acl public-read\n';
  /** `file url` of each link of a repository with these files and `bin/upload.sh`. */
  const uploads = (files: Record<string, string>, upload = UPLOAD) =>
    scan(repo({ 'bin/upload.sh': upload, ...files })).links.map((l) => `${l.range.file} ${l.url}`);
  const release = (...lines: string[]) => ({ 'release.sh': `#!/bin/bash\n${lines.join('\n')}\n` });
  const step = (run: string) => ({
    '.github/workflows/ci.yml': `on: push\njobs:\n  ci:\n    steps:\n      - run: ${run}\n`,
  });

  it.each([
    ['a CI step', step('bash bin/upload.sh acme-releases'), UPLOAD],
    ['a script', release('./bin/upload.sh acme-releases --dry-run'), UPLOAD],
    ['a script, as ${1}', release('./bin/upload.sh acme-releases'), 'aws s3 cp dist s3://${1}/\n'],
    [
      'a script assigning it, after set -euo pipefail',
      release('./bin/upload.sh dist/*.whl acme-releases'),
      '#!/bin/bash\nset -euo pipefail\nartifact="$1"\nbucket="$2"\naws s3 cp "$artifact" "s3://$bucket/"\n',
    ],
    [
      'a script given its own words by a CI step',
      { ...step('./release.sh acme-releases'), ...release('./bin/upload.sh "$1"') },
      UPLOAD,
    ],
    [
      'a script running it by its own directory',
      { 'bin/release.sh': '#!/bin/bash\n$(dirname "$0")/upload.sh acme-releases\n' },
      UPLOAD,
    ],
    [
      'a script running it by a variable holding its own directory',
      {
        'bin/release.sh': '#!/bin/bash\nHERE=${BASH_SOURCE%/*}\n"$HERE"/upload.sh acme-releases\n',
      },
      UPLOAD,
    ],
  ])('%s gives the script its words', (_what, files, upload) => {
    expect(uploads(files, upload)).toEqual(['bin/upload.sh s3://acme-releases/']);
  });

  it.each([
    ['moving them (shift)', release('./bin/upload.sh acme-releases other'), `shift\n${UPLOAD}`],
    [
      'setting them (set --)',
      release('./bin/upload.sh acme-releases'),
      `set -- "$@" --recursive\n${UPLOAD}`,
    ],
    [
      'reading options (getopts)',
      release('./bin/upload.sh acme-releases'),
      `while getopts b: o; do :; done\n${UPLOAD}`,
    ],
    [
      "a function of its own, whose $1 is the function's",
      release('./bin/upload.sh acme-releases'),
      `up() {\n  aws s3 cp dist "s3://$1/" --acl public-read\n}\nup other\n`,
    ],
    [
      'run with "$@" before them, which may be any number of words',
      release('./bin/upload.sh "$@" acme-releases'),
      UPLOAD,
    ],
    [
      'run by a script given words (its own, not passed on)',
      { ...step('./release.sh acme-releases'), ...release('./bin/upload.sh') },
      UPLOAD,
    ],
    ['sourced with words', release('source bin/upload.sh acme-releases'), UPLOAD],
  ])('a script %s is not given them', (_what, files, upload) => {
    expect(uploads(files, upload).filter((l) => l.includes('acme-releases'))).toEqual([]);
  });
});

// A function's body was read with its positional parameters unknown: a release script's
// `upload acme-releases dist/x.tgz` named no bucket, and `s3://$1/` none either.
describe('the words a script gives its functions', () => {
  /** `url (usage) called from line, …` of each link of `release.sh` naming a bucket. */
  const named = (script: string) =>
    scan(repo({ 'release.sh': `#!/bin/bash\nset -euo pipefail\n${script}` }))
      .links.filter((l) => l.bucket !== undefined)
      .map(
        (l) =>
          `${l.url} (${l.usage})${(l.calledFrom ?? []).map((r) => ` ${r.start.line}:${r.start.column}`).join('')}`,
      );

  it.each([
    [
      'as the bucket',
      'upload() {\n  aws s3 cp "$2" "s3://$1/latest/" --acl public-read\n}\nupload acme-releases dist/x.tgz\n',
      ['s3://acme-releases/latest/ (public-upload) 6:1'],
    ],
    [
      'through a declaration of several local variables',
      'push_gcs() {\n  local bucket=$1 file=$2\n  gsutil cp -a public-read "dist/${file}" "gs://${bucket}/"\n}\npush_gcs acme-releases x.zip\n',
      ['gs://acme-releases/ (public-upload) 7:1'],
    ],
    [
      'through a local variable',
      'function upload {\n  local bucket="$1"\n  aws s3 cp dist/x.tgz "s3://${bucket}/latest/"\n}\nupload acme-releases\n',
      ['s3://acme-releases/latest/ (upload) 7:1'],
    ],
    [
      'to a one-line function, after &&',
      'publish() { gsutil -m rsync -r dist "gs://$1/"; }\ntest -d dist && publish acme-releases\n',
      ['gs://acme-releases/ (upload) 4:17'],
    ],
    [
      'with its brace on the next line, each call its own',
      'function push()\n{\n  aws s3 cp x "s3://$1/x" --acl public-read\n}\npush acme-releases\npush acme-nightly\n',
      ['s3://acme-releases/x (public-upload) 7:1', 's3://acme-nightly/x (public-upload) 8:1'],
    ],
    [
      'as the path, with the bucket the script assigns before the call',
      'upload() {\n  aws s3 cp "$1" "s3://$BUCKET/$2" --acl public-read\n}\nBUCKET=acme-releases\nupload dist/x.tgz v1/\n',
      ['s3://acme-releases/v1/ (public-upload) 7:1'],
    ],
    [
      'resolved by the variables in force at the call',
      'B=acme-releases\nup() { aws s3 cp x "s3://$1/"; }\nup "$B"\n',
      ['s3://acme-releases/ (upload) 5:1'],
    ],
  ])('gives a function its words %s', (_how, script, expected) => {
    expect(named(script)).toEqual(expected);
  });

  it.each([
    ['in a comment', 'up() {\n  aws s3 cp x "s3://$1/"\n}\n# up acme-releases\n'],
    ['run with "$@"', 'up() {\n  aws s3 cp x "s3://$1/"\n}\nup "$@" acme-releases\n'],
    ['computed', 'up() {\n  aws s3 cp x "s3://$1/"\n}\nup "$(cat bucket.txt)"\n'],
    ['as words of another command', 'up() {\n  aws s3 cp x "s3://$1/"\n}\necho up acme-releases\n'],
    [
      'to a function of another name',
      'up() {\n  aws s3 cp x "s3://$1/"\n}\nupload() { :; }\nupload acme-releases\n',
    ],
  ])('names no bucket for a call %s', (_how, script) => {
    expect(named(script)).toEqual([]);
  });

  // A function a CI step declares and calls in its script was read with its words unknown.
  describe('in a CI script', () => {
    const UP = 'upload() {\n  aws s3 cp "$2" "s3://$1/latest/" --acl public-read\n}';
    const indented = (script: string, by: string) => script.replace(/^/gm, by);
    /** `url (usage) called from line:column` of each link naming a bucket. */
    const named = (path: string, text: string) =>
      scanText(path, text)
        .links.filter((l) => l.bucket !== undefined)
        .map(
          (l) =>
            `${l.url} (${l.usage})${(l.calledFrom ?? []).map((r) => ` ${r.start.line}:${r.start.column}`).join('')}`,
        );
    const workflow = (steps: string) =>
      `on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;

    it.each([
      [
        "a workflow step's run block",
        '.github/workflows/release.yml',
        workflow(
          `      - run: |\n${indented(`${UP}\nupload acme-releases dist/x.tgz`, '          ')}\n`,
        ),
        ['s3://acme-releases/latest/ (public-upload) 10:11'],
      ],
      [
        "a GitLab job's script block",
        '.gitlab-ci.yml',
        `release:\n  script:\n    - |\n${indented(`${UP}\nupload acme-releases dist/x.tgz`, '      ')}\n`,
        ['s3://acme-releases/latest/ (public-upload) 7:7'],
      ],
      [
        'a workflow step, called from another step, whose shell has no such function',
        '.github/workflows/release.yml',
        workflow(
          `      - run: |\n${indented(UP, '          ')}\n      - run: |\n          upload acme-releases dist/x.tgz\n`,
        ),
        [],
      ],
    ])('gives a function its words in %s', (_where, path, text, expected) => {
      expect(named(path, text)).toEqual(expected);
    });
  });

  // A function a sourced script declares was read with its words unknown: `source ./lib.sh`, then
  // `upload acme-releases dist/x.tgz`, was a finding on `s3://$1/latest/` naming no bucket.
  describe('of a script it sources', () => {
    const LIB = '#!/bin/sh\nupload() { aws s3 cp "$2" "s3://$1/latest/" --acl public-read; }\n';
    /** `file url (usage) called from file:line:column, …` of each link naming a bucket. */
    const sourced = (files: Record<string, string>) =>
      scan(repo(files))
        .links.filter((l) => l.bucket !== undefined)
        .map(
          (l) =>
            `${l.range.file} ${l.url} (${l.usage})${(l.calledFrom ?? []).map((r) => ` ${r.file}:${r.start.line}:${r.start.column}`).join('')}`,
        );
    const release = (script: string) => ({
      'scripts/lib.sh': LIB,
      'scripts/release.sh': `#!/bin/sh\nset -e\n${script}`,
    });
    const READ = 'scripts/lib.sh s3://acme-releases/latest/ (public-upload)';

    it.each([
      ['by its directory', release('source ./lib.sh\nupload acme-releases dist/x.tgz\n'), 4],
      ['with .', release('. ./lib.sh\nupload acme-releases dist/x.tgz\n'), 4],
      [
        'by the directory of $0',
        release('. "$(dirname "$0")/lib.sh"\nupload acme-releases dist/x.tgz\n'),
        4,
      ],
      [
        'through a script that sources it',
        {
          ...release('. ./common.sh\nif [ -n "$TAG" ]; then\n  upload acme-releases x\nfi\n'),
          'scripts/common.sh': '#!/bin/sh\n. ./lib.sh\n',
        },
        5,
      ],
    ])(
      'reads its functions where they are written, called from the caller, %s',
      (_how, files, line) => {
        expect(sourced(files)).toEqual([
          `${READ} scripts/release.sh:${line}:${line === 5 ? 3 : 1}`,
        ]);
      },
    );

    it('reads them for a workflow step that sources it, in that step only', () => {
      const step = (run: string) => `      - run: |\n${run.replace(/^/gm, '          ')}\n`;
      const text = `on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n${step('source scripts/lib.sh\nupload acme-releases x')}${step('upload acme-nightly x')}`;
      const files = { 'scripts/lib.sh': LIB, '.github/workflows/release.yml': text };
      expect(sourced(files)).toEqual([`${READ} .github/workflows/release.yml:8:11`]);
    });

    it('gives the body the variables in force at the call, with what the sourced script assigns', () => {
      const files = {
        'lib.sh': 'BUCKET=acme-releases\npush() {\n  aws s3 cp "$1" "s3://$BUCKET/$VERSION/"\n}\n',
        'release.sh': 'source lib.sh\nVERSION=v1\npush dist/x.tgz\n',
      };
      // As written, the function names the bucket and leaves its path unknown.
      expect(sourced(files)).toEqual([
        'lib.sh s3://acme-releases/$VERSION/ (upload)',
        'lib.sh s3://acme-releases/v1/ (upload) release.sh:3:1',
      ]);
    });

    it('counts its functions with its own towards the 256 read, and says when there are more', () => {
      const declaring = (from: number, count: number) =>
        Array.from({ length: count }, (_, i) => `f${from + i}() { :; }\n`).join('');
      const read = (own: number) =>
        scanGuarded(
          repo({
            'lib.sh': `${declaring(own, 255)}up() { aws s3 cp x "s3://$1/"; }\n`,
            'release.sh': `${declaring(0, own)}. ./lib.sh\nup acme-releases\n`,
          }),
        );
      expect(read(0).diagnostics).toEqual([]);
      const past = read(1);
      expect(past.diagnostics.map((d) => [d.code, d.range.file])).toEqual([
        ['build-links-truncated', 'release.sh'],
      ]);
    });

    it('reads a library that 500 scripts source and call once, called from the first 100', () => {
      const files = Object.fromEntries(
        Array.from({ length: 500 }, (_, i) => [
          `release-${i}.sh`,
          `. ./lib.sh\nupload acme-releases x\n`,
        ]),
      );
      const { links, diagnostics } = scanGuarded(repo({ ...files, 'lib.sh': LIB }));
      expect(diagnostics).toEqual([]);
      const named = links.filter((l) => l.bucket !== undefined);
      expect(named.map((l) => [l.range.file, l.calledFrom?.length])).toEqual([['lib.sh', 100]]);
    });

    it.each([
      ['before it sources it', 'upload acme-releases x\nsource ./lib.sh\n'],
      ['sourced in a comment', '# source ./lib.sh\nupload acme-releases x\n'],
      [
        'of the name of one of its own',
        'source ./lib.sh\nupload() { echo "$1"; }\nupload acme-releases x\n',
      ],
    ])('names no bucket for a call %s', (_how, script) => {
      expect(sourced(release(script))).toEqual([]);
    });
  });

  it('reads 1024 sets of values a function is called with, and says when there are more', () => {
    const calls = (count: number) =>
      `up() {\n  aws s3 cp x "s3://$1/" --acl public-read\n}\n${Array.from({ length: count }, (_, i) => `up acme-releases-${i}\n`).join('')}`;
    const read = (count: number) => scanGuarded(repo({ 'release.sh': calls(count) }));
    const whole = read(1024);
    expect(whole.diagnostics).toEqual([]);
    expect(whole.links.filter((l) => l.bucket !== undefined)).toHaveLength(1024);
    const past = read(1025);
    expect(past.diagnostics.map((d) => [d.code, d.range.file])).toEqual([
      ['build-links-truncated', 'release.sh'],
    ]);
  });
});

describe('Drone and Buildkite step environments', () => {
  it('Drone: the step environment over the pipeline one, in commands only', () => {
    const drone = `kind: pipeline
environment:
  BUCKET: pipeline-releases
steps:
  - name: fetch
    image: amazon/aws-cli
    commands:
      - aws s3 cp s3://$BUCKET/base.tgz .
  - name: publish
    image: amazon/aws-cli
    environment:
      BUCKET: step-releases
    commands:
      - aws s3 cp dist s3://\${BUCKET}/v1
  - name: note
    image: alpine
    settings:
      url: https://$BUCKET.s3.amazonaws.com/not-a-script
`;
    expect(scanText('.drone.yml', drone).links.map((l) => l.url)).toEqual([
      's3://pipeline-releases/base.tgz',
      's3://step-releases/v1',
    ]);
  });

  it('Buildkite: the step env over the pipeline env, in command and commands', () => {
    const buildkite = `env:
  BUCKET: pipeline-releases
steps:
  - label: fetch
    command: aws s3 cp s3://$BUCKET/base.tgz .
  - label: publish
    env:
      BUCKET: step-releases
    commands:
      - export OTHER=x
      - aws s3 cp dist s3://\${BUCKET}/v1
`;
    expect(scanText('.buildkite/pipeline.yml', buildkite).links.map((l) => l.url)).toEqual([
      's3://pipeline-releases/base.tgz',
      's3://step-releases/v1',
    ]);
  });
});

describe('Taskfile vars and env', () => {
  it('resolves {{.NAME}} from the Taskfile vars in commands (katoptra/tlnet, as its index task once wrote it)', () => {
    // katoptra/tlnet's Taskfile.yml, its vars and the index task, with the bucket written in
    // the command as the project's docs show it rather than through an included engine's S3.
    const taskfile = `version: '3'

vars:
  SOURCE: rsync://rsync.dante.ctan.org/CTAN/   # the master; a secondary mirror can lag it by a day
  HOST: tlnet.katoptra.org                      # a fork changes this line and the text in site/index.html
  BUCKET: tlnet                                 # bucket name; objects sit at its root under CTAN's own paths
  TL: systems/texlive/tlnet                     # the signed subtree, which is the whole mirror

env:
  AWS_CONFIG_FILE: '{{.ROOT_DIR}}/aws.config'

tasks:
  index:
    desc: Upload site/index.html, dated now, to the bucket root as the landing page
    set: [pipefail]   # a failed sed must never upload an empty page
    cmds:
      - >-
        d=$(date -u '+%Y-%m-%d %H:%M UTC') && sed "s|<!--UPDATED-->|$d|" {{.ROOT_DIR}}/site/index.html
        | aws s3 cp --content-type text/html --cache-control no-cache - s3://{{.BUCKET}}/index.html
        && echo "$d" > {{.RUN}}/index.txt
`;
    const { links } = scanText('Taskfile.yml', taskfile);
    expect(links.map((l) => [where(l), l.url, l.bucket, l.usage, l.field])).toEqual([
      ['19:73-19:100', 's3://tlnet/index.html', 'tlnet', 'upload', 'tasks.index.cmds[0]'],
    ]);
  });

  it("takes a task's vars over the Taskfile's vars over its env in templates; $NAME sees env only", () => {
    const taskfile = `version: '3'
vars:
  BUCKET: global-releases
env:
  BUCKET: env-releases
  MIRROR: mirror-releases
tasks:
  release:
    vars:
      BUCKET: task-releases
    cmds:
      - aws s3 cp dist s3://{{.BUCKET}}/v1 --acl public-read
      - aws s3 cp dist s3://$BUCKET/v1
  mirror:
    env:
      MIRROR: task-mirror
    cmds:
      - cmd: aws s3 sync dist s3://{{ .BUCKET }}/m
      - aws s3 sync dist "s3://\${MIRROR}/m"
      - aws s3 sync dist s3://{{.MIRROR}}/m
`;
    expect(linksOf('Taskfile.yml', taskfile)).toEqual([
      '12:24-12:43 s3://task-releases/v1 (public-upload)',
      '13:24-13:39 s3://env-releases/v1 (upload)',
      '18:31-18:51 s3://global-releases/m (upload)',
      '19:27-19:43 s3://task-mirror/m (upload)',
      '20:26-20:44 s3://mirror-releases/m (upload)',
    ]);
  });

  it('resolves a template whatever the shell assigns, and no variable Task computes or is passed', () => {
    const taskfile = `version: '3'
vars:
  BUCKET: acme-releases
  DYNAMIC:
    sh: cat bucket.txt
tasks:
  publish:
    cmds:
      - BUCKET={{.BUCKET}} ./upload.sh && aws s3 cp x s3://{{.BUCKET}}/x
      - aws s3 cp x s3://{{.DYNAMIC}}/x
      - aws s3 cp x s3://{{.CALLER}}/x
`;
    expect(scanText('Taskfile.yml', taskfile).links.map((l) => l.url)).toEqual([
      's3://acme-releases/x',
    ]);
  });

  it("resolves a called task's templates with the vars its caller passes, as the caller's", () => {
    // Task looks a template's variable up in the task's own vars, then in those its caller passes,
    // then in the Taskfile's (https://taskfile.dev/docs/guide/variables). They are no environment.
    const taskfile = `version: '3'
vars:
  BUCKET: acme-dev
tasks:
  release:
    cmds:
      - task: upload
        vars: { BUCKET: acme-releases, ACL: public-read }
  nightly:
    deps:
      - task: upload
        vars:
          BUCKET: acme-nightly
  upload:
    vars:
      ACL: bucket-owner-full-control
    cmds:
      - aws s3 cp dist s3://{{.BUCKET}}/ --acl {{.ACL}}
      - aws s3 cp dist s3://$BUCKET/env/
`;
    const { links } = scanText('Taskfile.yml', taskfile);
    expect(links.map((l) => [l.url, l.usage, l.field, l.releaseStep])).toEqual([
      ['s3://acme-dev/', 'upload', 'tasks.upload.cmds[0]', 'deploy'],
      ['s3://acme-releases/', 'upload', 'tasks.release.cmds[0].task.cmds[0]', 'release'],
      ['s3://acme-nightly/', 'upload', 'tasks.nightly.deps[0].task.cmds[0]', 'deploy'],
    ]);
  });

  it.each([
    [1000, []],
    [
      1001,
      [
        'Taskfile.yml calls its tasks with vars: their templates use more times than the 1000 that are read again in one file; the others were not read, and the links they give were not checked',
      ],
    ],
  ])('reads %i calls of a task with vars again, saying what a bound left out', (count, said) => {
    // Past the bound, the last call's bucket went unread in silence.
    const calls = Array.from(
      { length: count },
      (_, i) => `      - task: upload\n        vars: { BUCKET: b${i} }`,
    );
    const taskfile = `version: '3'\ntasks:\n  release:\n    cmds:\n${calls.join('\n')}\n  upload:\n    cmds:\n      - aws s3 cp dist s3://{{.BUCKET}}/\n`;
    const { links, diagnostics } = scanText('Taskfile.yml', taskfile);
    expect(diagnostics.map((d) => [d.severity, d.code, d.message])).toEqual(
      said.map((message) => ['error', 'build-links-truncated', message]),
    );
    expect(links.some((l) => l.url === `s3://b${count - 1}/`)).toBe(said.length === 0);
  });

  it('runs each command in a shell of its own', () => {
    const taskfile = `version: '3'
tasks:
  publish:
    cmds:
      - |
        B=acme-releases
        aws s3 cp x s3://$B/x
      - aws s3 cp x s3://$B/y
`;
    expect(scanText('Taskfile.yml', taskfile).links.map((l) => l.url)).toEqual([
      's3://acme-releases/x',
    ]);
  });
});

describe('GoReleaser env', () => {
  const urls = (env: string, template: string) =>
    scanText(
      '.goreleaser.yaml',
      `version: 2\n${env}brews:\n  - name: acme\n    url_template: "${template}"\n`,
    ).links.map((l) => [where(l), l.url]);

  it.each([
    [
      '{{ .Env.NAME }} from the env list',
      'env:\n  - RELEASE_BUCKET=acme-releases\n',
      'https://{{ .Env.RELEASE_BUCKET }}.s3.amazonaws.com/{{ .Tag }}/{{ .ArtifactName }}',
      [['6:20-6:71', 'https://acme-releases.s3.amazonaws.com/']],
    ],
    [
      'the trimming form, the last entry of a name deciding',
      'env:\n  - B=old-releases\n  - B=acme-releases\n',
      'https://s3.amazonaws.com/{{- .Env.B -}}/a https://{{.Env.B}}.s3.amazonaws.com/b',
      [
        ['7:20-7:61', 'https://s3.amazonaws.com/acme-releases/a'],
        ['7:62-7:99', 'https://acme-releases.s3.amazonaws.com/b'],
      ],
    ],
    [
      '{{ index .Env `NAME` }}, the map lookup, with a raw string (a quoted one below)',
      'env:\n  - B=acme-releases\n',
      'https://{{ index .Env `B` }}.s3.amazonaws.com/a https://s3.amazonaws.com/{{- index .Env `B` -}}/b',
      [
        ['6:20-6:67', 'https://acme-releases.s3.amazonaws.com/a'],
        ['6:68-6:117', 'https://s3.amazonaws.com/acme-releases/b'],
      ],
    ],
    [
      'nothing for a name the env list does not set (the environment GoReleaser runs in)',
      'env:\n  - OTHER=acme-releases\n',
      'https://{{ .Env.RELEASE_BUCKET }}.s3.amazonaws.com/x',
      [],
    ],
  ])('resolves %s', (_name, env, template, expected) => {
    expect(urls(env, template)).toEqual(expected);
  });

  it.each([
    ['{{ .Env.BUCKET }}', '"{{ .Env.BUCKET }}"', '5:14-5:31'],
    ['{{ index .Env "BUCKET" }}', `'{{ index .Env "BUCKET" }}'`, '5:14-5:39'],
  ])("resolves a blob's bucket field written %s", (_name, bucket, range) => {
    const text = `env:\n  - BUCKET=acme-releases\nblobs:\n  - provider: s3\n    bucket: ${bucket}\n`;
    const { links } = scanText('.goreleaser.yaml', text);
    expect(links.map((l) => [where(l), l.bucket, l.usage, l.field])).toEqual([
      [range, 'acme-releases', 'upload', 'blobs[0].bucket'],
    ]);
  });
});

describe('.env files', () => {
  it('links what a bundler inlines, expanding ${NAME} as dotenv-expand does', () => {
    const env = [
      'BUCKET=acme-web-releases',
      'VITE_DOWNLOAD_URL=https://${BUCKET}.s3.amazonaws.com/app/latest.dmg',
      'NEXT_PUBLIC_CDN=https://acme-web-assets.s3.us-east-1.amazonaws.com',
      'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      '',
    ].join('\n');
    const { links } = scanText('.env.production', env);
    expect(links.map((l) => [l.url, l.usage, l.fileType])).toEqual([
      ['https://acme-web-releases.s3.amazonaws.com/app/latest.dmg', 'download', 'dotenv'],
      ['https://acme-web-assets.s3.us-east-1.amazonaws.com', 'download', 'dotenv'],
    ]);
    expect(JSON.stringify(links)).not.toContain('EXAMPLEKEY');
  });
});

// An npm script reading its bucket from the package's `config` gave a placeholder upload (high,
// "a bucket named only as $npm_package_config_bucket"), never the bucket.
describe('package.json scripts: the npm_package_ variables', () => {
  const pkg = (script: string, config = '{ "bucket": "acme-npm-releases" }') =>
    `{\n  "name": "acme-cli",\n  "version": "1.2.3",\n  "config": ${config},\n  "scripts": { "release": ${JSON.stringify(script)} }\n}\n`;
  it.each([
    [
      'aws s3 cp dist/a.tgz s3://$npm_package_config_bucket/a.tgz --acl public-read',
      ['5:49-5:86 s3://acme-npm-releases/a.tgz (public-upload)'],
    ],
    [
      'aws s3 cp dist/a.tgz s3://${npm_package_config_bucket}/$npm_package_name/$npm_package_version/',
      ['5:49-5:122 s3://acme-npm-releases/acme-cli/1.2.3/ (upload)'],
    ],
    [
      'aws s3 cp dist/a.tgz s3://$npm_package_name-releases/a.tgz --acl public-read',
      ['5:49-5:86 s3://acme-cli-releases/a.tgz (public-upload)'],
    ],
  ])('%s', (script, expected) => {
    expect(linksOf('package.json', pkg(script))).toEqual(expected);
  });

  it('leaves a config value that is no string, or says it holds a credential, a placeholder', () => {
    const config =
      '{ "bucket": { "name": "acme-npm-releases" }, "s3_secret": "acme-npm-releases" }';
    const links = scanText(
      'package.json',
      pkg(
        'aws s3 cp a s3://$npm_package_config_bucket/ s3://$npm_package_config_s3_secret/',
        config,
      ),
    ).links;
    expect(links.filter((l) => l.bucket !== undefined)).toEqual([]);
  });

  // A script that a package.json script runs read npm's variables as unknown: a placeholder upload.
  const UPLOAD = 'aws s3 cp dist/a.tgz "s3://$npm_package_config_bucket/$npm_package_version/"';
  it.each([
    ['sh scripts/upload.sh', ['s3://acme-npm-releases/1.2.3/ (public-upload)']],
    ['./scripts/upload.sh', ['s3://acme-npm-releases/1.2.3/ (public-upload)']],
    // What it runs in turn is given them too.
    ['bash scripts/release.sh', ['s3://acme-npm-releases/1.2.3/ (public-upload)']],
  ])('passes them to the script %s runs', (script, expected) => {
    const root = repo({
      'package.json': pkg(script),
      'scripts/upload.sh': `${UPLOAD} --acl public-read\n`,
      'scripts/release.sh': './scripts/upload.sh\n',
    });
    const links = scan(root).links.filter((l) => l.range.file === 'scripts/upload.sh');
    expect(links.map((l) => `${l.url} (${l.usage})`)).toEqual(expected);
  });

  it.each([
    [
      'a workflow',
      {
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  a:\n    steps:\n      - run: sh scripts/upload.sh\n',
      },
    ],
    ['a Makefile', { Makefile: 'release:\n\tsh scripts/upload.sh\n' }],
  ])('does not give them to a script %s runs, where npm does not run it', (_, files) => {
    const root = repo({
      'package.json': pkg('echo'),
      'scripts/upload.sh': `${UPLOAD}\n`,
      ...files,
    });
    expect(scan(root).links.filter((l) => l.bucket !== undefined)).toEqual([]);
  });
});

describe('Dockerfile ARG and ENV', () => {
  const urls = (text: string) => scanText('Dockerfile', text).links.map((l) => l.url);

  it('resolves ARG defaults and ENV values from their line to the end of the stage', () => {
    const text = [
      'ARG BUCKET=early-releases',
      'FROM alpine AS build',
      'ARG BUCKET=acme-releases',
      'ENV MIRROR="mirror-releases" REGION=us-east-1',
      'ENV LEGACY legacy-releases',
      'ENV DIST_URL=https://${BUCKET}.s3.amazonaws.com/app.tgz',
      'RUN curl -O https://$MIRROR.s3.$REGION.amazonaws.com/b.tgz https://$LEGACY.s3.amazonaws.com/c',
      'FROM alpine',
      'RUN curl -O https://$BUCKET.s3.amazonaws.com/next-stage.tgz',
      '',
    ].join('\n');
    const root = repo({ Dockerfile: text });
    const links = extractLinks(root, ['Dockerfile']).links;
    expect(links.map((l) => [l.range.start.line, l.url])).toEqual([
      [6, 'https://acme-releases.s3.amazonaws.com/app.tgz'],
      [7, 'https://mirror-releases.s3.us-east-1.amazonaws.com/b.tgz'],
      [7, 'https://legacy-releases.s3.amazonaws.com/c'],
    ]);
    expect(written(root, links[0]!)).toBe('https://${BUCKET}.s3.amazonaws.com/app.tgz');
  });

  it.each([
    ['an ARG with no default', 'ARG BUCKET'],
    ['a RUN assignment', 'RUN BUCKET=$(cat name) && echo $BUCKET'],
    ['a value holding a variable with no value', 'ARG BUCKET=${PREFIX}-releases'],
    [
      'a value holding a variable single-quoted',
      "ARG PREFIX=acme\nENV BUCKET='${PREFIX}-releases'",
    ],
  ])('does not resolve %s', (_what, line) => {
    const text = `FROM alpine\n${line}\nRUN curl -O https://$BUCKET.s3.amazonaws.com/a.tgz\n`;
    expect(urls(text)).toEqual([]);
  });

  it('gives an ARG of no value in a stage the default of the global ARG before the first FROM', () => {
    const text = [
      'ARG BUCKET=acme-releases',
      'ARG REGION=eu-west-1',
      'ARG UNSET',
      'FROM alpine AS fetch',
      'ARG BUCKET',
      'ARG UNSET',
      'RUN curl -O https://$BUCKET.s3.amazonaws.com/one https://$REGION-x.s3.amazonaws.com/no',
      'RUN curl -O https://$UNSET.s3.amazonaws.com/no',
      'FROM alpine',
      'ARG BUCKET=acme-other',
      'ARG REGION',
      'RUN curl -O https://$BUCKET.s3.$REGION.amazonaws.com/two',
      '',
    ].join('\n');
    expect(urls(text)).toEqual([
      'https://acme-releases.s3.amazonaws.com/one',
      'https://acme-other.s3.eu-west-1.amazonaws.com/two',
    ]);
  });

  it('gives the pairs of one instruction the values from before it, as Docker does', () => {
    const text = [
      'FROM alpine',
      'ENV OWNER=old',
      'ENV OWNER=acme BUCKET=${OWNER}-releases',
      'RUN curl -O https://$BUCKET.s3.amazonaws.com/a.tgz https://$OWNER-cdn.s3.amazonaws.com/b',
      '',
    ].join('\n');
    expect(urls(text)).toEqual([
      'https://old-releases.s3.amazonaws.com/a.tgz',
      'https://acme-cdn.s3.amazonaws.com/b',
    ]);
  });
});

it('resolves a Dockerfile value built from a variable set before it', () => {
  const text = [
    'FROM alpine',
    'ARG OWNER=acme',
    'ENV BUCKET=${OWNER:-other}-releases URL="https://${OWNER}-cdn.s3.amazonaws.com"',
    'RUN curl -O https://$BUCKET.s3.amazonaws.com/a.tgz $URL/b.tgz',
    '',
  ].join('\n');
  expect(scanText('Dockerfile', text).links.map((l) => l.url)).toEqual([
    'https://acme-cdn.s3.amazonaws.com',
    'https://acme-releases.s3.amazonaws.com/a.tgz',
    'https://acme-cdn.s3.amazonaws.com/b.tgz',
  ]);
});

describe('Jenkinsfile environment', () => {
  const urls = (text: string) => scanText('Jenkinsfile', text).links.map((l) => l.url);
  const pipeline = (stageEnvironment: string) => `pipeline {
  agent any
  environment {
    BUCKET = 'pipeline-releases'
    MIRROR = "mirror-releases"
    TOKEN = credentials('deploy-token')
  }
  stages {
    stage('Publish') {
${stageEnvironment}      steps {
        sh 'curl -O https://$BUCKET.s3.amazonaws.com/a.tgz'
        sh "aws s3 cp dist s3://\${env.MIRROR}/v1 --acl public-read"
      }
    }
    stage('Other') {
      steps {
        sh "curl -O https://\${BUCKET}.s3.amazonaws.com/b.tgz https://$TOKEN.s3.amazonaws.com/c"
      }
    }
  }
}
`;

  it('resolves the pipeline environment in every stage', () => {
    const root = repo({ Jenkinsfile: pipeline('') });
    const links = extractLinks(root, ['Jenkinsfile']).links;
    expect(links.map((l) => [l.range.start.line, l.url])).toEqual([
      [11, 'https://pipeline-releases.s3.amazonaws.com/a.tgz'],
      [12, 's3://mirror-releases/v1'],
      [17, 'https://pipeline-releases.s3.amazonaws.com/b.tgz'],
    ]);
    expect(written(root, links[1]!)).toBe('s3://${env.MIRROR}/v1');
  });

  it('takes a stage environment over the pipeline one, inside that stage only', () => {
    const stage = "      environment {\n        BUCKET = 'stage-releases'\n      }\n";
    expect(urls(pipeline(stage))).toEqual([
      'https://stage-releases.s3.amazonaws.com/a.tgz',
      's3://mirror-releases/v1',
      'https://pipeline-releases.s3.amazonaws.com/b.tgz',
    ]);
  });

  it("resolves a scripted pipeline's env.NAME = 'literal' after it, when it is NAME's only assignment", () => {
    const text = `node {
  sh 'curl -O https://$BUCKET.s3.amazonaws.com/before.tgz'
  env.BUCKET = 'acme-releases'
  env.TWICE = 'one-releases'
  env.TWICE = 'two-releases'
  env.READ = readFile('bucket.txt').trim()
  stage('Publish') {
    sh 'aws s3 cp dist s3://$BUCKET/ --acl public-read'
    sh "curl -O https://\${env.TWICE}.s3.amazonaws.com/a https://$READ.s3.amazonaws.com/b"
  }
}
`;
    expect(urls(text)).toEqual(['s3://acme-releases/']);
  });

  it('resolves withEnv in its block, and nothing a script assigns', () => {
    const text = `node {
  withEnv(['BUCKET=acme-releases', 'OTHER=other-releases']) {
    sh 'curl -O https://$BUCKET.s3.amazonaws.com/a.tgz'
    env.OTHER = readFile('bucket.txt')
    sh 'curl -O https://$OTHER.s3.amazonaws.com/b.tgz'
  }
  sh 'curl -O https://$BUCKET.s3.amazonaws.com/outside.tgz'
}
`;
    expect(urls(text)).toEqual(['https://acme-releases.s3.amazonaws.com/a.tgz']);
  });

  it("resolves each stage's environment, the scripted env.NAME and withEnv of many", () => {
    const count = 300;
    const stages = Array.from(
      { length: count },
      (_, i) =>
        `    stage('s${i}') {\n      environment { BUCKET = 'stage${i}-releases' }\n      steps { sh 'aws s3 cp a s3://$BUCKET/' }\n    }\n`,
    );
    const declarative = `pipeline {\n  environment { BUCKET = 'pipeline-releases' }\n  stages {\n${stages.join('')}  }\n}\n`;
    expect(urls(declarative)).toEqual(stages.map((_, i) => `s3://stage${i}-releases/`));
    const scripted = `node {\n${stages.map((_, i) => `  env.B${i} = 'env${i}-releases'\n`).join('')}${stages
      .map(
        (_, i) =>
          `  withEnv(['W${i}=with${i}-releases']) { sh "aws s3 cp a s3://\${env.B${i}}/ s3://$W${i}/" }\n`,
      )
      .join('')}}\n`;
    expect(urls(scripted)).toEqual(
      stages.flatMap((_, i) => [`s3://env${i}-releases/`, `s3://with${i}-releases/`]),
    );
  });

  it('finds the innermost scope around each offset, in any order, reading each scope once', () => {
    const count = 2000;
    let reads = 0;
    const counted = (start: number, end: number): Region =>
      Object.defineProperties({} as Region, {
        start: { get: () => (reads++, start), enumerable: true },
        end: { get: () => (reads++, end), enumerable: true },
      });
    // A pipeline-wide scope, then stages apart, each holding a block.
    const pipeline = counted(0, 10 * count);
    const stages = Array.from({ length: count }, (_, i) => counted(4 * i, 4 * i + 3));
    const blocks = Array.from({ length: count }, (_, i) => counted(4 * i + 1, 4 * i + 2));
    const scopeAt = innermostAt([...blocks, pipeline, ...stages]);
    const offsets = Array.from({ length: 4 * count }, (_, at) => at);
    const expected = offsets.map((at) => [stages, blocks, stages][at % 4]?.[at >> 2] ?? pipeline);
    expect(offsets.map(scopeAt)).toEqual(expected);
    expect([...offsets].reverse().map(scopeAt)).toEqual([...expected].reverse());
    expect([-1, 10 * count].map(scopeAt)).toEqual([undefined, undefined]);
    expect(reads).toBe(2 * (2 * count + 1));
  });
});

describe('shell variables', () => {
  it.each([
    ['BUCKET=acme-releases', '$BUCKET'],
    ['export BUCKET="acme-releases"', '${BUCKET}'],
    ["readonly BUCKET='acme-releases' # where releases go", '$BUCKET'],
  ])('%s resolves %s after it', (assignment, placeholder) => {
    const text = `#!/bin/sh\n${assignment}\naws s3 cp dist "s3://${placeholder}/v1"\n`;
    const root = repo({ 'scripts/release.sh': text });
    const links = extractLinks(root, ['scripts/release.sh']).links;
    expect(summary(links)).toEqual([
      `3:17-3:${17 + `s3://${placeholder}/v1`.length} s3://acme-releases/v1 (upload)`,
    ]);
    expect(written(root, links[0]!)).toBe(`s3://${placeholder}/v1`);
  });

  it('resolves only after the assignment, with the value assigned last before the use', () => {
    const text = [
      'gsutil cp a gs://$BUCKET/early',
      'BUCKET=first-releases',
      'gsutil cp a gs://$BUCKET/one',
      'BUCKET=second-releases',
      'gsutil cp a gs://$BUCKET/two',
      'BUCKET=$(git rev-parse --short HEAD)',
      'gsutil cp a gs://$BUCKET/three',
      '',
    ].join('\n');
    expect(linksOf('release.sh', text)).toEqual([
      '3:13-3:29 gs://first-releases/one (upload)',
      '5:13-5:29 gs://second-releases/two (upload)',
    ]);
  });

  it.each([
    ['BUCKET=$(git rev-parse HEAD)'],
    ['BUCKET=`cat bucket.txt`'],
    ['BUCKET="${PREFIX}-releases"'],
    ['BUCKET=$1'],
    ['if true; then\n  BUCKET=acme-releases\nfi'],
    ['BUCKET=acme-releases\nif true; then\n  BUCKET=other\nfi'],
    ['BUCKET=acme-releases aws --version'],
  ])('%s does not resolve', (assignment) => {
    expect(linksOf('release.sh', `${assignment}\naws s3 cp dist s3://$BUCKET/v1\n`)).toEqual([]);
  });

  it('resolves a value built from variables assigned before it, not from later ones', () => {
    const text = [
      'OWNER=acme',
      'BUCKET="${OWNER}-releases"',
      'URL=https://$BUCKET.s3.amazonaws.com',
      "LITERAL='$OWNER-x'",
      'LATER="${NEXT}-releases"',
      'NEXT=next',
      'curl -O "$URL/cli.tgz" "https://$LATER.s3.amazonaws.com/a" "https://$LITERAL.s3.amazonaws.com/b"',
      '',
    ].join('\n');
    expect(linksOf('release.sh', text).map((l) => l.split(' ')[1])).toEqual([
      'https://acme-releases.s3.amazonaws.com',
      'https://acme-releases.s3.amazonaws.com/cli.tgz',
    ]);
  });

  it('takes ${NAME:-fallback} as written when the file gives NAME no value: a static link', () => {
    const text = [
      'aws s3 cp a s3://${BUCKET:-acme-fallback}/one',
      'aws s3 cp a s3://${DEST-acme-dash}/two',
      'aws s3 cp a s3://${API_TOKEN:-abc123}/three',
      'BUCKET=acme-set',
      'aws s3 cp a s3://${BUCKET:-acme-other}/four',
      '',
    ].join('\n');
    expect(linksOf('release.sh', text).map((l) => l.split(' ')[1])).toEqual([
      's3://acme-fallback/one',
      's3://acme-dash/two',
      's3://acme-set/four',
    ]);
  });

  it('takes ${NAME:=default} as an assignment from there on, unless NAME has a value', () => {
    const text = [
      ': "${BUCKET:=acme-releases}"',
      'curl -O "https://${BUCKET}.s3.amazonaws.com/one"',
      ': ${MIRROR=acme-mirror}',
      'curl -O "https://$MIRROR.s3.amazonaws.com/two"',
      'curl -O "https://${INLINE:=acme-inline}.s3.amazonaws.com/three"',
      'curl -O "https://$INLINE.s3.amazonaws.com/four"',
      'KEPT=acme-kept',
      ': "${KEPT:=acme-other}"',
      'curl -O "https://$KEPT.s3.amazonaws.com/five"',
      'if [ -z "$CI" ]; then',
      '  : "${BLOCK:=acme-block}"',
      '  curl -O "https://$BLOCK.s3.amazonaws.com/six"',
      'fi',
      'curl -O "https://$BLOCK.s3.amazonaws.com/seven"',
      ': "${API_TOKEN:=abc123}"',
      'curl -O "https://$API_TOKEN.s3.amazonaws.com/eight"',
      '',
    ].join('\n');
    expect(linksOf('install.sh', text).map((l) => l.split(' ')[1])).toEqual([
      'https://acme-releases.s3.amazonaws.com/one',
      'https://acme-mirror.s3.amazonaws.com/two',
      'https://acme-inline.s3.amazonaws.com/three',
      'https://acme-inline.s3.amazonaws.com/four',
      'https://acme-kept.s3.amazonaws.com/five',
      'https://acme-block.s3.amazonaws.com/six',
    ]);
  });

  it("reads a PowerShell script's assignments and its parameters' defaults", () => {
    const text = [
      '[CmdletBinding()]',
      'param(',
      '    [Parameter(Mandatory = $false)]',
      '    [string]$Version = "1.4.2",',
      "    [string]$Bucket = 'acme-releases',",
      '    [string]$Given',
      ')',
      'function Get-Mirror {',
      '    param([string]$Inner = "acme-inner")',
      '    $Mirror = "acme-mirror"',
      '    Invoke-WebRequest "https://$Mirror.s3.amazonaws.com/one"',
      '}',
      '$Url = "https://$Bucket.s3.amazonaws.com/cli/v$Version/acme.zip"',
      'Invoke-WebRequest -Uri $Url -OutFile acme.zip',
      'Invoke-WebRequest "https://$Mirror.s3.amazonaws.com/two" "https://$Inner.s3.amazonaws.com/x"',
      "$Literal = '$Bucket-x'",
      '$Computed = Get-Content bucket.txt',
      '$Bucket += "-more"',
      'Invoke-WebRequest "https://$Literal.s3.amazonaws.com/x" "https://$Computed.s3.amazonaws.com/x"',
      'Invoke-WebRequest "https://$Bucket.s3.amazonaws.com/x" "https://$Given.s3.amazonaws.com/x"',
      '',
    ].join('\n');
    expect(linksOf('install.ps1', text).map((l) => l.split(' ')[1])).toEqual([
      'https://acme-mirror.s3.amazonaws.com/one',
      'https://acme-releases.s3.amazonaws.com/cli/v1.4.2/acme.zip',
      'https://acme-releases.s3.amazonaws.com/cli/v1.4.2/acme.zip',
    ]);
  });

  const psUrl = (line: string) => `Invoke-WebRequest -Uri "https://${line}.s3.amazonaws.com/x"`;
  it.each([
    ['release.ps1', '$env:BUCKET = "acme-releases"', psUrl('$env:BUCKET'), true],
    ['install.ps1', "$Env:Bucket = 'acme-releases'", psUrl('${env:BUCKET}'), true],
    ['install.ps1', '$Bucket = "acme-releases"', psUrl('$($Bucket)'), true],
    ['install.ps1', '$env:BUCKET = "acme-releases"', psUrl('$($env:BUCKET)'), true],
    ['release.ps1', '$Bucket = "acme-releases"', psUrl('$bucket'), true],
    ['release.ps1', '$Name = "acme"\n$BUCKET = "$($name)-releases"', psUrl('$bucket'), true],
    ['install.ps1', '$env:BUCKET = "acme-releases"', psUrl('$BUCKET'), false],
    ['install.ps1', '$Bucket = "acme-releases"', psUrl('$env:Bucket'), false],
    ['install.ps1', '$Bucket = "acme-releases"', psUrl('`$Bucket'), false],
    ['install.ps1', '$env:Upload_Token = "acme-releases"', psUrl('$env:UPLOAD_TOKEN'), false],
  ])('%s: %s, then %s, resolves: %s', (path, assignment, command, resolves) => {
    const { links } = scanText(path, `${assignment}\n${command}\n`);
    expect(links.some((l) => l.bucket === 'acme-releases')).toBe(resolves);
  });

  it("gives a PowerShell script's $env:NAME the environment the job runs it with, in any case", () => {
    const root = repo({
      '.github/workflows/ci.yml': [
        'on: push',
        'jobs:',
        '  fetch:',
        '    runs-on: windows-latest',
        '    env: { Release_Bucket: acme-releases, BUCKET: acme-other }',
        '    steps: [{ run: ./fetch.ps1 }]',
        '',
      ].join('\n'),
      'fetch.ps1': `${psUrl('$env:RELEASE_BUCKET')}\n${psUrl('$Bucket')}\n`,
    });
    expect(scan(root).links.map((l) => l.url)).toEqual([
      'https://acme-releases.s3.amazonaws.com/x',
    ]);
  });

  it('takes ${NAME:=default} in a script as the value the job that runs it gives, if any', () => {
    const root = repo({
      '.github/workflows/ci.yml': [
        'on: push',
        'jobs:',
        '  given:',
        '    runs-on: ubuntu-latest',
        '    env: { BUCKET: acme-given }',
        '    steps: [{ run: ./fetch.sh }]',
        '  unset:',
        '    runs-on: ubuntu-latest',
        '    steps: [{ run: ./fetch.sh }]',
        '',
      ].join('\n'),
      'fetch.sh': ': "${BUCKET:=acme-default}"\ncurl -O "https://$BUCKET.s3.amazonaws.com/x"\n',
    });
    expect(scan(root).links.map((l) => l.url)).toEqual([
      'https://acme-default.s3.amazonaws.com/x',
      'https://acme-given.s3.amazonaws.com/x',
    ]);
  });
});

it.each([
  [
    'install.sh',
    '#!/bin/sh\nV=1.2.3\nURL="https://storage.googleapis.com/acme-releases/cli/${V}/cli"\ncurl -fsSL "$URL" -o cli\n',
  ],
  [
    'Dockerfile',
    'FROM alpine\nENV V 1.2.3\nENV URL https://storage.googleapis.com/acme-releases/cli/${V}/cli\nRUN wget -O cli "${URL}"\n',
  ],
])('%s: a URL assigned with a variable in it is the link its uses are', (path, text) => {
  const url = 'https://storage.googleapis.com/acme-releases/cli/1.2.3/cli';
  const links = scanText(path, text).links;
  expect(links.map((l) => [l.range.start.line, l.url])).toEqual([
    [3, url],
    [4, url],
  ]);
});

describe('partly known values', () => {
  /** The links of the command on the text's last line (an assignment's value is a link too). */
  const commandLinks = (path: string, text: string) => {
    const last = text.trimEnd().split('\n').length;
    return scanText(path, text).links.filter((l) => l.range.start.line === last);
  };
  const workflow = (env: string, step: string) =>
    `on:\n  push:\n    tags: ['v*']\nenv:\n  ${env}\njobs:\n  r:\n    runs-on: ubuntu-latest\n    steps:\n      - ${step}\n`;

  // A variable the file does not state (the CI's, the environment's) stays in the value as
  // written: the bucket is known, only the path is not, as when the URL is written in place.
  it.each([
    [
      'release.sh',
      's3_base_url="s3://download.buildkite.com/agent/$CODENAME"\nlatest_s3_url="$s3_base_url/latest/"\naws s3 cp --acl "public-read" --recursive x "$latest_s3_url"\n',
      's3://download.buildkite.com/agent/$CODENAME/latest/',
      'public-upload',
    ],
    [
      'release.sh',
      'DEST=s3://acme-cli/cli/${VERSION}\naws s3 cp x "$DEST/"\n',
      's3://acme-cli/cli/${VERSION}/',
      'upload',
    ],
    [
      'Makefile',
      'DEST := s3://acme-releases/cli/$(VERSION)\nrelease:\n\taws s3 cp x $(DEST)/ --acl public-read\n',
      's3://acme-releases/cli/$(VERSION)/',
      'public-upload',
    ],
    [
      '.gitlab-ci.yml',
      'variables:\n  DEST: s3://acme-releases/cli/$CI_COMMIT_TAG\nrelease:\n  script:\n    - aws s3 cp x "$DEST/" --acl public-read\n',
      's3://acme-releases/cli/$CI_COMMIT_TAG/',
      'public-upload',
    ],
    [
      '.github/workflows/release.yml',
      workflow(
        'DEST: s3://acme-releases/cli/${{ github.ref_name }}',
        'run: aws s3 cp x "$DEST/cli.tgz" --acl public-read',
      ),
      's3://acme-releases/cli/',
      'public-upload',
    ],
    [
      'Dockerfile',
      'FROM alpine\nARG VERSION\nENV DEST=s3://acme-releases/cli/$VERSION\nRUN aws s3 cp x $DEST/ --acl public-read\n',
      's3://acme-releases/cli/$VERSION/',
      'public-upload',
    ],
  ])('%s #%# resolves a value whose path is unknown', (path, text, url, usage) => {
    const links = commandLinks(path, text);
    expect(links.map((l) => [l.url, l.bucket, l.usage])).toEqual([[url, url.split('/')[2], usage]]);
  });

  it("names an upload field's bucket when only its path is unknown", () => {
    const text = workflow(
      'DEST: acme-releases/cli/${{ github.ref_name }}',
      'uses: google-github-actions/upload-cloud-storage@v2\n        with:\n          path: dist\n          destination: ${{ env.DEST }}\n          predefinedAcl: publicRead',
    );
    const { links } = scanText('.github/workflows/release.yml', text);
    expect(links.map((l) => [l.bucket, l.usage])).toEqual([['acme-releases', 'public-upload']]);
  });

  it.each([
    ['a placeholder in the bucket', 'DEST="s3://$BUCKET/cli"', 's3://$BUCKET/cli'],
    ['a placeholder in part of the bucket', 'DEST="s3://acme-$STAGE/cli"', 's3://acme-$STAGE/cli'],
  ])(
    'names no bucket through a value holding %s: a public upload as written',
    (_what, assignment, url) => {
      const text = `${assignment}\naws s3 cp x $DEST --acl public-read\n`;
      expect(commandLinks('release.sh', text).map((l) => [l.url, l.bucket, l.usage])).toEqual([
        [url, undefined, 'public-upload'],
      ]);
    },
  );

  it.each([
    ['a credential', 'DEST="s3://acme-releases/$API_TOKEN"'],
    [
      'a value built from a credential',
      'KEY_DIR="keys/$SIGNING_KEY"\nDEST="s3://acme-releases/$KEY_DIR"',
    ],
    ['a command substitution', 'DEST="s3://acme-releases/$(date +%s)"'],
    ['a backquote', 'DEST="s3://acme-releases/`date`"'],
    ['a space', 'DEST="s3://acme-releases/$V extra"'],
  ])('names no bucket through a value holding %s', (_what, assignment) => {
    const text = `${assignment}\naws s3 cp x $DEST --acl public-read\n`;
    expect(commandLinks('release.sh', text)).toEqual([]);
  });

  it.each([
    ['a secret', 'DEST: s3://acme-releases/${{ secrets.PREFIX }}'],
    [
      'a template that is not one word',
      "DEST: s3://acme-releases/${{ format('{0}', github.sha) }}",
    ],
  ])('names no bucket through a workflow env holding %s', (_what, env) => {
    const text = workflow(env, 'run: aws s3 cp x "$DEST/" --acl public-read');
    expect(commandLinks('.github/workflows/release.yml', text)).toEqual([]);
  });

  it('names no bucket through a Makefile value holding $(shell …) or a credential', () => {
    const text = [
      'DEST := s3://acme-releases/$(shell git describe)',
      'KEYED = s3://acme-releases/$(DEPLOY_TOKEN)/x',
      'release:',
      '\taws s3 cp x $(DEST) $(KEYED) --acl public-read',
      '',
    ].join('\n');
    expect(commandLinks('Makefile', text)).toEqual([]);
  });
});

describe('command options from variables', () => {
  const workflow = (env: string, run: string) =>
    `on: push\nenv:\n  ${env}\njobs:\n  r:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${run}\n`;

  it.each([
    [
      'Makefile',
      'S3_ACL ?= public-read\nrelease:\n\taws s3 cp --acl $(S3_ACL) x s3://dst/x/\n',
      true,
    ],
    [
      'Makefile',
      'S3_ACL ?= "public-read"\nrelease:\n\taws s3 cp --acl $(S3_ACL) x s3://dst/x/\n',
      true,
    ],
    ['Makefile', 'FLAGS = --acl public-read\nrelease:\n\taws s3 cp $(FLAGS) x s3://dst/x/\n', true],
    // An option's `=`, in a value of several words or in one option.
    [
      'Makefile',
      'FLAGS := --acl public-read --cache-control max-age=300\nrelease:\n\taws s3 cp $(FLAGS) x s3://dst/x/\n',
      true,
    ],
    ['release.sh', 'OPTION=--acl=public-read\naws s3 sync x s3://dst/x/ $OPTION\n', true],
    ['Makefile', 'S3_ACL ?= private\nrelease:\n\taws s3 cp --acl $(S3_ACL) x s3://dst/x/\n', false],
    ['release.sh', 'ACL=public-read\naws s3 cp x s3://dst/x/ --acl "$ACL"\n', true],
    // Unquoted, the value splits into words; quoted, it is one word, which is no option aws knows.
    ['release.sh', 'OPTION="--acl public-read"\naws s3 sync x s3://dst/x/ ${OPTION}\n', true],
    ['release.sh', 'OPTION="--acl public-read"\naws s3 sync x s3://dst/x/ "${OPTION}"\n', false],
    ['release.sh', 'ACL=$(cat acl.txt)\naws s3 cp x s3://dst/x/ --acl "$ACL"\n', false],
    ['release.sh', 'aws s3 cp x s3://dst/x/ --acl "$ACL"\nACL=public-read\n', false],
    [
      '.github/workflows/release.yml',
      workflow('ACL: public-read', 'aws s3 cp x s3://dst/x/ --acl "$ACL"'),
      true,
    ],
    [
      '.github/workflows/release.yml',
      workflow('ACL: public-read', 'aws s3 cp x s3://dst/x/ --acl ${{ env.ACL }}'),
      true,
    ],
    [
      '.gitlab-ci.yml',
      'variables:\n  ACL: public-read\nrelease:\n  script:\n    - aws s3 cp x s3://dst/x/ --acl $ACL\n',
      true,
    ],
    [
      'Jenkinsfile',
      "pipeline {\n  environment {\n    ACL = 'public-read'\n  }\n  stages {\n    stage('Release') {\n      steps {\n        sh 'aws s3 cp x s3://dst/x/ --acl ${ACL}'\n      }\n    }\n  }\n}\n",
      true,
    ],
  ])('%s #%# makes the upload public: %s', (path, text, publicAcl) => {
    const { links } = scanText(path, text);
    expect(links.map((l) => [l.url, l.usage])).toEqual([
      ['s3://dst/x/', publicAcl ? 'public-upload' : 'upload'],
    ]);
  });

  it('reads a value of several words only in commands, never as a bucket or a URL', () => {
    const text = [
      'BUCKETS="acme-a acme-b"',
      'aws s3 cp x s3://$BUCKETS/x',
      'curl -O "https://$BUCKETS.s3.amazonaws.com/x"',
      '',
    ].join('\n');
    expect(linksOf('release.sh', text)).toEqual([]);
  });
});

describe('secrets', () => {
  const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

  it('never puts a secret-looking variable into a link', () => {
    const root = repo({
      Makefile: [
        'BUCKET := acme-releases',
        `AWS_SECRET_ACCESS_KEY := ${SECRET}`,
        `DEPLOY_PASSWORD = ${SECRET}`,
        'KEY_PATH = keys/$(AWS_SECRET_ACCESS_KEY)',
        'release:',
        '\taws s3 cp dist s3://$(BUCKET)/$(AWS_SECRET_ACCESS_KEY)/ --acl public-read',
        '\taws s3 cp dist s3://$(BUCKET)/$(KEY_PATH)/',
        '\tcurl -T x https://deploy:$(DEPLOY_PASSWORD)@$(BUCKET).s3.amazonaws.com/x',
        '',
      ].join('\n'),
      'release.sh': [
        `export API_TOKEN="${SECRET}"`,
        'BUCKET=acme-releases',
        'curl "https://$BUCKET.s3.amazonaws.com/x?token=$API_TOKEN"',
        'COPY="copy-$API_TOKEN"',
        'curl "https://$BUCKET.s3.amazonaws.com/$COPY"',
        '',
      ].join('\n'),
      '.github/workflows/release.yml': `on: push
env:
  BUCKET: acme-releases
  SIGNING_KEY: ${SECRET}
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - run: aws s3 cp dist s3://$BUCKET/$SIGNING_KEY/x
`,
      '.gitlab-ci.yml': `variables:
  BUCKET: acme-releases
  DEPLOY_TOKEN: ${SECRET}
publish:
  script:
    - aws s3 cp dist s3://$BUCKET/$DEPLOY_TOKEN/y
`,
      Dockerfile: `FROM alpine\nARG BUCKET=acme-releases\nARG NPM_TOKEN=${SECRET}\nRUN curl https://$BUCKET.s3.amazonaws.com/$NPM_TOKEN\n`,
    });
    const result = extractLinks(root, [
      'Makefile',
      'release.sh',
      '.github/workflows/release.yml',
      '.gitlab-ci.yml',
      'Dockerfile',
    ]);
    expect(result.links.map((l) => l.url)).toEqual([
      's3://acme-releases/$SIGNING_KEY/x',
      's3://acme-releases/$DEPLOY_TOKEN/y',
      'https://acme-releases.s3.amazonaws.com/$NPM_TOKEN',
      's3://acme-releases/$(AWS_SECRET_ACCESS_KEY)/',
      's3://acme-releases/$(KEY_PATH)/',
      'https://REDACTED@acme-releases.s3.amazonaws.com/x',
      'https://acme-releases.s3.amazonaws.com/x?token=REDACTED',
      'https://acme-releases.s3.amazonaws.com/$COPY',
    ]);
    expect(JSON.stringify(result)).not.toContain('wJalrXUtnFEMI');
  });
});

describe('a value judged known, asked for again', () => {
  // known() remembers its answers by value, boundedly: none may differ from a first asking.
  const ANGLED = /<\w+>/g;
  const many = Array.from({ length: 1024 }, (_, i) => `v${i}-${'x'.repeat(MAX_VALUE - 8)}`);
  type Asking = Parameters<typeof known>;
  it.each<[string, Asking, Asking, string | undefined]>([
    ['by the same name', ['BUCKET', 'acme-<env>'], ['BUCKET', 'acme-<env>'], undefined],
    ['by a name that says it is a secret', ['BUCKET', 'acme'], ['DEPLOY_TOKEN', 'acme'], undefined],
    [
      'with its other placeholders',
      ['BUCKET', 'acme-<env>'],
      ['BUCKET', 'acme-<env>', ANGLED],
      'acme-<env>',
    ],
    [
      'with placeholders that name a secret',
      ['BUCKET', 'acme-<env>', ANGLED],
      ['BUCKET', 'acme-<token>', ANGLED],
      undefined,
    ],
    [
      'longer than a value is kept',
      ['BUCKET', `a${'b'.repeat(MAX_VALUE)}`],
      ['BUCKET', `a${'b'.repeat(MAX_VALUE)}`],
      `a${'b'.repeat(MAX_VALUE)}`,
    ],
  ])('%s', (_how, first, again, expected) => {
    known(...first);
    expect(known(...again)).toBe(expected);
    // And after more values than are kept, so that it is forgotten.
    for (const value of many) known('BUCKET', value);
    expect(known(...again)).toBe(expected);
  });
});
