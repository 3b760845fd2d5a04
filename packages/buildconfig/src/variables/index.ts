/**
 * Variables whose value the file itself states: a Makefile's `BUCKET := acme-releases` (and a
 * justfile's `bucket := "acme-releases"`), a workflow's literal `env:`, a composite action's inputs
 * and `env:`, GitLab CI `variables:`, CircleCI, Drone and AppVeyor `environment:`, Buildkite
 * `env:`, Azure Pipelines `variables:`, Travis `env:`, Cloud Build `substitutions:`, CodeBuild
 * `env.variables:`, a Taskfile's `vars:` and `env:`, GoReleaser's `env:`, a Jenkinsfile's
 * `environment {}`, a Dockerfile's `ARG` and `ENV` (an Earthfile's per target), a shell script's
 * (or a CI script's) top-level `BUCKET=acme-releases`, a JavaScript configuration's `const BUCKET
 * = 'acme-releases'` in a template (`${BUCKET}`). Real build files often name their bucket once
 * and use it through such a variable, so a placeholder that one of these resolves is replaced by its value
 * and the URL patterns run again on the result. The reference keeps the range of what is written;
 * only its text (the link's URL) is resolved.
 *
 * Only values known without running anything resolve: a value built from other variables the file
 * states resolves through them (make, shell and Dockerfile), and a variable it does not state (the
 * CI's `$CI_COMMIT_TAG`, `${{ github.ref_name }}`, the environment's `$CODENAME`) stays in the value
 * as written, so `s3://releases/agent/$CODENAME` is partly known: it names its bucket, as it would
 * written in place, and only its path is unknown. A value holding a command substitution, a quote
 * or a backquote does not resolve, and nor does a variable whose name says it holds a credential or
 * one built from it, so a secret never reaches a URL. A value of several words
 * (`OPTS="--acl public-read"`) resolves only where commands are read (a public ACL it passes is
 * seen), never into a URL. A variable whose assignment in force at the use is anything else stays
 * a placeholder, which names no bucket.
 */
import { countBefore, hasPlaceholder } from '@posture/model';
import { findUrlRefs, type RawRef } from '../find-refs.js';
import { namedBucket, type SourceFile } from '../files/analysis.js';
import { NODE_SCRIPT } from '../node-scripts.js';
import { isWithin, type Span, type StructuredDoc } from '../structured/doc.js';
import {
  APPVEYOR,
  AZURE_PIPELINES,
  BITBUCKET,
  BUILDKITE,
  BUILDSPEC,
  callInputs,
  CIRCLECI,
  CLOUDBUILD,
  type CiVariables,
  DRONE,
  GITHUB_ACTION,
  GITHUB_WORKFLOW,
  GITLAB_CI,
  GORELEASER,
  TASKFILE,
  TRAVIS,
} from './ci.js';
import { batchAssignments, batchEnvironment, batchSubstitutions, batchUses } from './batch.js';
import { composeSubstitutions } from './compose.js';
import { ciEnvironments, ciShells, ciSubstitutions, type ShellScripts } from './ci-reader.js';
import {
  MAX_RESOLVED_GROWTH,
  oneWord,
  shellUses,
  substituted,
  type Given,
  type Resolver,
  type Substitution,
} from './common.js';
import {
  dockerEnvironments,
  dockerSubstitutions,
  earthfileEnvironments,
  earthfileSubstitutions,
} from './dockerfile.js';
import { jenkinsEnvironments, jenkinsSubstitutions } from './jenkins.js';
import { jsSubstitutions } from './js.js';
import { justEnvironments, justSubstitutions } from './just.js';
import { makeEnvironment, makeSubstitutions } from './make.js';
import { npmEnvironments, npmSubstitutions } from './npm.js';
import { powershellSubstitutions, powershellUses } from './powershell.js';
import {
  firstPassed,
  keepsArguments,
  passedAlong,
  shellAssignments,
  shellSubstitutions,
  type Sourcing,
} from './shell.js';

/** Where each CI file type keeps its variables. */
export const CI_VARIABLES: Readonly<Record<string, CiVariables>> = {
  'github-workflow': GITHUB_WORKFLOW,
  'gitlab-ci': GITLAB_CI,
  circleci: CIRCLECI,
  drone: DRONE,
  woodpecker: DRONE,
  buildkite: BUILDKITE,
  'azure-pipelines': AZURE_PIPELINES,
  travis: TRAVIS,
  appveyor: APPVEYOR,
  'bitbucket-pipelines': BITBUCKET,
  cloudbuild: CLOUDBUILD,
  buildspec: BUILDSPEC,
  taskfile: TASKFILE,
  goreleaser: GORELEASER,
  'github-action': GITHUB_ACTION,
};

/**
 * The resolver of a file that others call with inputs (a composite action, a reusable workflow):
 * read alone, its inputs are their defaults; a step or job that uses it gives its own, and a run of
 * a matrix job its combination's values.
 */
const called =
  (type: string, variables: CiVariables): Resolver =>
  (text, doc, span, given, sourcings) => {
    const inputs = new Map([...callInputs(type, doc?.data), ...(given ?? [])]);
    return doc ? ciSubstitutions(text, doc, variables, span, inputs, sourcings) : [];
  };

/** A CI file's resolver: its variables as `variables` says it keeps them. */
const ci =
  (variables: CiVariables): Resolver =>
  (text, doc, span, given, sourcings) =>
    doc ? ciSubstitutions(text, doc, variables, span, given, sourcings) : [];

/**
 * A script's resolver: its assignments and those of the scripts it sources, over the environment
 * it is run with (`given`); of a part of it, a function's body, those the part makes over the
 * values its call gives.
 */
const script: Resolver = (text, _doc, span, environment, sourcings) =>
  shellSubstitutions(text, (name) => environment?.get(name), sourcings, span);

/** A PowerShell script's resolver: see `powershellSubstitutions`. */
const powershell: Resolver = (text, _doc, _span, environment, sourcings) =>
  powershellSubstitutions(text, environment, sourcings);

/** A PowerShell script, whatever type its name gives it (`release.ps1`, `install.ps1`). */
const POWERSHELL_SCRIPT = /\.ps1$/i;

/** The configurations read as JavaScript (see files/js-config.ts), by their file types. */
const JS_CONFIG_TYPES: ReadonlySet<string> = new Set(
  [
    ...['webpack', 'vite', 'rollup', 'esbuild', 'tsup', 'next', 'vue', 'nuxt', 'astro', 'svelte'],
    ...['bundler', 'storybook', 'gatsby'],
  ].map((name) => `${name}-config`),
);
/**
 * The configurations whose type is written as JSON or YAML too, read as JavaScript when they are
 * (Expo's `app.config.js`, `electron-builder.config.js`).
 */
const JS_WRITTEN_TYPES: ReadonlySet<string> = new Set(['expo', 'electron-builder']);
const JS_SOURCE = /\.[cm]?[jt]s$/;

/** Whether a build file is a configuration written in JavaScript or TypeScript. */
export function isJsConfig(file: Pick<SourceFile, 'fileType' | 'path'>): boolean {
  return (
    JS_CONFIG_TYPES.has(file.fileType) ||
    (JS_WRITTEN_TYPES.has(file.fileType) && JS_SOURCE.test(file.path))
  );
}

const RESOLVERS: Readonly<Record<string, Resolver>> = {
  // A Makefile's sourcings are the makefiles it includes (`makeInclusions`).
  makefile: (text, _doc, _span, _given, inclusions) => makeSubstitutions(text, inclusions),
  justfile: (text) => justSubstitutions(text),
  shell: script,
  // The commands Terraform provisioners and Terragrunt hooks run (`extractCommandLinks`); no .tf
  // or terragrunt.hcl file is read here.
  terraform: script,
  terragrunt: script,
  'install-script': script,
  batch: (text, _doc, _span, environment) => batchSubstitutions(text, environment),
  // dotenv-expand, which Vite and Next.js apply, expands `${NAME}` as a shell would.
  dotenv: (text) => shellSubstitutions(text),
  // A compose file's sourcings are what the `.env` beside it assigns (`composeSourcings`).
  'docker-compose': (text, _doc, _span, _given, sourcings) => composeSubstitutions(text, sourcings),
  dockerfile: (text, _doc, _span, _given, _sourcings, outgrown) =>
    dockerSubstitutions(text, outgrown),
  earthfile: (text, _doc, _span, _given, _sourcings, outgrown) =>
    earthfileSubstitutions(text, outgrown),
  jenkinsfile: (text) => jenkinsSubstitutions(text),
  'package.json': (text, doc) => npmSubstitutions(text, doc),
  // A script's names that hold part of a link (`` `https://${BUCKET}.s3.amazonaws.com/` ``); one
  // holding a whole link is one where it is assigned, and a URL made of it the same link again.
  [NODE_SCRIPT]: (text) => jsSubstitutions(text).filter((sub) => !isALink(sub.value)),
  ...Object.fromEntries(Object.entries(CI_VARIABLES).map(([type, v]) => [type, ci(v)])),
  circleci: called('circleci', CIRCLECI),
  'github-action': called('github-action', GITHUB_ACTION),
  'github-workflow': called('github-workflow', GITHUB_WORKFLOW),
};

/** Whether a value is a link itself, found where it is written. */
function isALink(value: string): boolean {
  return findUrlRefs(value, []).length > 0;
}

/** The files whose variables' values were made up to `MAX_RESOLVED_GROWTH`, and no further. */
const outgrownFiles = new WeakSet<SourceFile>();

/**
 * The placeholders of a file that its own variables resolve, in order, and those the place is
 * `given` (see `Given`): a script's, the environment it is run with. What the scripts it sources
 * assign (`sourcings`) is its own from where it sources them.
 */
export function fileSubstitutions(
  file: SourceFile,
  doc: StructuredDoc | undefined,
  span: Span = { start: 0, end: file.text.length },
  given?: Given,
  sourcings?: readonly Sourcing[],
): readonly Substitution[] {
  const outgrown = () => void outgrownFiles.add(file);
  const resolve = POWERSHELL_SCRIPT.test(file.path)
    ? powershell
    : isJsConfig(file)
      ? jsSubstitutions
      : RESOLVERS[file.fileType];
  return resolve?.(file.text, doc, span, given, sourcings, outgrown) ?? [];
}

/** The variables a place passes to the process its command at an offset starts, asked in order. */
export type Passes = (offset: number, sourced: boolean) => Given;

/**
 * The environment of the processes that build files other than CI files and scripts start, at
 * each offset asked for in order: what make and just export to their recipes, a Dockerfile's (an
 * Earthfile's) `ARG` and `ENV` in force at a `RUN`, a Jenkinsfile's `environment {}` and `withEnv`
 * around a step, npm's variables of the package in a package.json script.
 */
const ENVIRONMENTS: Readonly<
  Record<
    string,
    (
      text: string,
      wanted: (name: string) => boolean,
      doc: StructuredDoc | undefined,
    ) => (offset: number) => Given
  >
> = {
  makefile: (text) => {
    const environment = makeEnvironment(text);
    return () => environment;
  },
  justfile: justEnvironments,
  dockerfile: dockerEnvironments,
  earthfile: earthfileEnvironments,
  jenkinsfile: jenkinsEnvironments,
  'package.json': (_text, _wanted, doc) => npmEnvironments(doc),
};

/** The files read as shell scripts. */
export const SHELL_TYPES: ReadonlySet<string> = new Set(['shell', 'install-script']);

/**
 * The names of the environment variables a script reads, which the places that run it pass: a
 * shell script's `$NAME`, a PowerShell script's `$env:NAME` and a batch file's `%NAME%` (in lower
 * case: see `powershellUses`, `batchUses`).
 */
export function environmentNamesRead(file: SourceFile): string[] {
  if (file.fileType === 'batch') return batchUses(file.text).map((u) => u.name);
  if (POWERSHELL_SCRIPT.test(file.path)) {
    return powershellUses(file.text).flatMap(({ name }) =>
      name.startsWith('env:') ? [name.slice('env:'.length)] : [],
    );
  }
  return SHELL_TYPES.has(file.fileType) ? shellUses(file.text).map((u) => u.name) : [];
}

/**
 * Whether the places that run a file give it the words after its path as its positional
 * parameters: a shell script (not PowerShell) that reads them as it is given them
 * (`keepsArguments`).
 */
export function takesArguments(file: SourceFile): boolean {
  return isShellScript(file) && keepsArguments(file.text);
}

/** Whether a file is read as a POSIX shell script: a shell or install script, not PowerShell. */
export function isShellScript(file: Pick<SourceFile, 'fileType' | 'path'>): boolean {
  return SHELL_TYPES.has(file.fileType) && !POWERSHELL_SCRIPT.test(file.path);
}

/**
 * The shells that run a build file's scripts, where the file says what runs in one: a shell
 * script's, a CI file's (`ciShells`); none for other files, each line of whose commands runs in a
 * shell of its own (a Makefile's recipe lines).
 */
export function scriptShells(
  text: string,
  fileType: string,
  doc: StructuredDoc | undefined,
): ShellScripts[] {
  if (SHELL_TYPES.has(fileType)) return [{ spans: [{ start: 0, end: text.length }] }];
  const variables = CI_VARIABLES[fileType];
  return variables && doc ? ciShells(text, doc, variables) : [];
}

/** Where a file's variables are read again as the environment of the scripts it runs. */
export interface PassedFrom {
  readonly file: SourceFile;
  readonly doc: StructuredDoc | undefined;
  readonly span: Span;
  /** The variables the place is given (see `Given`): a script's, the environment it is run with. */
  readonly given?: Given;
  readonly sourcings: readonly Sourcing[];
  /** Told when a place gives more of the variables wanted than the `MAX_PASSED` passed. */
  readonly cut?: () => void;
}

/**
 * The variables a file passes to the processes its commands within `span` start (the scripts it
 * runs), asked for in order of their offsets: a CI file's job, step and global variables there, as
 * `doc` places the offset, and those its script exports before it; a script's environment (`given`)
 * and what it exports; other build files' (`ENVIRONMENTS`). A script it sources runs in its shell
 * and sees all of its variables. Only the variables `wanted` are passed: those the scripts use.
 */
export function environmentsAlong(
  { file, doc, span, given = new Map(), sourcings, cut }: PassedFrom,
  wanted: (name: string) => boolean,
): Passes {
  const variables = CI_VARIABLES[file.fileType];
  if (variables && doc)
    return ciEnvironments(file.text, doc, variables, span, given, sourcings, wanted, cut);
  if (SHELL_TYPES.has(file.fileType)) {
    const assignments = shellAssignments(file.text, span, sourcings);
    const outside = (name: string) => given.get(name);
    return passedAlong(
      file.text,
      [span],
      assignments,
      given.keys(),
      outside,
      wanted,
      undefined,
      cut,
    );
  }
  if (file.fileType === 'batch') {
    const inherited = batchEnvironment(given);
    const assignments = batchAssignments(file.text);
    const outside = (name: string) => inherited.get(name);
    return passedAlong(
      file.text,
      [span],
      assignments,
      inherited.keys(),
      outside,
      wanted,
      batchUses,
      cut,
    );
  }
  const environmentAt = ENVIRONMENTS[file.fileType]?.(file.text, wanted, doc);
  if (!environmentAt) return () => new Map();
  return (offset) =>
    new Map(
      firstPassed(
        [...environmentAt(offset)].filter(([name]) => wanted(name)),
        cut,
      ),
    );
}

/**
 * The storage references `find` finds within `span` once the file's own variables are resolved,
 * and only those: a reference found without resolving anything is already found from the text as
 * written. Past `MAX_RESOLVED_GROWTH` the rest of the span is read as written, and `cut` is called,
 * as it is when the file's resolver made its values only up to that (`outgrownFiles`).
 */
export function resolvedRefs(
  file: SourceFile,
  substitutions: readonly Substitution[],
  find: (text: string) => RawRef[],
  span: Span = { start: 0, end: file.text.length },
  cut: () => void = () => {},
): RawRef[] {
  if (outgrownFiles.has(file)) cut();
  const words = oneWord(substitutions).filter((sub) => isWithin(sub, span));
  if (words.length === 0) return [];
  const { text, original } = substitute(file.text, bounded(words, cut), span);
  return find(text)
    .map((ref) => ({ ref, at: original(ref.start, ref.end) }))
    .filter(({ at }) => at.resolved)
    .map(({ ref, at }) => ({ ...ref, start: at.start, end: at.end }));
}

/**
 * A field's reference as its variables resolve it (`AWS_S3_BUCKET: ${{ env.BUCKET }}`). A
 * placeholder that stays in its bucket part (`${{ secrets.BUCKET }}`) leaves it a placeholder
 * reference, which names no bucket (one that stays in the path, `releases/${{ github.ref_name }}`,
 * leaves the bucket known); undefined when the value resolves to no bucket name. Other references,
 * and a placeholder the code computes, are kept as they are.
 */
export function resolvedFieldRef(
  ref: RawRef,
  text: string,
  substitutions: readonly Substitution[],
): RawRef | undefined {
  if (!ref.placeholder || ref.computed) return ref;
  const value = substituted(text, oneWord(substitutions), ref.start, ref.end);
  const bucket = namedBucket(value, ref.service);
  if (bucket === undefined) return hasPlaceholder(value) ? { ...ref, text: value } : undefined;
  const { placeholder: _resolved, ...resolved } = ref;
  return { ...resolved, text: value, bucket };
}

/** The substitutions (in order) made until they add `MAX_RESOLVED_GROWTH` characters; `cut` if any are left. */
function bounded(substitutions: readonly Substitution[], cut: () => void): readonly Substitution[] {
  let growth = 0;
  let within = 0;
  for (const sub of substitutions) {
    growth += sub.value.length - (sub.end - sub.start);
    if (growth > MAX_RESOLVED_GROWTH) break;
    within++;
  }
  if (within < substitutions.length) cut();
  return substitutions.slice(0, within);
}

/** The text within `span` with the substitutions made, and where a span of it is written in the file. */
function substitute(
  text: string,
  substitutions: readonly Substitution[],
  span: Span,
): {
  text: string;
  original(start: number, end: number): { start: number; end: number; resolved: boolean };
} {
  const parts: string[] = [];
  // Each substitution's place in the new text, with the file offsets it replaces.
  const placed: { from: number; to: number; sub: Substitution }[] = [];
  let last = span.start;
  let length = 0;
  for (const sub of substitutions) {
    parts.push(text.slice(last, sub.start));
    length += sub.start - last;
    placed.push({ from: length, to: length + sub.value.length, sub });
    parts.push(sub.value);
    length += sub.value.length;
    last = sub.end;
  }
  parts.push(text.slice(last, span.end));
  // The last substitution placed before `offset` in the new text, by binary search.
  const before = (offset: number): number => countBefore(placed, (p) => p.from < offset) - 1;
  // A position inside a value maps to the placeholder's start (or, for an end, its end).
  const map = (offset: number, isEnd: boolean): number => {
    const p = placed[before(offset)];
    if (!p) return span.start + offset;
    if (offset < p.to) return isEnd ? p.sub.end : p.sub.start;
    return offset + p.sub.end - p.to;
  };
  return {
    text: parts.join(''),
    original: (start, end) => {
      const p = placed[before(end)];
      return {
        start: map(start, false),
        end: map(end, true),
        // Some value lies inside the span: the last one starting before its end, ending after its start.
        resolved: p !== undefined && p.to > start,
      };
    },
  };
}
