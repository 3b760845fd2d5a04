import { describe, expect, it, vi } from 'vitest';
import { GUARD_TIMEOUT_MS, threadCpuMs } from '../../../test/support/cpu-time.js';
import type { ScanReport } from '../src/index.js';
import { scanFiles, summarize } from './support/scan-files.js';

vi.setConfig({ testTimeout: GUARD_TIMEOUT_MS });
/**
 * A guard's bound on the thread's CPU time, far below the hours of the unbounded readings: the
 * scans below take a second or so, the sixteen levels' first 5-6 s idle (see there).
 */
const BLOW_UP_MS = 60_000;

/**
 * A CI step that runs `terraform apply` with `TF_VAR_public: "true"` in its environment deploys
 * the root with `var.public` true; the scan read the variable's default (false) and said `No
 * findings` of a release bucket every deploy makes public. Terraform reads such a variable under
 * every `.tfvars` file, `-var-file` and `-var`: it overrides only the default.
 */
const ROOT = `variable "name" { default = "acme-releases" }
variable "public" { default = false }
resource "aws_s3_bucket" "this" { bucket = var.name }
resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = !var.public
  block_public_policy     = !var.public
  ignore_public_acls      = !var.public
  restrict_public_buckets = !var.public
}
resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id
  rule { object_ownership = "BucketOwnerEnforced" }
}
resource "aws_s3_bucket_policy" "this" {
  count  = var.public ? 1 : 0
  bucket = aws_s3_bucket.this.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "\${aws_s3_bucket.this.arn}/*" }] })
}
`;

/** A workflow whose one job has `env` and runs `steps` (YAML, indented as steps). */
const workflow = (env: string, steps: string) => `name: infra
on: { push: { branches: [main] } }
jobs:
  apply:
    runs-on: ubuntu-latest
    env:
${env}
    steps:
      - uses: actions/checkout@v4
${steps}`;

const PUBLIC_ENV = '      TF_VAR_public: "true"';
const APPLY_CHDIR =
  '      - run: terraform -chdir=infra init && terraform -chdir=infra apply -auto-approve\n';
const PUBLIC = ['s3-public-access-block@infra/main.tf:6', 's3-public-policy@infra/main.tf:18'];

describe('TF_VAR_ variables a CI step runs Terraform with', () => {
  it.each([
    ['the repro: a job env, terraform -chdir=infra apply', PUBLIC_ENV, APPLY_CHDIR, {}, PUBLIC],
    [
      'a step env and working-directory',
      '      CI: "1"',
      '      - run: terraform apply -auto-approve\n        working-directory: infra\n        env:\n          TF_VAR_public: true\n',
      {},
      PUBLIC,
    ],
    [
      'cd infra before it, tofu plan',
      PUBLIC_ENV,
      '      - run: |\n          cd infra\n          tofu init\n          tofu plan -out tfplan\n',
      {},
      PUBLIC,
    ],
    [
      'in a subshell, after its cd',
      PUBLIC_ENV,
      '      - run: (cd infra && terraform apply -auto-approve)\n',
      {},
      PUBLIC,
    ],
    [
      'pushd infra, popd back before it',
      PUBLIC_ENV,
      '      - run: |\n          pushd infra\n          terraform init\n          popd\n          terraform -chdir=infra apply\n',
      {},
      PUBLIC,
    ],
    [
      'cd - back into infra before it',
      PUBLIC_ENV,
      '      - run: |\n          cd infra\n          cd ..\n          cd -\n          terraform apply\n',
      {},
      PUBLIC,
    ],
    [
      'set on the command line',
      '      CI: "1"',
      '      - run: TF_VAR_public=true terraform -chdir=infra apply -auto-approve\n',
      {},
      PUBLIC,
    ],
    [
      'exported before it, in the same shell',
      '      CI: "1"',
      '      - run: |\n          export TF_VAR_public=true\n          terraform -chdir=infra apply\n',
      {},
      PUBLIC,
    ],
    [
      'none: terraform.tfvars wins over the environment',
      PUBLIC_ENV,
      APPLY_CHDIR,
      { 'infra/terraform.tfvars': 'public = false\n' },
      [],
    ],
    [
      'none: an *.auto.tfvars wins over the environment',
      PUBLIC_ENV,
      APPLY_CHDIR,
      { 'infra/prod.auto.tfvars': 'public = false\n' },
      [],
    ],
    [
      'none: a step in another directory leaves the root as it is',
      PUBLIC_ENV,
      '      - run: terraform apply -auto-approve\n        working-directory: other\n',
      {},
      [],
    ],
    [
      'none: an action that sets Terraform up runs no apply',
      PUBLIC_ENV,
      '      - uses: hashicorp/setup-terraform@v3\n      - run: terraform -chdir=infra fmt -check\n',
      {},
      [],
    ],
  ])('%s', async (_name, env, steps, more, expected) => {
    const files = {
      'infra/main.tf': ROOT,
      '.github/workflows/deploy.yml': workflow(env, steps),
      ...more,
    };
    const report = await scanFiles(files);
    expect(summarize(report)).toEqual(expected);
  });

  it('says where the value is set', async () => {
    const files = {
      'infra/main.tf': ROOT,
      '.github/workflows/deploy.yml': workflow(PUBLIC_ENV, APPLY_CHDIR),
    };
    const report = await scanFiles(files);
    const related = report.result.findings.flatMap((f) => f.related);
    expect(related).toContainEqual(
      expect.objectContaining({
        label: 'value set here',
        range: expect.objectContaining({
          file: '.github/workflows/deploy.yml',
          start: expect.objectContaining({ line: 7 }),
        }),
      }),
    );
  });

  it('in a scan of the root module alone, from the workflows of the top', async () => {
    const files = {
      'infra/main.tf': ROOT,
      '.github/workflows/deploy.yml': workflow(PUBLIC_ENV, APPLY_CHDIR),
    };
    expect(summarize(await scanFiles(files, { paths: ['infra'] }))).toEqual(PUBLIC);
  });

  it.each([
    ['a -var-file', { varFiles: ['private.tfvars'] }],
    ['a -var', { vars: { public: false } }],
  ])('none: %s wins over the environment', async (_name, options) => {
    const files = {
      'infra/main.tf': ROOT,
      'private.tfvars': 'public = false\n',
      '.github/workflows/deploy.yml': workflow(PUBLIC_ENV, APPLY_CHDIR),
    };
    expect(summarize(await scanFiles(files, options))).toEqual([]);
  });
});

/** Known public (not 'not provably private' over a run without the value, a directory not known). */
function expectPublic(report: ScanReport): void {
  expect(summarize(report)).toEqual(PUBLIC);
  expect(report.result.findings.map((f) => f.severity)).toEqual(['critical', 'high']);
}

/** A workflow whose steps alone give `TF_VAR_public` (`env: { TF_VAR_public: "true" }`). */
const stepsOnly = (steps: string) => workflow('      CI: "1"', steps);
const WITH_IT = '        env: { TF_VAR_public: "true" }\n';

describe('runs that read no variables, and plans that deploy nothing', () => {
  it.each([
    [
      'a saved plan applied: the plan run reads them',
      `      - run: terraform -chdir=infra plan -out=tfplan\n${WITH_IT}      - run: terraform -chdir=infra apply -auto-approve tfplan\n`,
    ],
    [
      'a saved plan applied, its name the next word',
      `      - run: terraform -chdir=infra plan -input=false -out tfplan\n${WITH_IT}      - run: terraform -chdir=infra apply "tfplan"\n`,
    ],
    [
      'an apply of words from a variable, which may be options, reads them',
      `      - run: terraform -chdir=infra apply $APPLY_ARGS\n${WITH_IT}`,
    ],
    [
      'a plan of a pull request without it, beside the deploy with it',
      `      - run: terraform -chdir=infra plan -no-color\n      - run: terraform -chdir=infra apply -auto-approve\n${WITH_IT}`,
    ],
    [
      'a destroy without it, beside the deploy with it',
      `      - run: terraform -chdir=infra destroy -auto-approve\n      - run: terraform -chdir=infra apply -auto-approve\n${WITH_IT}`,
    ],
    ['a destroy reads them', `      - run: tofu -chdir=infra destroy -auto-approve\n${WITH_IT}`],
    [
      'init, validate, fmt, show and output read none',
      `      - run: terraform -chdir=infra init && terraform -chdir=infra validate && terraform -chdir=infra fmt -check\n      - run: terraform -chdir=infra apply -auto-approve -target aws_s3_bucket.this > apply.log\n${WITH_IT}      - run: terraform -chdir=infra show -json && terraform -chdir=infra output\n`,
    ],
  ])('%s', async (_name, steps) => {
    const files = { 'infra/main.tf': ROOT, '.github/workflows/deploy.yml': stepsOnly(steps) };
    expectPublic(await scanFiles(files));
  });
});

describe('the runs of a script a step runs', () => {
  const APPLY = 'terraform apply -auto-approve\n';
  it.each([
    [
      'its cd, from the checkout',
      '      - run: ./deploy.sh\n',
      { 'deploy.sh': `set -eu\ncd infra\n${APPLY}` },
    ],
    [
      'its -chdir, the script named with bash',
      '      - run: bash scripts/deploy.sh prod\n',
      { 'scripts/deploy.sh': 'terraform -chdir=infra init\nterraform -chdir=infra apply\n' },
    ],
    [
      'from the step working directory',
      '      - run: ../scripts/apply.sh\n        working-directory: infra\n',
      { 'scripts/apply.sh': `#!/bin/bash\nif true; then ${APPLY}fi\n` },
    ],
    [
      'its cd from its own directory',
      '      - run: scripts/deploy.sh\n',
      { 'scripts/deploy.sh': `cd "$(dirname "$0")/../infra"\n${APPLY}` },
    ],
    [
      'the script run by the script',
      '      - run: ./ci/deploy.sh\n',
      { 'ci/deploy.sh': './ci/apply.sh\n', 'ci/apply.sh': `cd infra && ${APPLY}` },
    ],
    [
      'its cd -- from its own directory',
      '      - run: scripts/deploy.sh\n',
      { 'scripts/deploy.sh': `cd -- "$(dirname -- "$0")/../infra"\n${APPLY}` },
    ],
    [
      'its cd from its BASH_SOURCE',
      '      - run: scripts/deploy.sh\n',
      { 'scripts/deploy.sh': `cd "\${BASH_SOURCE%/*}/../infra"\n${APPLY}` },
    ],
    [
      'its cd to a variable it sets to its own directory',
      '      - run: scripts/deploy.sh\n',
      {
        'scripts/deploy.sh': `HERE="$(cd "$(dirname "$0")" && pwd)"\ncd "$HERE/../infra"\n${APPLY}`,
      },
    ],
    [
      'run after a cd in a subshell',
      '      - run: (cd infra && ./apply.sh)\n',
      { 'infra/apply.sh': APPLY },
    ],
  ])('%s', async (_name, steps, scripts) => {
    const files = {
      'infra/main.tf': ROOT,
      '.github/workflows/deploy.yml': workflow(PUBLIC_ENV, steps),
      ...scripts,
    };
    expectPublic(await scanFiles(files));
  });

  const EXPORTED = 'export TF_VAR_public=true\n';
  const APPLY_INFRA = 'terraform -chdir=infra apply\n';
  it.each([
    ['that exports it', './deploy.sh', { 'deploy.sh': `${EXPORTED}${APPLY_INFRA}` }],
    [
      'sourced, exporting it for the step',
      `. ./env.sh\n          ${APPLY_INFRA}`,
      { 'env.sh': EXPORTED },
    ],
    [
      'whose comments run nothing',
      'TF_VAR_public=true ./deploy.sh',
      { 'deploy.sh': `${APPLY_INFRA}# not: cd x; TF_VAR_public=false ${APPLY_INFRA}` },
    ],
    [
      'that runs itself, once',
      './deploy.sh',
      { 'deploy.sh': `${EXPORTED}${APPLY_INFRA}./deploy.sh\n` },
    ],
  ])('%s', async (_name, run, scripts) => {
    const files = {
      'infra/main.tf': ROOT,
      '.github/workflows/deploy.yml': stepsOnly(`      - run: |\n          ${run}\n`),
      ...scripts,
    };
    expectPublic(await scanFiles(files));
  });

  it('that deploys without it beside a step that deploys with it', async () => {
    const files = {
      'infra/main.tf': ROOT,
      '.github/workflows/deploy.yml': stepsOnly(
        `      - run: ./deploy.sh\n      - run: terraform -chdir=infra apply\n${WITH_IT}`,
      ),
      'deploy.sh': 'terraform -chdir=infra apply\n',
    };
    const report = await scanFiles(files);
    expect(report.result.findings.map((f) => f.message).join('\n')).toContain('and without it');
  });
});

describe('TF_VAR_ variables not known before the CI runs', () => {
  it.each([
    [
      'two steps disagree',
      '      CI: "1"',
      '      - run: terraform -chdir=infra apply\n        env: { TF_VAR_public: "true" }\n      - run: terraform -chdir=infra apply\n        env: { TF_VAR_public: "false" }\n',
      'different TF_VAR_public',
    ],
    [
      'one step gives it, one does not',
      '      CI: "1"',
      '      - run: terraform -chdir=infra apply\n      - run: terraform -chdir=infra apply\n        env: { TF_VAR_public: "true" }\n',
      'and without it',
    ],
    [
      'a destroy gives it, the apply does not',
      '      CI: "1"',
      '      - run: terraform -chdir=infra apply\n      - run: terraform -chdir=infra destroy -auto-approve\n        env: { TF_VAR_public: "true" }\n',
      'and without it',
    ],
    [
      'a plan gives it, the apply does not',
      '      CI: "1"',
      '      - run: terraform -chdir=infra plan\n        env: { TF_VAR_public: "true" }\n      - run: terraform -chdir=infra apply -auto-approve\n',
      'and without it',
    ],
    [
      'written to $GITHUB_ENV by an earlier step',
      '      CI: "1"',
      '      - run: echo "TF_VAR_public=true" >> "$GITHUB_ENV"\n      - run: terraform -chdir=infra apply\n',
      'written to $GITHUB_ENV',
    ],
    [
      'set from a secret',
      '      TF_VAR_public: ${{ secrets.PUBLIC }}',
      APPLY_CHDIR,
      'set from what the CI gives it',
    ],
    [
      'a step whose directory is not known',
      PUBLIC_ENV,
      '      - run: terraform apply\n        working-directory: ${{ matrix.dir }}\n',
      'a directory not known',
    ],
  ])('%s', async (_name, env, steps, reason) => {
    const files = {
      'infra/main.tf': ROOT,
      '.github/workflows/deploy.yml': workflow(env, steps),
    };
    const report = await scanFiles(files);
    expect(summarize(report).length).toBeGreaterThan(0);
    const messages = report.result.findings.map((f) => f.message);
    expect(messages.join('\n')).toContain(reason);
  });
});

describe('a TF_VAR_ read as -var reads one', () => {
  const MAP_ROOT = ROOT.replace(
    'variable "public" { default = false }',
    // Typed: Terraform reads the text given to an untyped variable as a string.
    'variable "settings" { type = map(bool) }',
  ).replaceAll('var.public', 'var.settings.public');

  it.each([
    ['a map', "'{ public = true }'", PUBLIC, undefined],
    ['a map not written whole', "'{ public = '", PUBLIC, 'is no list or map'],
    ['none: a map that keeps it private', "'{ public = false }'", [], undefined],
  ])('%s', async (_name, value, expected, reason) => {
    const files = {
      'infra/main.tf': MAP_ROOT,
      '.github/workflows/deploy.yml': workflow(`      TF_VAR_settings: ${value}`, APPLY_CHDIR),
    };
    const report = await scanFiles(files);
    expect(summarize(report)).toEqual(expected);
    if (reason) expect(report.result.findings.map((f) => f.message).join('\n')).toContain(reason);
  });
});

describe('a TF_VAR_ given to a variable of no type', () => {
  it('is its text, even where it opens as a list Terraform cannot read', async () => {
    const env = `${PUBLIC_ENV}\n      TF_VAR_name: '[acme-releases'`;
    const files = {
      'infra/main.tf': ROOT,
      '.github/workflows/deploy.yml': workflow(env, APPLY_CHDIR),
    };
    const report = await scanFiles(files);
    expect(summarize(report)).toEqual(PUBLIC);
    expect(report.facts.buckets.map((b) => b.name)).toEqual(['[acme-releases']);
  });
});

describe('a Terragrunt unit', () => {
  it.each([
    [
      'its own directory',
      '      - run: terragrunt apply -auto-approve\n        working-directory: live/prod\n',
    ],
    [
      'run-all above it',
      '      - run: cd live && terragrunt run-all apply --terragrunt-non-interactive\n',
    ],
    ['run --all above it', '      - run: terragrunt run --all -- apply -auto-approve\n'],
    [
      'apply --all above it',
      '      - run: terragrunt apply --all\n        working-directory: live\n',
    ],
  ])('takes the environment over its inputs, under its .tfvars: %s', async (_name, steps) => {
    const unit = 'terraform { source = "../../modules/bucket" }\ninputs = { public = false }\n';
    const files = {
      'modules/bucket/main.tf': ROOT,
      'live/prod/terragrunt.hcl': unit,
      '.github/workflows/deploy.yml': workflow(PUBLIC_ENV, steps),
    };
    const found = summarize(await scanFiles(files));
    expect(found).toEqual(PUBLIC.map((f) => f.replace('infra/', 'modules/bucket/')));
  });
});

describe('a credential in a TF_VAR_', () => {
  it('is never read, and reaches no report', async () => {
    const token = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
    const files = {
      'infra/main.tf': `variable "token" { default = "none" }\n${ROOT.replace('var.name', '"acme-releases-${var.token}"')}`,
      '.github/workflows/deploy.yml': workflow(
        `      TF_VAR_token: ${token}\n      TF_VAR_api_key: plainvalue123`,
        APPLY_CHDIR,
      ),
    };
    const report = await scanFiles(files);
    const text = JSON.stringify({ result: report.result, facts: report.facts });
    expect(text).not.toContain(token);
    expect(text).not.toContain('plainvalue123');
    expect(report.facts.buckets.map((b) => b.name)).toEqual([undefined]);
  });
});

describe('GitLab CI', () => {
  it('a job that cd-s into the root and applies', async () => {
    const files = {
      'infra/main.tf': ROOT,
      '.gitlab-ci.yml':
        'deploy:\n  variables:\n    TF_VAR_public: "true"\n  script:\n    - cd infra\n    - terraform init\n    - terraform apply -auto-approve\n',
    };
    expect(summarize(await scanFiles(files))).toEqual(PUBLIC);
  });
});

/** A workflow on push of one job `deploy`, written as `job` (YAML, indented as a job's keys). */
const caller = (job: string) =>
  `name: release\non: { push: { branches: [main] } }\njobs:\n  deploy:\n${job}`;
/** A reusable workflow whose step applies `infra` with `TF_VAR_public: <value>`. */
const reusable = (value: string, inputs = 'public: { type: string, default: "false" }') =>
  `on:\n  workflow_call:\n    inputs:\n      ${inputs}\njobs:\n  apply:\n    runs-on: ubuntu-latest\n    steps:\n      - run: terraform -chdir=infra apply -auto-approve\n        env:\n          TF_VAR_public: ${value}\n`;
/** A composite action whose step applies in `working-directory: <dir>` with `env` (YAML). */
const composite = (dir: string, env: string, inputs = 'public: { default: "false" }') =>
  `name: tf\ninputs:\n  ${inputs}\nruns:\n  using: composite\n  steps:\n    - run: terraform apply -auto-approve\n      shell: bash\n      working-directory: ${dir}\n      env:\n${env}`;
const USES_ACTION = '    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/tf\n';
const INPUT_ENV = '        TF_VAR_public: ${{ inputs.public }}\n';

describe('a local reusable workflow or composite action a job or step calls', () => {
  it.each([
    [
      'the repro: a reusable workflow given the input literally',
      {
        '.github/workflows/release.yml': caller(
          '    uses: ./.github/workflows/deploy.yml\n    with:\n      public: "true"\n',
        ),
        '.github/workflows/deploy.yml': reusable('${{ inputs.public }}'),
      },
    ],
    [
      'a reusable workflow with its own literal env',
      {
        '.github/workflows/release.yml': caller('    uses: ./.github/workflows/deploy.yml\n'),
        '.github/workflows/deploy.yml': reusable('"true"'),
      },
    ],
    [
      'a reusable workflow by its input default',
      {
        '.github/workflows/release.yml': caller('    uses: ./.github/workflows/deploy.yml\n'),
        '.github/workflows/deploy.yml': reusable(
          '${{ inputs.public }}',
          'public: { type: boolean, default: true }',
        ),
      },
    ],
    [
      'the repro: a composite action given the input, in its working-directory',
      {
        '.github/workflows/release.yml': caller(
          `${USES_ACTION}        with:\n          public: "true"\n`,
        ),
        '.github/actions/tf/action.yml': composite('infra', INPUT_ENV),
      },
    ],
    [
      'a composite action in the env of the step that uses it, its directory an input',
      {
        '.github/workflows/release.yml': caller(
          `${USES_ACTION}        with: { dir: infra }\n        env: { TF_VAR_public: "true" }\n`,
        ),
        '.github/actions/tf/action.yml': composite(
          '${{ inputs.dir }}',
          '        CI: "1"\n',
          'dir: { required: true }',
        ),
      },
    ],
    [
      'a composite action whose run is given its directory by an input',
      {
        '.github/workflows/release.yml': caller(
          `${USES_ACTION}        with: { dir: infra }\n        env: { TF_VAR_public: "true" }\n`,
        ),
        '.github/actions/tf/action.yml':
          'inputs:\n  dir: { required: true }\nruns:\n  using: composite\n  steps:\n    - run: terraform -chdir=${{ inputs.dir }} apply -auto-approve\n      shell: bash\n',
      },
    ],
    [
      'a composite action a reusable workflow uses, given its input',
      {
        '.github/workflows/release.yml': caller(
          '    uses: ./.github/workflows/deploy.yml\n    with: { public: "true" }\n',
        ),
        '.github/workflows/deploy.yml':
          'on:\n  workflow_call:\n    inputs:\n      public: { type: string }\njobs:\n  apply:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/tf\n        with:\n          public: ${{ inputs.public }}\n',
        '.github/actions/tf/action.yml': composite('infra', INPUT_ENV),
      },
    ],
  ])('%s', async (_name, files) => {
    expectPublic(await scanFiles({ 'infra/main.tf': ROOT, ...files }));
  });

  it.each([
    [
      'an input from a secret',
      {
        '.github/workflows/release.yml': caller(
          '    uses: ./.github/workflows/deploy.yml\n    with:\n      public: ${{ secrets.PUBLIC }}\n',
        ),
        '.github/workflows/deploy.yml': reusable('${{ inputs.public }}'),
      },
      'inputs.public is set from what the CI gives it',
    ],
    [
      'an input neither given nor with a default',
      {
        '.github/workflows/release.yml': caller(USES_ACTION),
        '.github/actions/tf/action.yml': composite(
          'infra',
          INPUT_ENV,
          'public: { required: true }',
        ),
      },
      'inputs.public is neither given nor has a default',
    ],
    [
      'an action that writes it to $GITHUB_ENV before a step of the job applies',
      {
        '.github/workflows/release.yml': caller(
          `${USES_ACTION}      - run: terraform -chdir=infra apply\n`,
        ),
        '.github/actions/tf/action.yml':
          'runs:\n  using: composite\n  steps:\n    - run: echo "TF_VAR_public=true" >> "$GITHUB_ENV"\n      shell: bash\n',
      },
      'written to $GITHUB_ENV',
    ],
  ])('not known: %s', async (_name, files, reason) => {
    const report = await scanFiles({ 'infra/main.tf': ROOT, ...files });
    expect(summarize(report).length).toBeGreaterThan(0);
    expect(report.result.findings.map((f) => f.message).join('\n')).toContain(reason);
  });

  it.each([
    [
      'an action',
      'action.yml',
      composite('${{ inputs.dir }}', INPUT_ENV, 'dir: { required: true }'),
    ],
    [
      'a reusable workflow',
      '.github/workflows/deploy.yml',
      reusable('"true"', 'dir: { type: string, required: true }').replace(
        '-chdir=infra apply -auto-approve',
        'apply -auto-approve\n        working-directory: ${{ inputs.dir }}',
      ),
    ],
  ])(
    'none: %s nothing calls, its directory an input, leaves the roots as they are',
    async (_name, path, text) => {
      const files = { 'infra/main.tf': ROOT, [path]: text };
      expect(summarize(await scanFiles(files))).toEqual([]);
    },
  );

  it('none: a composite action by its private default', async () => {
    const files = {
      'infra/main.tf': ROOT,
      '.github/workflows/release.yml': caller(USES_ACTION),
      '.github/actions/tf/action.yml': composite('infra', INPUT_ENV),
    };
    expect(summarize(await scanFiles(files))).toEqual([]);
  });
});

describe('GitLab CI, further', () => {
  const JOB =
    'deploy:\n  variables:\n    TF_VAR_public: "true"\n  before_script:\n    - cd infra\n  script:\n    - terraform init\n    - terraform apply -auto-approve\n';
  it.each([
    ['a cd in before_script, where script runs', { '.gitlab-ci.yml': JOB }],
    [
      'the job in a file included with include: local',
      { '.gitlab-ci.yml': 'include:\n  - local: ci/deploy.yml\n', 'ci/deploy.yml': JOB },
    ],
    [
      'the job in a file included by its path alone',
      { '.gitlab-ci.yml': "include: 'ci/deploy.yml'\n", 'ci/deploy.yml': JOB },
    ],
    [
      'the variable global in the main file, the job included',
      {
        '.gitlab-ci.yml':
          'variables:\n  TF_VAR_public: "true"\ninclude:\n  - local: ci/deploy.yml\n',
        'ci/deploy.yml': JOB.replace('  variables:\n    TF_VAR_public: "true"\n', ''),
      },
    ],
    [
      'the cd in the main file default before_script, the job included',
      {
        '.gitlab-ci.yml':
          'default:\n  before_script: [cd infra]\ninclude:\n  - local: ci/deploy.yml\n',
        'ci/deploy.yml': JOB.replace('  before_script:\n    - cd infra\n', ''),
      },
    ],
    [
      'the cd a !reference in before_script names',
      {
        '.gitlab-ci.yml': `.setup:\n  before_script:\n    - cd infra\n${JOB.replace('    - cd infra', '    - !reference [.setup, before_script]')}`,
      },
    ],
    [
      'the apply a !reference in script names',
      {
        '.gitlab-ci.yml':
          '.apply:\n  script:\n    - terraform -chdir=infra apply -auto-approve\ndeploy:\n  variables:\n    TF_VAR_public: "true"\n  script:\n    - echo deploying\n    - !reference [.apply, script]\n',
      },
    ],
    [
      'the script of a template the job extends',
      {
        '.gitlab-ci.yml':
          '.apply:\n  script:\n    - terraform -chdir=infra apply -auto-approve\ndeploy:\n  extends: .apply\n  variables:\n    TF_VAR_public: "true"\n',
      },
    ],
    [
      'the template in an included file',
      {
        '.gitlab-ci.yml':
          'include:\n  - local: ci/templates.yml\ndeploy:\n  extends: .apply\n  variables:\n    TF_VAR_public: "true"\n',
        'ci/templates.yml':
          '.apply:\n  script:\n    - terraform -chdir=infra apply -auto-approve\n',
      },
    ],
  ])('%s', async (_name, files) => {
    expectPublic(await scanFiles({ 'infra/main.tf': ROOT, ...files }));
  });

  it('none: a hidden job, which runs only in the jobs that extend it, without its variables', async () => {
    const files = {
      'infra/main.tf': ROOT,
      '.gitlab-ci.yml':
        '.apply:\n  variables:\n    TF_VAR_public: "true"\n  script:\n    - terraform -chdir=infra apply -auto-approve\n',
    };
    expect(summarize(await scanFiles(files))).toEqual([]);
  });

  it('past the values read for the shells of a file, an error', async () => {
    // Ten !reference items that each name ten more, six deep: a million lines.
    const level = (n: number) =>
      `.t${n}:\n  script:\n${`    - !reference [.t${n + 1}, script]\n`.repeat(10)}`;
    const text = [0, 1, 2, 3, 4, 5].map(level).join('') + '.t6:\n  script: [echo]\n';
    const files = {
      'infra/main.tf': ROOT,
      '.gitlab-ci.yml': `${text}deploy:\n  script:\n    - !reference [.t0, script]\n`,
    };
    const report = await scanFiles(files);
    expect(report.result.diagnostics.map((d) => d.message).join('\n')).toContain(
      'runs more script lines in its jobs',
    );
  });

  it('says where the main file sets a variable an included job runs with', async () => {
    const files = {
      'infra/main.tf': ROOT,
      '.gitlab-ci.yml': 'variables:\n  TF_VAR_public: "true"\ninclude:\n  - local: ci/deploy.yml\n',
      'ci/deploy.yml': JOB.replace('  variables:\n    TF_VAR_public: "true"\n', ''),
    };
    const report = await scanFiles(files);
    const set = report.result.findings
      .flatMap((f) => f.related)
      .filter((r) => r.label === 'value set here');
    expect(set.map((r) => `${r.range.file}:${r.range.start.line}`)).toContain('.gitlab-ci.yml:2');
  });
});

describe('TF_VAR_ written to $GITHUB_ENV in other forms', () => {
  it.each([
    ['by a script the step runs', { 'ci/env.sh': 'echo "TF_VAR_public=true" >> "$GITHUB_ENV"\n' }],
    [
      'by a script that script runs',
      {
        'ci/env.sh': 'sh ci/write.sh\n',
        'ci/write.sh': 'echo TF_VAR_public=true >> $GITHUB_ENV\n',
      },
    ],
  ])('not known: %s', async (_name, scripts) => {
    const files = {
      'infra/main.tf': ROOT,
      '.github/workflows/deploy.yml': stepsOnly(
        '      - run: sh ci/env.sh\n      - run: terraform -chdir=infra apply\n',
      ),
      ...scripts,
    };
    const report = await scanFiles(files);
    expect(summarize(report).length).toBeGreaterThan(0);
    expect(report.result.findings.map((f) => f.message).join('\n')).toContain(
      'written to $GITHUB_ENV',
    );
  });

  it.each([
    [
      'a heredoc',
      '      - run: |\n          cat >> "$GITHUB_ENV" <<EOT\n          TF_VAR_public=true\n          EOT\n',
    ],
    ['printf', `      - run: printf 'TF_VAR_public=%s\\n' true >> "$GITHUB_ENV"\n`],
    [
      'a group',
      '      - run: |\n          {\n            echo "TF_VAR_public=true"\n          } >> "$GITHUB_ENV"\n',
    ],
  ])('not known: %s', async (_name, step) => {
    const files = {
      'infra/main.tf': ROOT,
      '.github/workflows/deploy.yml': stepsOnly(
        `${step}      - run: terraform -chdir=infra apply\n`,
      ),
    };
    const report = await scanFiles(files);
    expect(summarize(report).length).toBeGreaterThan(0);
    expect(report.result.findings.map((f) => f.message).join('\n')).toContain(
      'written to $GITHUB_ENV',
    );
  });

  it.each([
    [
      'printf',
      `      - run: printf 'TF_VAR_%s=true\\n' public >> "$GITHUB_ENV"\n`,
      'TF_VAR_%s',
      10,
    ],
    [
      'a loop',
      '      - run: for v in public; do echo "TF_VAR_$v=true" >> $GITHUB_ENV; done\n',
      'TF_VAR_$v',
      10,
    ],
    [
      'an export',
      '      - run: |\n          v=public\n          export "TF_VAR_${v}=true"\n',
      'TF_VAR_${v}',
      12,
    ],
  ])('noted, not read: a name computed, by %s', async (_name, step, name, line) => {
    const apply = step.includes('export') ? '          ' : '      - run: ';
    const files = {
      'infra/main.tf': ROOT,
      '.github/workflows/deploy.yml': stepsOnly(`${step}${apply}terraform -chdir=infra apply\n`),
    };
    const report = await scanFiles(files);
    const unread = report.result.diagnostics.filter((d) => d.code === 'ci-variables-unread');
    expect(unread.map((d) => [d.message, d.range.start.line])).toEqual([
      [expect.stringContaining(`a TF_VAR_ whose name is computed (${name})`), line],
    ]);
  });
});

describe('-var and -var-file options, on the command line or in TF_CLI_ARGS', () => {
  const APPLY = '      - run: terraform -chdir=infra apply -auto-approve\n';
  it.each([
    ['the repro: TF_CLI_ARGS_apply', `      TF_CLI_ARGS_apply: "-var 'public=true'"`, APPLY, {}],
    [
      'TF_CLI_ARGS_plan with a -var-file, for the plan a later step applies',
      '      TF_CLI_ARGS_plan: "-var-file=prod.tfvars"',
      '      - run: terraform -chdir=infra plan -out=tfplan && terraform -chdir=infra apply tfplan\n',
      { 'infra/prod.tfvars': 'public = true\n' },
    ],
    ['TF_CLI_ARGS, for every command', '      TF_CLI_ARGS: "-var=public=true"', APPLY, {}],
    [
      'on the command line, over terraform.tfvars',
      '      CI: "1"',
      "      - run: terraform -chdir=infra apply -auto-approve -var 'public=true'\n",
      { 'infra/terraform.tfvars': 'public = false\n' },
    ],
    [
      'exported before the command, a -var-file from its directory',
      '      CI: "1"',
      '      - run: |\n          cd infra\n          export TF_CLI_ARGS_apply="-var-file=env/prod.tfvars"\n          terraform apply\n',
      { 'infra/env/prod.tfvars': 'public = true\n' },
    ],
    [
      'the last of them wins',
      '      TF_CLI_ARGS_apply: "-var public=false"',
      '      - run: terraform -chdir=infra apply -var public=true\n',
      {},
    ],
  ])('%s', async (_name, env, steps, more) => {
    const files = {
      'infra/main.tf': ROOT,
      '.github/workflows/deploy.yml': workflow(env, steps),
      ...more,
    };
    expectPublic(await scanFiles(files));
  });

  const NO_VARS: { vars?: Record<string, boolean> } = {};
  it.each([
    ['none: a -var of another command', `      TF_CLI_ARGS_destroy: "-var 'public=true'"`, NO_VARS],
    [
      'none: the scan -var wins over the CI one',
      `      TF_CLI_ARGS_apply: "-var 'public=true'"`,
      { vars: { public: false } },
    ],
  ])('%s', async (_name, env, options) => {
    const files = { 'infra/main.tf': ROOT, '.github/workflows/deploy.yml': workflow(env, APPLY) };
    expect(summarize(await scanFiles(files, options))).toEqual([]);
  });

  it.each([
    [
      'two deploys with different -var',
      '      - run: terraform -chdir=infra apply -var public=true\n      - run: terraform -chdir=infra apply\n',
      'different -var and -var-file options',
    ],
    [
      'a -var from a secret',
      '      - run: terraform -chdir=infra apply -var "public=${{ secrets.PUBLIC }}"\n',
      'is set from what the CI gives it',
    ],
    [
      'a directory not known',
      '      - run: terraform apply -var public=true\n        working-directory: ${{ matrix.dir }}\n',
      'in a directory not known',
    ],
  ])('not known: %s', async (_name, steps, reason) => {
    const files = { 'infra/main.tf': ROOT, '.github/workflows/deploy.yml': stepsOnly(steps) };
    const report = await scanFiles(files);
    expect(summarize(report).length).toBeGreaterThan(0);
    expect(report.result.findings.map((f) => f.message).join('\n')).toContain(reason);
  });

  it.each([
    ['a -var-file not in the repository', '-var-file=secret.tfvars', 'is not in the repository'],
    ['a -var-file of a path not known', '-var-file=env/$ENV.tfvars', 'has a path not known'],
    [
      'a -var-file that is a directory',
      '-var-file=env',
      '-var-file infra/env is a directory, not a file',
    ],
  ])('noted, not read: %s', async (_name, option, why) => {
    const files = {
      'infra/main.tf': ROOT,
      'infra/env/prod.tfvars': 'public = false\n',
      '.github/workflows/deploy.yml': stepsOnly(
        `      - run: terraform -chdir=infra apply ${option}\n`,
      ),
    };
    const report = await scanFiles(files);
    const unread = report.result.diagnostics.filter((d) => d.code === 'ci-variables-unread');
    expect(unread.map((d) => d.message).join('\n')).toContain(why);
  });

  it.each([
    [
      'TF_CLI_ARGS_apply from a secret',
      '      TF_CLI_ARGS_apply: ${{ secrets.ARGS }}',
      'set from what the CI gives it',
    ],
    ['a Terragrunt -var-file', '      CI: "1"', 'the copy of the module Terragrunt makes'],
  ])('noted, not read: %s', async (_name, env, why) => {
    const files = {
      'infra/main.tf': ROOT,
      '.github/workflows/deploy.yml': workflow(
        env,
        '      - run: terragrunt apply -var-file=prod.tfvars\n        working-directory: infra\n',
      ),
    };
    const report = await scanFiles(files);
    const unread = report.result.diagnostics.filter((d) => d.code === 'ci-variables-unread');
    expect(unread.map((d) => d.message).join('\n')).toContain(why);
  });
});

describe('variables not read where a run decides a release bucket', () => {
  const unreadOf = (report: ScanReport) =>
    report.result.diagnostics.filter((d) => d.code === 'ci-variables-unread');
  const failsClosed = (report: ScanReport) =>
    report.result.findings.filter((f) => f.ruleId === 'input-unreadable');

  it.each([
    [
      'a -var-file not in the repository',
      '      - run: terraform -chdir=infra apply -var-file=prod.tfvars\n',
    ],
    [
      'a -var-file of a path not known',
      '      - run: terraform -chdir=infra apply -var-file=env/$ENV.tfvars\n',
    ],
    [
      'a TF_CLI_ARGS from a secret',
      '      - run: terraform -chdir=infra apply\n        env: { TF_CLI_ARGS: "${{ secrets.ARGS }}" }\n',
    ],
    [
      'a TF_VAR_ whose name is computed',
      `      - run: printf 'TF_VAR_%s=true\\n' public >> "$GITHUB_ENV"\n      - run: terraform -chdir=infra apply\n`,
    ],
    [
      'in a directory not known',
      '      - run: terraform apply -var-file=x.tfvars\n        working-directory: ${{ matrix.dir }}\n',
    ],
  ])('fail closed: %s', async (_name, steps) => {
    const files = { 'infra/main.tf': ROOT, '.github/workflows/deploy.yml': stepsOnly(steps) };
    const report = await scanFiles(files);
    expect(unreadOf(report).map((d) => d.severity)).toEqual(['error']);
    expect(
      failsClosed(report)
        .map((f) => f.message)
        .join('\n'),
    ).toContain('it decides infra, which makes a release bucket');
  });

  it.each([
    [
      'a root with no release bucket',
      '      - run: terraform -chdir=other apply -var-file=prod.tfvars\n',
    ],
    [
      'a plan that deploys nothing, where another run deploys the root',
      '      - run: terraform -chdir=infra plan -var-file=env/$ENV.tfvars\n      - run: terraform -chdir=infra apply\n',
    ],
  ])('a warning: %s', async (_name, steps) => {
    const files = {
      'infra/main.tf': ROOT,
      'other/main.tf': 'variable "x" { default = 1 }\n',
      '.github/workflows/deploy.yml': stepsOnly(steps),
    };
    const report = await scanFiles(files);
    expect(unreadOf(report).map((d) => d.severity)).toEqual(['warning']);
    expect(failsClosed(report)).toEqual([]);
  });
});

describe('the readings of local calls, bounded', () => {
  const steps = (count: number, withInput: (i: number) => string) =>
    Array.from(
      { length: count },
      (_, i) => `      - uses: ./.github/actions/tf\n${withInput(i)}`,
    ).join('');
  const ACTION = composite('infra', '        TF_VAR_public: "true"\n', 'n: { default: "0" }');

  it('calls alike are read once: 1,500 steps that use one action as it is', async () => {
    const files = {
      'infra/main.tf': ROOT,
      '.github/workflows/release.yml': caller(
        `    runs-on: ubuntu-latest\n    steps:\n${steps(1500, () => '')}`,
      ),
      '.github/actions/tf/action.yml': ACTION,
    };
    const report = await scanFiles(files);
    expect(report.result.diagnostics.map((d) => d.code)).not.toContain('build-links-truncated');
    expectPublic(report);
  });

  it('past 1,000 readings of calls given inputs of their own, an error', async () => {
    const files = {
      'infra/main.tf': ROOT,
      '.github/workflows/release.yml': caller(
        `    runs-on: ubuntu-latest\n    steps:\n${steps(1001, (i) => `        with: { n: "${i}" }\n`)}`,
      ),
      '.github/actions/tf/action.yml': ACTION,
    };
    const report = await scanFiles(files);
    const cut = report.result.diagnostics.filter((d) => d.code === 'build-links-truncated');
    expect(cut.map((d) => d.message).join('\n')).toContain('TF_VAR_ variables and options');
  });
});

describe('the CI files read for their runs, parsed once', () => {
  it('a workflow that cannot be parsed is reported once, where the build files are read', async () => {
    const files = { 'infra/main.tf': ROOT, '.github/workflows/deploy.yml': 'on: push\njobs: [\n' };
    const report = await scanFiles(files);
    const codes = report.result.diagnostics.map((d) => d.code);
    expect(codes.filter((code) => code === 'build-parse-error')).toHaveLength(1);
  });
});

describe('scripts that run the next several times, sixteen levels down, bounded', () => {
  // Each script sources or runs the next three times (and the first again, and itself): the
  // readings of their Terraform commands were 3^16, and their readings with the values they are
  // run with 1,024 a script, each with thousands of sourced assignments: minutes. Bounded, the
  // first row still cost 11-13 s of CPU idle, half of it in variables/common.ts's known() testing
  // the same values of up to 2 KB on each reading, and measured 20.7 s in a CI run with the other
  // worker busy, past the 20 s the guard was; with known() remembering its answers, 5-6 s.
  const LEVELS = 16;
  const script = (i: number, runs: string) =>
    `V${i}="$V${i - 1}$V${i - 1}"\n${runs.replaceAll('NEXT', `s${i + 1}.sh`).replaceAll('SELF', `s${i}.sh`)}`;
  const files = (runs: string) => ({
    'infra/main.tf': ROOT,
    '.github/workflows/release.yml':
      'on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./s0.sh\n',
    's0.sh': '#!/bin/sh\nV0=a\n. ./s1.sh\n',
    ...Object.fromEntries(
      Array.from({ length: LEVELS - 1 }, (_, i) => [`s${i + 1}.sh`, script(i + 1, runs)]),
    ),
    [`s${LEVELS}.sh`]: 'cd infra && TF_VAR_public=true terraform apply\n',
  });

  it.each([
    ['sourced twice and run once', '. ./NEXT\nsource ./NEXT\nbash NEXT\n', 'build-links-truncated'],
    [
      'sourced twice, run once, and running the first and itself',
      '. ./NEXT\nsource ./NEXT\n. ./s0.sh\n./SELF\nbash NEXT\n',
      'build-environments-truncated',
    ],
  ])('%s: read in bounded time, and the cut is an error', async (_what, runs, code) => {
    const start = threadCpuMs();
    const report = await scanFiles(files(runs));
    expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
    const cut = report.result.diagnostics.filter((d) => d.code === code);
    expect(cut.length).toBeGreaterThan(0);
    expect(cut.every((d) => d.severity === 'error')).toBe(true);
  });
});
