/**
 * GitHub Actions workflows and actions (`action.yml`). Release context: a workflow triggered by
 * `release` or by tag pushes, a job or step whose id or name says release/publish/deploy/upload, a
 * job or step whose `if:` runs it for tags or releases (`runsForTags`). Upload actions name their
 * bucket in inputs rather than URLs: s3-sync-action and its forks (`AWS_S3_BUCKET`, public with
 * `--acl public-read` in `args`), upload-cloud-storage (`destination`, public with `predefinedAcl:
 * publicRead`), wrangler-action (`command: r2 object put bucket/key`, or `r2 bucket dev-url enable
 * bucket`, which opens it) and shallwefootball's s3-upload-action (`aws_bucket`, always public);
 * other actions named for uploads by an input named for the bucket. Actions that run the aws CLI
 * on their inputs (ItsKarma/aws-cli, keithweaver/aws-s3-github-action) are read as that command.
 */
import { posix } from 'node:path';
import { aclUsage, awsCommandWords, awsSyncArgsArePublic, isPublicAcl } from '../commands.js';
import { endpointService, endpointServiceIn } from '../endpoint.js';
import { findCommandRefs, type RawRef } from '../find-refs.js';
import { WRITTEN_BUCKET } from '../placeholder-refs.js';
import { releaseName, releaseStepOf, type StepFact } from '../names.js';
import { leavesRoot } from '../paths.js';
import { entriesAt, isRecord, valueAt, type Path, type StructuredDoc } from '../structured/doc.js';
import { r2BucketCommand, r2ObjectCommand } from '../url-patterns.js';
import {
  allReadings,
  fieldRef,
  isDefined,
  refsWritten,
  type Analyzer,
  type RefContext,
} from './analysis.js';
import { dispatchReadings } from './github-dispatch.js';
import { runsForTags } from './github-conditions.js';
import { matrixReadings } from './github-matrix.js';

const ENDPOINT_KEYS = ['env', 'with'];

/**
 * wrangler-action's `command` holds wrangler's arguments, without the word `wrangler`; the bucket
 * may be a placeholder, which a reading resolves (a matrix run's value).
 */
const ACTION_R2_COMMANDS = [
  r2ObjectCommand(String.raw`(?<![\w-])`, 'g', WRITTEN_BUCKET),
  r2BucketCommand(String.raw`(?<![\w-])`, WRITTEN_BUCKET),
];

export const analyzeWorkflow: Analyzer = ({ file, doc }) => {
  if (!doc) return {};
  const data = doc.data;
  const steps = entriesAt(data, ['jobs']).flatMap(([job]) => entriesAt(data, [...job, 'steps']));
  return {
    context: (_offset, path) => workflowContext(data, path),
    refs: steps.flatMap(([step]) => uploadActionRefs(file.text, doc, step)),
    ...allReadings(matrixReadings(data), dispatchReadings(data)),
  };
};

export const analyzeAction: Analyzer = ({ file, doc }) => {
  if (!doc) return {};
  const data = doc.data;
  return {
    context: (_offset, path) => {
      const step = path?.[0] === 'runs' && path[1] === 'steps' ? path.slice(0, 3) : undefined;
      const argv = step && path?.[3] === 'with' ? awsCliArgv(data, step) : undefined;
      return {
        releaseStep: releaseStepOf(
          releaseName(valueAt(data, ['name'])),
          ...(step ? stepFacts(data, step) : []),
        ),
        ...endpointServiceIn(data, [[], ...(step ? [step] : [])], ENDPOINT_KEYS),
        ...(argv && { argv }),
      };
    },
    refs: entriesAt(data, ['runs', 'steps']).flatMap(([step]) =>
      uploadActionRefs(file.text, doc, step),
    ),
  };
};

function workflowContext(data: unknown, path: Path | undefined): RefContext {
  const job = path?.[0] === 'jobs' && path.length >= 2 ? path.slice(0, 2) : undefined;
  const step =
    job && path?.[2] === 'steps' && typeof path[3] === 'number' ? path.slice(0, 4) : undefined;
  const releaseStep = releaseStepOf(
    triggeredByRelease(valueAt(data, ['on'])) && 'release',
    ...(job ? jobFacts(data, job) : []),
    ...(step ? stepFacts(data, step) : []),
  );
  // An endpoint in the `env` (or a step's `with`) of the workflow, job or step decides what `s3://` names.
  const scopes = [[], ...(job ? [job] : []), ...(step ? [step] : [])];
  const argv = step && path?.[4] === 'with' ? awsCliArgv(data, step) : undefined;
  return { releaseStep, ...endpointServiceIn(data, scopes, ENDPOINT_KEYS), ...(argv && { argv }) };
}

/** Actions that run the aws CLI on their inputs: the arguments each gives it. */
const AWS_CLI_ACTIONS: readonly [RegExp, (inputs: Record<string, unknown>) => unknown[]][] = [
  // `args` is the command line without the word `aws`.
  [/^itskarma\/aws-cli@/i, (inputs) => [inputs.args]],
  // `aws s3 <command> <source> <destination> <flags>`.
  [
    /^keithweaver\/aws-s3-github-action@/i,
    (inputs) => ['s3', inputs.command, inputs.source, inputs.destination, inputs.flags],
  ],
];

/**
 * The command line an aws CLI action runs, read as the command around the references in its
 * inputs: its destination is an upload, public with `--acl public-read`.
 */
function awsCliArgv(data: unknown, step: Path): RefContext['argv'] {
  const uses = valueAt(data, [...step, 'uses']);
  const inputs = valueAt(data, [...step, 'with']);
  const action = AWS_CLI_ACTIONS.find(([name]) => typeof uses === 'string' && name.test(uses));
  if (!action || !isRecord(inputs)) return undefined;
  return { words: awsCommandWords(action[1](inputs)) };
}

function triggeredByRelease(on: unknown): boolean {
  if (on === 'release') return true;
  if (Array.isArray(on)) return on.includes('release');
  if (!isRecord(on)) return false;
  return 'release' in on || (isRecord(on.push) && 'tags' in on.push);
}

/**
 * What a job's id, name and condition say of it, each apart, to be weighed with what its steps'
 * say: a job named `docs` makes no deploy step of its step named `Deploy`.
 */
function jobFacts(data: unknown, job: Path): StepFact[] {
  return [
    releaseName(job[1]),
    releaseName(valueAt(data, [...job, 'name'])),
    runsForTags(valueAt(data, [...job, 'if'])) && 'release',
  ];
}

function stepFacts(data: unknown, step: Path): StepFact[] {
  return [
    releaseName(valueAt(data, [...step, 'name'])),
    releaseName(valueAt(data, [...step, 'id'])),
    runsForTags(valueAt(data, [...step, 'if'])) && 'release',
  ];
}

/** A step that uses an action: what it uses, where, in which file. */
interface ActionStep {
  readonly text: string;
  readonly doc: StructuredDoc;
  readonly step: Path;
  readonly uses: string;
}

/** Upload actions that name their bucket in their own way, by what they are (`owner/name@ref`). */
const UPLOAD_ACTIONS: readonly [RegExp, (action: ActionStep) => RawRef[]][] = [
  // s3-sync-action and its forks run `aws s3 sync` to `AWS_S3_BUCKET` with `args`.
  [/s3-sync-action|github-action-s3-upload|^awact\/s3-action@/i, s3SyncRefs],
  [/upload-cloud-storage/i, gcsUploadRefs],
  [/wrangler-action/i, wranglerActionRefs],
  // It uploads every file with `ACL: 'public-read'`, which no input changes.
  [/^shallwefootball\/(?:s3-upload|upload-s3)-action@/i, (action) => uploaderRefs(action, true)],
];

function uploadActionRefs(text: string, doc: StructuredDoc, step: Path): RawRef[] {
  const uses = valueAt(doc.data, [...step, 'uses']);
  if (typeof uses !== 'string') return [];
  const action = { text, doc, step, uses };
  const known = UPLOAD_ACTIONS.find(([name]) => name.test(uses));
  if (known) return known[1](action);
  if (UPLOADER.test(uses) && !NOT_UPLOADER.test(uses)) return uploaderRefs(action, false);
  return [];
}

/** An action whose name says it moves files to storage: `s3-upload-action`, `r2-upload-action`. */
const UPLOADER = /upload|sync|deploy|publish|s3|r2|gcs|storage|bucket/i;
/** Actions whose bucket holds Terraform state or a cache, not what the build ships. */
const NOT_UPLOADER = /terraform|tofu|tfstate|backend|cache/i;
/** Inputs that name the destination bucket: `bucket`, `aws_bucket`, `bucket-name`, `r2-bucket`. */
const BUCKET_INPUT =
  /^(?:(?:aws|s3|r2|gcs|gcp|dest(?:ination)?|target|upload)[_-]?)?bucket(?:[_-]?name)?$/i;
const ACL_INPUT = /^(?:[\w-]*[_-])?acl$/i;

/**
 * Other upload actions, of which there are many, each with its own inputs: an input named for the
 * bucket is where it uploads (public when an `acl` input says so). The service is R2 or GCS when the
 * action or the input says it, S3 otherwise.
 */
function uploaderRefs({ doc, step, uses }: ActionStep, alwaysPublic: boolean): RawRef[] {
  return ['with', 'env'].flatMap((key) => {
    const values = valueAt(doc.data, [...step, key]);
    const inputs = isRecord(values) ? Object.entries(values) : [];
    const isPublic =
      alwaysPublic || inputs.some(([name, value]) => ACL_INPUT.test(name) && isPublicAcl(value));
    return inputs
      .filter(([name]) => BUCKET_INPUT.test(name))
      .map(([name]) => {
        const named = `${uses} ${name}`;
        const service = /r2/i.test(named) ? 'r2' : /gcs|gcp|google/i.test(named) ? 'gcs' : 's3';
        return fieldRef(doc, [...step, key, name], service, isPublic ? 'public-upload' : 'upload');
      })
      .filter(isDefined);
  });
}

function s3SyncRefs({ doc, step }: ActionStep): RawRef[] {
  const data = doc.data;
  const usage = awsSyncArgsArePublic(valueAt(data, [...step, 'with', 'args']))
    ? 'public-upload'
    : 'upload';
  const service = endpointService(valueAt(data, [...step, 'env', 'AWS_S3_ENDPOINT'])) ?? 's3';
  return ['env', 'with']
    .map((key) => fieldRef(doc, [...step, key, 'AWS_S3_BUCKET'], service, usage))
    .filter(isDefined);
}

function gcsUploadRefs({ doc, step }: ActionStep): RawRef[] {
  const acl = valueAt(doc.data, [...step, 'with', 'predefinedAcl']);
  const ref = fieldRef(doc, [...step, 'with', 'destination'], 'gcs', aclUsage(acl));
  return ref ? [ref] : [];
}

function wranglerActionRefs({ text, doc, step }: ActionStep): RawRef[] {
  return ['command', 'commands'].flatMap((key) =>
    refsWritten(doc, [...step, 'with', key], (written) => {
      const span = doc.valueSpan(written);
      return span ? ACTION_R2_COMMANDS.flatMap((regex) => findCommandRefs(text, span, regex)) : [];
    }),
  );
}

/**
 * A step that uses an action of the repository (`uses: ./.github/actions/publish`), or a job that
 * calls a reusable workflow of the repository (`uses: ./.github/workflows/upload.yml`): the files
 * the action or workflow may be kept in, from the repository's top, which is where the runner
 * resolves `./`, and the type of file it must be. One of another repository (`org/repo/…@ref`) is
 * not read.
 */
export interface LocalCall {
  /** The step or the job. */
  readonly at: Path;
  /** The files it may run; none when its path leads out of the repository (`./../x`). */
  readonly files: readonly string[];
  readonly type: 'github-action' | 'github-workflow';
  /** Its path leads out of the repository, where nothing is read. */
  readonly outside?: true;
}

/**
 * The steps of a workflow (`jobs.*.steps`) or composite action (`runs.steps`) that use a local
 * action, and the jobs of a workflow that call a local reusable workflow.
 */
export function localCalls(data: unknown): readonly LocalCall[] {
  if (typeof data !== 'object' || data === null) return [];
  let found = calls.get(data);
  if (!found) calls.set(data, (found = callsIn(data)));
  return found;
}

/** Each file's calls, found once: its readings for the steps and jobs that call it ask again. */
const calls = new WeakMap<object, readonly LocalCall[]>();

function callsIn(data: unknown): LocalCall[] {
  const steps = [
    ...entriesAt(data, ['jobs']).flatMap(([job]) => entriesAt(data, [...job, 'steps'])),
    ...entriesAt(data, ['runs', 'steps']),
  ];
  const jobs = entriesAt(data, ['jobs']);
  return [
    ...steps.flatMap(([step]) =>
      localPath(valueAt(data, [...step, 'uses'])).map((dir) =>
        call(step, 'github-action', dir, (d) =>
          ['action.yml', 'action.yaml'].map((name) => posix.join(d, name)),
        ),
      ),
    ),
    ...jobs.flatMap(([job]) =>
      localPath(valueAt(data, [...job, 'uses'])).map((file) =>
        call(job, 'github-workflow', file, (f) => [f]),
      ),
    ),
  ];
}

/** The call at `at` of the path `uses` names, the files it may run when it stays inside. */
function call(
  at: Path,
  type: LocalCall['type'],
  path: string,
  files: (path: string) => string[],
): LocalCall {
  return path !== '.' && leavesRoot(path)
    ? { at, files: [], type, outside: true }
    : { at, files: files(path), type };
}

/** The path a `uses:` of the repository (`./…`) names, normalised. */
function localPath(uses: unknown): string[] {
  return typeof uses === 'string' && uses.startsWith('./') ? [posix.normalize(uses)] : [];
}
