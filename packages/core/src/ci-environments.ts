/**
 * The `TF_VAR_` variables CI steps run Terraform with, as each root module's environment: a step
 * that runs `terraform apply` in `infra` with `TF_VAR_public: "true"` deploys `infra` with
 * `var.public` true, whatever its default says. One value for a root is that value only when every
 * step that runs Terraform there gives it the same; steps that disagree, or one that gives it and
 * one that deploys without it, deploy it both ways, so it is not known, and neither is one set from
 * what the CI gives it when it runs (`${{ secrets.X }}`). A run that deploys nothing (a plan that
 * saves nothing, a destroy) without it is left out where others deploy the root. A step whose
 * directory is not known may run any root: what it sets is not known in every root.
 */
import type { CommandLineVariable, EnvironmentValue, TerraformRun } from '@posture/buildconfig';
import { readTextVariable, type CommandLineInput, type EnvironmentVariable } from '@posture/hcl';
import { unknown, type Bucket, type Diagnostic, type Range } from '@posture/model';

export type Environments = (rootDir: string) => Readonly<Record<string, EnvironmentVariable>>;
export type CommandLines = (rootDir: string) => readonly CommandLineInput[];

export function ciEnvironments(runs: readonly TerraformRun[]): Environments {
  return byRoot((rootDir) => environmentOf(rootDir, runs));
}

/**
 * The `-var` and `-var-file` options (their own, their `TF_CLI_ARGS`) CI steps run Terraform with
 * in each root: those of the runs that deploy it (or of all, where none does) when they are the
 * same; else each variable they set is not known, and so is each a run whose directory is not
 * known sets.
 */
export function ciCommandLines(runs: readonly TerraformRun[]): CommandLines {
  return byRoot((rootDir) => commandLineOf(rootDir, runs));
}

/**
 * What CI runs give Terraform that is not read (`TerraformRun.unread`: a `-var-file` not in the
 * repository, a `TF_VAR_` whose name is computed), once where each is written: a warning; but an
 * error where it decides the root module of a release bucket of `buckets` (a run there that
 * deploys, or any where none does, or one whose directory is not known), as any variable of the
 * root may be what it sets: the input that decides the bucket was not checked, which fails the gate.
 */
export function ciVariablesUnread(
  runs: readonly TerraformRun[],
  buckets: readonly Bucket[],
): Diagnostic[] {
  const releaseRoots = new Set(
    buckets.flatMap((b) => (b.release.length > 0 && b.rootModule ? [b.rootModule] : [])),
  );
  const deployed = byRoot((root) =>
    runs.some((run) => run.deploys && run.dir !== undefined && runsIn(run, run.dir, root)),
  );
  const decides = (run: TerraformRun, root: string) =>
    run.dir === undefined || (runsIn(run, run.dir, root) && (run.deploys || !deployed(root)));
  const found = new Map<string, Diagnostic>();
  for (const run of runs.filter((r) => r.unread.length > 0)) {
    const release = [...releaseRoots].find((root) => decides(run, root));
    for (const { why, range } of run.unread) {
      const key = JSON.stringify([why, range]);
      if (found.get(key)?.severity === 'error') continue;
      const message = `Terraform is run with variables not read: ${why}; the values it gives are not known`;
      found.set(key, {
        severity: release === undefined ? 'warning' : 'error',
        code: 'ci-variables-unread',
        message:
          release === undefined
            ? message
            : `${message}, and it decides ${release}, which makes a release bucket`,
        range,
      });
    }
  }
  return [...found.values()];
}

/** `of` for each root, found once. */
function byRoot<T>(of: (rootDir: string) => T): (rootDir: string) => T {
  const cache = new Map<string, T>();
  return (rootDir) => {
    if (!cache.has(rootDir)) cache.set(rootDir, of(rootDir));
    return cache.get(rootDir)!;
  };
}

function commandLineOf(rootDir: string, runs: readonly TerraformRun[]): CommandLineInput[] {
  const here = runs.filter((run) => run.dir !== undefined && runsIn(run, run.dir, rootDir));
  const deploying = here.filter((run) => run.deploys);
  const deciding = deploying.length > 0 ? deploying : here;
  const anywhere = runs.filter((run) => run.dir === undefined && run.commandLine.length > 0);
  const [first] = deciding;
  const key = (run: TerraformRun) => JSON.stringify(run.commandLine.map(written));
  if (first && anywhere.length === 0 && deciding.every((run) => key(run) === key(first)))
    return first.commandLine.map((item) => ('file' in item ? item : optionValue(item)));
  const given = [...deciding, ...anywhere].filter((run) => run.commandLine.length > 0);
  if (given.length === 0) return [];
  const reason = anywhere[0]
    ? `a CI step (${at(anywhere[0].range)}) runs Terraform with -var or -var-file options in a directory not known`
    : `CI steps run Terraform in ${rootDir} with different -var and -var-file options: ${deciding.map((run) => at(run.range)).join(', ')}`;
  return given.flatMap((run) =>
    run.commandLine.map((item) =>
      'file' in item
        ? { ...item, notKnown: reason }
        : { name: item.name, value: unknown([], reason), range: item.value.range },
    ),
  );
}

/** What an option says, to tell runs given the same apart from runs given others. */
function written(item: CommandLineVariable): unknown {
  return 'file' in item ? ['-var-file', item.file] : ['-var', item.name, item.value.text];
}

/** A `-var`'s value as Terraform reads it; one not known, where the line that makes it so is. */
function optionValue({ name, value }: Extract<CommandLineVariable, { name: string }>) {
  const { text, why, range } = value;
  const read =
    text === undefined
      ? unknown([], `${why} (${at(range)})`)
      : readTextVariable(text, `-var ${name}`);
  return { name, value: read, range };
}

function environmentOf(rootDir: string, runs: readonly TerraformRun[]) {
  const here = runs.filter((run) => run.dir !== undefined && runsIn(run, run.dir, rootDir));
  const anywhere = runs.filter((run) => run.dir === undefined);
  const names = new Set([...here, ...anywhere].flatMap((run) => [...run.variables.keys()]));
  // Built from entries: `TF_VAR___proto__` assigned as environment['__proto__'] set its prototype.
  return Object.fromEntries(
    [...names].map((name) => [name, variableIn(rootDir, name, here, anywhere)]),
  );
}

/** Whether `run` (in `dir`) runs the root at `rootDir`: its own, or one under it for a run-all. */
function runsIn(run: TerraformRun, dir: string, rootDir: string): boolean {
  return dir === rootDir || (run.all && (dir === '.' || rootDir.startsWith(`${dir}/`)));
}

function variableIn(
  rootDir: string,
  name: string,
  here: readonly TerraformRun[],
  anywhere: readonly TerraformRun[],
): EnvironmentVariable {
  const key = `TF_VAR_${name}`;
  const given = here.flatMap((run) => run.variables.get(name) ?? []);
  const maybe = anywhere.flatMap((run) => run.variables.get(name) ?? []);
  // A value not known is set where the line that makes it so is.
  const notKnown = (reason: string, range: Range) => ({ value: unknown([], reason), range });
  const notWritten = [...given, ...maybe].find((v) => v.text === undefined);
  if (notWritten) return notKnown(`${notWritten.why} (${at(notWritten.range)})`, notWritten.range);
  const [first] = given;
  if (first === undefined || maybe.length > 0) {
    const where = maybe[0]!.range;
    const reason = `${key} is set by a CI step (${at(where)}) that runs Terraform in a directory not known`;
    return notKnown(reason, where);
  }
  if (given.some((v) => v.text !== first.text)) {
    const reason = `CI steps run Terraform in ${rootDir} with different ${key}: ${listed(given)}`;
    return notKnown(reason, first.range);
  }
  // A run that deploys nothing (a pull request's plan, a destroy) without the variable shows or
  // removes the default, or fails on a variable that has none: where runs deploy, theirs decide.
  const deploying = here.some((run) => run.deploys);
  const unset = here.find((run) => !run.variables.has(name) && (run.deploys || !deploying));
  if (unset) {
    const reason = `CI steps run Terraform in ${rootDir} with ${key} (${at(first.range)}) and without it (${at(unset.range)})`;
    return notKnown(reason, first.range);
  }
  return { value: readTextVariable(first.text!, key), range: first.range };
}

function listed(values: readonly EnvironmentValue[]): string {
  return values.map((v) => `${JSON.stringify(v.text)} (${at(v.range)})`).join(', ');
}

function at(range: Range): string {
  return `${range.file}:${range.start.line}`;
}
