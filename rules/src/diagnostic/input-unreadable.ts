import { isUnreadInput, type Diagnostic, type DiagnosticRule } from '@posture/model';
import { sentences } from '../messages.js';

/**
 * How to bring a build file within a bound, by its kind. Most can be split (a workflow in two, a
 * script that sources another); a file its tool reads whole by its name (`.npmrc`, `package.json`)
 * cannot, so what does not belong in it comes out instead.
 */
const SHRUNK: readonly (readonly [name: RegExp, advice: string])[] = [
  [/(?:^|\/)\.npmrc$/, 'Keep only settings in the .npmrc, which npm reads whole'],
  [
    /(?:^|\/)package\.json$/,
    'Move the settings of other tools out of package.json into their own configuration files',
  ],
];

/** What to do about a build file past a bound: bring it within, or leave it out. */
function withinBound(file: string): string {
  const shrink = SHRUNK.find(([name]) => name.test(file))?.[1] ?? 'Split the file';
  return `${shrink}, or exclude it from the scan in the policy`;
}

/**
 * What to do, by code, about input read only in part, though no file is broken: past one of the
 * limits that keep a crafted repository from stalling the scan, without the `.tofu` file that
 * OpenTofu would read in place of a `.tf` one, or without the variables a CI step runs Terraform
 * with. Each message says what was not checked.
 */
const PARTLY_CHECKED: Readonly<Record<string, (file: string) => string>> = {
  'tofu-file-ignored': () =>
    'Commit the .terraform.lock.hcl that terraform init or tofu init writes, so that Posture reads the configuration as that tool does, or waive this with an exception in the policy file',
  'module-too-deep': () =>
    'Nest the module calls less deeply, or exclude the configuration from the scan in the policy',
  'function-file-unreadable': () =>
    'Make it a regular file the scan may read, or exclude the configuration from the scan in the policy',
  'build-links-truncated': withinBound,
  'build-file-too-large': withinBound,
  'build-follow-too-deep': () =>
    'Run the file from fewer levels down, or exclude it from the scan in the policy',
  // Two causes: too many sets of values for the script, or too many variables for one run of it.
  'build-environments-truncated': () =>
    'Where the script is run with many different values of the variables it uses, run it with fewer; where more than 64 of the variables the scripts use are given to it, give it only those it needs (set each on the step that needs it, not on the whole job, and export from a script only what the scripts it runs read); or exclude it from the scan in the policy',
  'ci-variables-unread': () =>
    'Write what the step gives Terraform in the repository (a var file committed, TF_VAR_public: "false", -var public=false), or waive this with an exception in the policy file',
};

const rule: DiagnosticRule = {
  kind: 'diagnostic',
  meta: {
    id: 'input-unreadable',
    title: 'Input file could not be read',
    severity: 'high',
    why: 'A Terraform, plan or build file that cannot be parsed or loaded is a file whose buckets and links were not checked (where the parser reads on past a syntax error, those in what it skipped; where Terraform refuses a block at the top of a file, those of that block), and a directory that cannot be listed holds such files. Passing the scan anyway would let a syntax error — or a file crafted to trip the parser — hide a public bucket. Posture fails closed: every unreadable file is a finding that fails the gate whatever its severity and the --fail-on threshold (but none, a run that only reports), and the rest of the scan goes on. No baseline records it and no posture:ignore comment waives it, as a comment in a file that could not be read may be all that was read of it. So is input read only up to one of the limits that keep a crafted repository from stalling the scan, as what lies past the limit was not checked: a module call nested more than 32 calls deep, a script or included CI file more than 16 levels down from the build files, a build file larger than 5 MiB, a build file holding more than 2,000 storage references (or whose values, read again for the jobs and steps that run them, give more than that or 8 MB of text, or are run by more than 1,000 matrix instances or !reference tags, or, in a scan, by more than 1,000 calls of the composite actions and reusable workflows of the repository with inputs of their own), and a script run with more than 1,024 different sets of values of the variables it uses (or past the 8 MB of scripts a scan reads again with such values), or where more than 64 of the variables the scripts of the repository use are given to it, as only the first 64 are passed. So is a .tofu file beside the .tf file of the same name in a repository with no .terraform.lock.hcl: OpenTofu would apply it in place of the .tf file, which Posture reads as Terraform does, and nothing says which of the two tools applies the configuration. So is a CI step that deploys the root module of a release bucket with variables not read (a -var-file not in the repository or whose path is not known, a TF_CLI_ARGS not written literally, a TF_VAR_ whose name is computed), as any variable of the root may be what it sets.',
    fix: 'Fix the file so that terraform validate (or the tool that owns it) accepts it, or exclude it from the scan in the Posture policy if it is not part of the configuration (or, for a file known to be broken, waive it with an exception in the policy file, which says why and expires). Input past a limit is not broken: bring it within the limit (nest the module calls less deeply; split the file, or keep in a .npmrc or package.json, which its tool reads whole, only what belongs there; run the script from fewer levels down, with fewer different values of the variables it uses, or with only the variables it needs given to it, each set on the step that needs it) or exclude it. For a .tofu file, commit the lock file that terraform init or tofu init writes. For a CI step, commit the var file it names or give it its variables literally.',
    bad: {
      language: 'hcl',
      code: `resource "aws_s3_bucket" "releases" {
  bucket = "acme-releases"
`,
    },
    good: {
      language: 'hcl',
      code: `resource "aws_s3_bucket" "releases" {
  bucket = "acme-releases"
}`,
    },
    tags: ['security', 'input', 'fail-closed'],
    cwe: ['CWE-636'],
    precision: 'very-high',
  },
  check(diagnostic) {
    // An uninstalled module is an error of scope, not of input: module-unresolved reports it.
    if (!isUnreadInput(diagnostic)) return [];
    return [{ location: diagnostic.range, message: messageOf(diagnostic) }];
  },
};

/** What was not read, that the scan fails closed, and what to do. */
function messageOf({ code, message, range: { file } }: Diagnostic): string {
  const fails = 'the scan fails closed: this fails the gate at any --fail-on but none';
  const fixIt = 'Fix the file, or exclude it from the scan in the policy';
  const limit = PARTLY_CHECKED[code];
  // The parser reads on past most syntax errors, and the message says how far.
  if (code === 'hcl-syntax')
    return sentences(
      `Syntax error in ${file}: ${message}`,
      `What it kept from being read was not checked, so ${fails}`,
      fixIt,
    );
  // A block or an argument Terraform refuses is all that was not read of a file, or a plan is.
  if (code === 'terraform-unsupported')
    return sentences(`Terraform would refuse ${file}: ${message}`, fails, fixIt);
  // The file leads with a word of its own: `sentences` would capitalise a path that starts the
  // message (`infra` as `Infra`).
  if (limit === undefined)
    return sentences(
      `Could not read ${file}: ${message}`,
      `Its buckets and links were not checked, so ${fails}`,
      fixIt,
    );
  return sentences(`Part of the input was not checked: ${message}`, fails, limit(file));
}

export default rule;
