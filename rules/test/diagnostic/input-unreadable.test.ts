import rule from '../../src/diagnostic/input-unreadable.js';
import { diagnostic, range } from '../support/facts.js';
import { testRule } from '../support/tester.js';

testRule(rule, {
  valid: [
    { name: 'a warning', subject: diagnostic({ severity: 'warning', code: 'eval-cycle' }) },
    {
      name: "an uninstalled module is module-unresolved's",
      subject: diagnostic({ code: 'module-unresolved' }),
    },
  ],
  invalid: [
    {
      name: 'a syntax error names the file and the parser message, at its range, and claims unchecked only what it kept from being read',
      subject: diagnostic({
        message:
          "expected a newline after the value of 'bucket', found string; the parser skipped from there to the end of its line or bracket, and read the rest of the file",
      }),
      findings: [
        {
          severity: 'high',
          file: 'broken.tf',
          line: 7,
          message:
            /^Syntax error in broken\.tf: expected a newline .*, and read the rest of the file\. What it kept from being read was not checked, so the scan fails closed: this fails the gate at any --fail-on but none\./,
        },
      ],
    },
    {
      // It read "Could not read main.tf. Its buckets and links were not checked", though only the
      // misspelt block was not.
      name: 'a block Terraform refuses says that block was not scanned, not the file it is in',
      subject: diagnostic({
        code: 'terraform-unsupported',
        message:
          'a block of type "resourse" (Unsupported block type), which was not scanned (the rest of the file was)',
        range: range(5, 'main.tf'),
      }),
      findings: [
        {
          severity: 'high',
          file: 'main.tf',
          line: 5,
          message:
            /^Terraform would refuse main\.tf: a block of type "resourse" \(Unsupported block type\), which was not scanned \(the rest of the file was\)\. The scan fails closed: this fails the gate at any --fail-on but none\. Fix the file, or exclude it from the scan in the policy\.$/,
        },
      ],
    },
    {
      name: 'a file not read at all says none of its buckets and links were checked',
      subject: diagnostic({ code: 'file-unreadable', message: 'cannot be read: EACCES' }),
      findings: [
        {
          severity: 'high',
          file: 'broken.tf',
          line: 7,
          message:
            /^Could not read broken\.tf: cannot be read: EACCES\. Its buckets and links were not checked, so the scan fails closed: this fails the gate at any --fail-on but none\./,
        },
      ],
    },
    {
      name: 'an invalid plan',
      subject: diagnostic({
        code: 'plan-invalid',
        message: 'not a Terraform plan',
        range: {
          file: 'plan.json',
          start: { line: 1, column: 1, offset: 0 },
          end: { line: 1, column: 1, offset: 0 },
        },
      }),
      findings: [{ severity: 'high', file: 'plan.json', line: 1 }],
    },
    {
      name: 'a path that is one lowercase word keeps its case',
      subject: diagnostic({
        code: 'path-outside-root',
        message: 'it is a symbolic link leading out of the scan root',
        range: range(1, 'infra'),
      }),
      findings: [
        {
          severity: 'high',
          file: 'infra',
          line: 1,
          message: /^Could not read infra: it is a symbolic link leading out of the scan root\. /,
        },
      ],
    },
    {
      name: 'a .tofu file OpenTofu may apply in place of the .tf file says how to settle which tool applies it',
      subject: diagnostic({
        code: 'tofu-file-ignored',
        message: 'main.tofu is not read: it replaces the .tf file of the same name for OpenTofu',
        range: range(1, 'main.tofu'),
      }),
      findings: [
        {
          severity: 'high',
          file: 'main.tofu',
          line: 1,
          message:
            /^Part of the input was not checked: main\.tofu is not read: .* Commit the \.terraform\.lock\.hcl that terraform init or tofu init writes, so that Posture reads the configuration as that tool does, or waive this with an exception in the policy file\.$/,
        },
      ],
    },
    {
      name: 'variables a CI step deploys a release bucket with, not read, say how to write them',
      subject: diagnostic({
        code: 'ci-variables-unread',
        message:
          'Terraform is run with variables not read: -var-file infra/prod.tfvars is not in the repository (a step may write it); the values it gives are not known, and it decides infra, which makes a release bucket',
        range: range(10, '.github/workflows/release.yml'),
      }),
      findings: [
        {
          severity: 'high',
          file: '.github/workflows/release.yml',
          line: 10,
          message:
            /^Part of the input was not checked: Terraform is run with variables not read: .* Write what the step gives Terraform in the repository \(a var file committed, TF_VAR_public: "false", -var public=false\), or waive this with an exception in the policy file\.$/,
        },
      ],
    },
    {
      name: 'input read up to a limit says what was not checked and how to bring it within',
      subject: diagnostic({
        code: 'module-too-deep',
        message: 'module "m33" (source "./m33") is nested 33 module calls deep',
        range: range(2, 'm32/main.tf'),
      }),
      findings: [
        {
          severity: 'high',
          file: 'm32/main.tf',
          line: 2,
          message:
            /^Part of the input was not checked: module "m33" \(source "\.\/m33"\) is nested 33 module calls deep\. The scan fails closed: this fails the gate at any --fail-on but none\. Nest the module calls less deeply, or exclude the configuration from the scan in the policy\.$/,
        },
      ],
    },
    {
      // It was main.tf that read "Could not read main.tf", though main.tf was read.
      name: 'a file a function reads and cannot says that file, not the one calling it',
      subject: diagnostic({
        code: 'function-file-unreadable',
        message: 'dist, which a function reads, cannot be read: not a regular file',
        range: range(6, 'main.tf'),
      }),
      findings: [
        {
          severity: 'high',
          file: 'main.tf',
          line: 6,
          message:
            /^Part of the input was not checked: dist, which a function reads, cannot be read: not a regular file\. The scan fails closed: this fails the gate at any --fail-on but none\. Make it a regular file the scan may read, or exclude the configuration from the scan in the policy\.$/,
        },
      ],
    },
    // Its advice was only "fewer different values", which fit a script given too many variables
    // (5075cf80) not at all: both causes, one advice naming each.
    ...[
      'with one more set of values of the variables it uses than the 1024 it is read with: it was not read with this one, and the links those values name in it were not checked',
      'where it gives more of the variables its scripts use than the 64 passed to a script: the others were not passed, and the links they name in it were not checked',
    ].map((cause) => ({
      name: `a script read with part of its environments says how to bring it within: ${cause.split(':')[0]}`,
      subject: diagnostic({
        code: 'build-environments-truncated',
        message: `.github/workflows/release.yml runs ship.sh ${cause}`,
        range: range(12, '.github/workflows/release.yml'),
      }),
      findings: [
        {
          severity: 'high' as const,
          file: '.github/workflows/release.yml',
          line: 12,
          message:
            / but none\. Where the script is run with many different values of the variables it uses, run it with fewer; where more than 64 of the variables the scripts use are given to it, give it only those it needs \(set each on the step that needs it, not on the whole job, and export from a script only what the scripts it runs read\); or exclude it from the scan in the policy\.$/,
        },
      ],
    })),
    // A file its tool reads whole by its name cannot be split: "Split the file" fit it poorly.
    ...(
      [
        ['.github/workflows/release.yml', 'Split the file'],
        ['web/.npmrc', 'Keep only settings in the .npmrc, which npm reads whole'],
        [
          'package.json',
          'Move the settings of other tools out of package.json into their own configuration files',
        ],
      ] as const
    ).map(([file, advice]) => ({
      name: `a build file too large to read says how to bring it within, by its kind: ${file}`,
      subject: diagnostic({
        code: 'build-file-too-large',
        message: `${file} is 6000033 bytes, larger than the 5242880 bytes a build file is read up to`,
        range: range(1, file),
      }),
      findings: [
        {
          severity: 'high' as const,
          file,
          line: 1,
          message: new RegExp(
            ` but none\\. ${advice.replaceAll('.', '\\.')}, or exclude it from the scan in the policy\\.$`,
          ),
        },
      ],
    })),
  ],
});
