/**
 * CI systems whose pipelines nest named stages, jobs and steps: Bitbucket Pipelines, Azure
 * Pipelines, Travis CI, AppVeyor, Drone and Buildkite, and Taskfiles. A reference is in a release step when a
 * stage, job or step holding it is keyed or named release/publish/deploy/upload, or when the system
 * says that part deploys or runs for tags. The upload steps that name their bucket in a field rather
 * than a URL (a Bitbucket pipe, a Travis or AppVeyor deploy, a Drone plugin, Azure's S3Upload task) are
 * references too.
 */
import type { ReleaseStep } from '@posture/model';
import {
  aclUsage,
  agentUploadUsage,
  awsCommandWords,
  awsSyncArgsArePublic,
  type Environment,
  type UploadUsage,
} from '../commands.js';
import { endpointService } from '../endpoint.js';
import type { RawRef } from '../find-refs.js';
import { releaseName, releaseStepOf, type StepFact } from '../names.js';
import {
  formatPath,
  isRecord,
  recordsIn,
  stringAt,
  valueAt,
  type Path,
  type StructuredDoc,
} from '../structured/doc.js';
import { parseStarlarkLiterals } from '../structured/starlark.js';
import type { Service } from '../url-patterns.js';
import { travisEnvEntries, travisPairs, travisVariable } from '../variables/ci.js';
import { fieldRef, isDefined, valueRef, type Analyzer, type RefContext } from './analysis.js';
import { configurationAt, configurationReadings } from './appveyor-for.js';
import { callAt, callReadings } from './task-calls.js';

interface Pipeline {
  /** Keys whose value names the stage, job or step that holds them. */
  readonly names: readonly string[];
  /** Whether the mapping at `path` runs for tags (a release step) or deploys, whatever its name. */
  readonly releases?: (node: Record<string, unknown>, path: Path) => ReleaseStep;
  /** The bucket an upload step at `path` names in a field. */
  readonly upload?: (doc: StructuredDoc, node: Record<string, unknown>, path: Path) => RawRef[];
  /** The command line a step runs from its settings, for the references at `path` in them. */
  readonly command?: (data: unknown, path: Path) => RefContext['argv'];
  /** The usage a setting gives the references in it: the place a tool uploads to. */
  readonly usage?: (data: unknown, path: Path) => UploadUsage | undefined;
  /** The environment the commands at `path` run in, as the file states it. */
  readonly environment?: (data: unknown, path: Path) => Environment | undefined;
}

function pipelineAnalyzer(pipeline: Pipeline): Analyzer {
  return ({ doc }) => {
    if (!doc) return {};
    return {
      context: (_offset, path) => {
        const argv = path && pipeline.command?.(doc.data, path);
        const usage = path && pipeline.usage?.(doc.data, path);
        const environment = path && pipeline.environment?.(doc.data, path);
        return {
          releaseStep: path !== undefined && inRelease(doc.data, path, pipeline),
          ...(argv && { argv }),
          ...(usage && { usage }),
          ...(environment && { environment }),
        };
      },
      refs: recordsIn(doc.data).flatMap(([path, node]) => pipeline.upload?.(doc, node, path) ?? []),
    };
  };
}

/**
 * The most that the mappings from the root down to `path` are: a release, or a deploy step (and no
 * site's: what a stage's name says holds for the jobs in it).
 */
function inRelease(data: unknown, path: Path, pipeline: Pipeline): ReleaseStep {
  const facts: StepFact[] = [];
  for (let depth = 0; depth < path.length && !facts.includes('release'); depth++) {
    const at = path.slice(0, depth);
    const node = valueAt(data, at);
    if (!isRecord(node) && !Array.isArray(node)) break;
    if (depth > 0) facts.push(releaseName(at[depth - 1]));
    if (!isRecord(node)) continue;
    facts.push(
      ...pipeline.names.map((key) => releaseName(node[key])),
      pipeline.releases?.(node, at) ?? false,
    );
  }
  return releaseStepOf(...facts);
}

function includes(value: unknown, wanted: string): boolean {
  return Array.isArray(value) ? value.includes(wanted) : value === wanted;
}

/**
 * Bitbucket: `pipelines.tags` runs for tags; a step with `deployment:` deploys. The aws-s3-deploy
 * and google-cloud-storage-deploy pipes name their bucket in `variables`; aws-s3-deploy runs `aws
 * s3 sync` with its `ACL` and the options of its `EXTRA_ARGS`.
 */
export const analyzeBitbucket = pipelineAnalyzer({
  names: ['name'],
  releases: (node, path) =>
    path[0] === 'pipelines' && path[1] === 'tags' && path.length === 2
      ? 'release'
      : 'deployment' in node && 'deploy',
  upload: (doc, node, path) => {
    const pipe = typeof node.pipe === 'string' ? node.pipe : '';
    const variables = isRecord(node.variables) ? node.variables : {};
    const usage = aclUsage(variables.ACL);
    if (/aws-s3-deploy/.test(pipe)) {
      const sync = awsSyncArgsArePublic(variables.EXTRA_ARGS) ? 'public-upload' : usage;
      return refAt(doc, [...path, 'variables', 'S3_BUCKET'], 's3', sync);
    }
    if (/google-cloud-storage-deploy/.test(pipe))
      return refAt(doc, [...path, 'variables', 'BUCKET'], 'gcs', usage);
    return [];
  },
});

/**
 * Azure Pipelines: a `deployment:` job deploys. The AWS Toolkit's S3Upload task names its bucket
 * in `inputs.bucketName` (public with `filesAcl: public-read`); its AWSCLI task runs `aws
 * <awsCommand> <awsSubCommand> <awsArguments>`, read as that command.
 */
export const analyzeAzurePipelines = pipelineAnalyzer({
  names: ['displayName', 'stage', 'job', 'deployment'],
  releases: (node) => 'deployment' in node && 'deploy',
  upload: (doc, node, path) => {
    if (typeof node.task !== 'string' || !/(?:^|\.)S3Upload@/i.test(node.task)) return [];
    const inputs = isRecord(node.inputs) ? node.inputs : {};
    return refAt(doc, [...path, 'inputs', 'bucketName'], 's3', aclUsage(inputs.filesAcl));
  },
  command: (data, path) => {
    const at = path.lastIndexOf('inputs');
    const task = at > 0 ? valueAt(data, path.slice(0, at)) : undefined;
    if (!isRecord(task) || typeof task.task !== 'string' || !/(?:^|\.)AWSCLI@/i.test(task.task))
      return undefined;
    const inputs = isRecord(task.inputs) ? task.inputs : {};
    const { awsCommand, awsSubCommand, awsArguments } = inputs;
    return { words: awsCommandWords([awsCommand, awsSubCommand, awsArguments]) };
  },
});

/**
 * Travis CI: `deploy` (and the commands before and after it) is the release step; its S3 and GCS
 * providers name their bucket in `bucket` (public with `acl: public_read`). The artifacts addon
 * uploads too.
 */
export const analyzeTravis = pipelineAnalyzer({
  names: ['name', 'stage'],
  releases: (_node, path) =>
    path.length === 1 && /^(?:before_|after_)?deploy$/.test(`${path[0]}`) && 'deploy',
  upload: (doc, node, path) => {
    if (path.length === 0) return travisArtifacts(doc);
    const service = node.provider === 's3' ? 's3' : node.provider === 'gcs' ? 'gcs' : undefined;
    if (!service) return [];
    return refAt(doc, [...path, 'bucket'], service, aclUsage(node.acl));
  },
});

/**
 * Travis's artifacts addon uploads a job's files to S3 when it ends. Each of its keys is the
 * uploader's `ARTIFACTS_<KEY>` variable, which `env:` can set instead: the bucket is `bucket` or
 * ARTIFACTS_BUCKET, and the objects' ACL `permissions` or ARTIFACTS_PERMISSIONS (private unless
 * set). A bucket set in `env:` is the reference where its value is written, when the entry is
 * written as it reads (no escapes).
 */
function travisArtifacts(doc: StructuredDoc): RawRef[] {
  const addon = valueAt(doc.data, ['addons', 'artifacts']);
  if (addon !== true && !isRecord(addon)) return [];
  const settings = isRecord(addon) ? addon : {};
  const acl = settings.permissions ?? travisVariable(doc.data, 'ARTIFACTS_PERMISSIONS');
  const usage = aclUsage(acl);
  if (settings.bucket !== undefined)
    return refAt(doc, ['addons', 'artifacts', 'bucket'], 's3', usage);
  return travisEnvEntries(doc.data).flatMap((path) => {
    const entry = stringAt(doc.data, path);
    const span = doc.scalarSpan(path);
    if (entry === undefined || span === undefined || span.end - span.start !== entry.length)
      return [];
    return travisPairs(entry)
      .filter(({ name }) => name === 'ARTIFACTS_BUCKET')
      .map(({ value, at }) => {
        const start = span.start + at;
        return valueRef({ start, end: start + value.length }, value, 's3', usage);
      })
      .filter(isDefined);
  });
}

const appveyorPipeline = pipelineAnalyzer({
  names: ['name'],
  releases: (node, path) => {
    const forTags =
      (path.length === 0 && isTrue(node.skip_non_tags)) ||
      (isRecord(node.on) &&
        Object.entries(node.on).some(
          ([key, on]) => /^appveyor_repo_tag$/i.test(key) && isTrue(on),
        ));
    return forTags && 'release';
  },
  upload: (doc, node, path) => {
    if (typeof node.provider !== 'string' || !/^s3$/i.test(node.provider)) return [];
    const usage = isTrue(node.set_public) ? 'public-upload' : 'upload';
    return refAt(doc, [...path, 'bucket'], 's3', usage);
  },
});

/**
 * AppVeyor: the deployment (`deploy`, and the scripts before, after and instead of it, all named
 * so) is the release step, as is a whole build that runs only for tags (`skip_non_tags: true`) and
 * whatever runs only for them (`on: { appveyor_repo_tag: true }`). Its S3 provider names its bucket
 * in `bucket`, public with `set_public: true`. A `for:` item runs the common settings it does not
 * replace as its own (`configurationReadings`).
 */
export const analyzeAppveyor: Analyzer = (input) => {
  const analysis = appveyorPipeline(input);
  return {
    ...analysis,
    // A deployment phase written as one script (`deploy_script: …`) is no list its name holds, and
    // one an item runs as the common configuration writes it is not written in the item.
    context: (offset, path) => {
      const context = analysis.context?.(offset, path) ?? {};
      const phase = path?.[configurationAt(path)?.length ?? 0];
      return { ...context, releaseStep: releaseStepOf(context.releaseStep, releaseName(phase)) };
    },
    inherited: configurationReadings(input.doc?.data),
  };
};

/** YAML's `true`, or AppVeyor's string for it. */
function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && /^true$/i.test(value));
}

/**
 * Drone and Woodpecker: a pipeline triggered by tags, releases or promotions, or a step run only
 * for them, is a release step. The s3 plugin (`plugins/s3`, `woodpeckerci/plugin-s3`) names its
 * bucket in `settings.bucket` (an R2 `endpoint` makes it R2), the gcs plugin in `settings.target`
 * (public when its `acl` grants to `allUsers`).
 */
export const analyzeDrone = pipelineAnalyzer({
  names: ['name'],
  releases: (node) => {
    const when = node.trigger ?? node.when;
    // Woodpecker also lists conditions, any of which runs the step.
    const events = (Array.isArray(when) ? when : [when]).flatMap((condition) =>
      isRecord(condition)
        ? [isRecord(condition.event) ? condition.event.include : condition.event]
        : [],
    );
    const on = (...wanted: string[]) =>
      events.some((event) => wanted.some((w) => includes(event, w)));
    if (on('tag', 'release')) return 'release';
    return on('promote', 'deployment') && 'deploy';
  },
  upload: (doc, node, path) => {
    const image = typeof node.image === 'string' ? node.image : '';
    const settings = isRecord(node.settings) ? node.settings : {};
    const usage = aclUsage(settings.acl);
    if (/^(?:plugins\/s3(?:-sync)?|woodpeckerci\/plugin-s3)(?::|$)/.test(image)) {
      const service = endpointService(settings.endpoint) ?? 's3';
      return refAt(doc, [...path, 'settings', 'bucket'], service, usage);
    }
    if (/^plugins\/gcs(?::|$)/.test(image))
      return refAt(doc, [...path, 'settings', 'target'], 'gcs', gcsGrantsUsage(settings.acl));
    return [];
  },
});

/**
 * Drone's Starlark pipelines (`.drone.star`), read for their literals and never run: a pipeline
 * or a step a function returns as a dict literal is read as a Drone one, with its release context
 * and plugin uploads, and each string literal is a script, where commands are read. What the code
 * computes (a variable, a call, a formatted string) is not known.
 */
export const analyzeDroneStarlark: Analyzer = ({ file }) => {
  const literals = parseStarlarkLiterals(file.text);
  const drone = analyzeDrone({ file, doc: literals });
  return {
    context: (offset) => {
      const path = literals.pathAt(offset);
      return {
        ...drone.context?.(offset, path),
        ...(path && path.length > 1 && { field: formatPath(path.slice(1)) }),
      };
    },
    ...(drone.refs && { refs: drone.refs }),
    scriptAt: (offset) => {
      const path = literals.pathAt(offset);
      return path && typeof valueAt(literals.data, path) === 'string'
        ? literals.scalarSpan(path)
        : undefined;
    },
    ...(literals.comments && { comments: literals.comments }),
  };
};

/**
 * The gcs plugin's `acl` lists grants as `entity:role` (`[allUsers:READER]`): the upload is public
 * when one is to everyone.
 */
function gcsGrantsUsage(acl: unknown): UploadUsage {
  const grants = [acl].flat();
  const toEveryone = (grant: unknown) =>
    typeof grant === 'string' && /^all(?:authenticated)?users:/i.test(grant);
  return grants.some(toEveryone) ? 'public-upload' : aclUsage(acl);
}

const taskfilePipeline = pipelineAnalyzer({ names: [] });

/**
 * Taskfile (go-task): a task keyed release/publish/deploy/upload. A task called with `vars:` runs
 * as its call's (`callReadings`), in the release context of the calling task and its own.
 */
export const analyzeTaskfile: Analyzer = (input) => {
  const analysis = taskfilePipeline(input);
  const data = input.doc?.data;
  return {
    ...analysis,
    context: (offset, path) => {
      const context = analysis.context?.(offset, path) ?? {};
      const called = callAt(path, data)?.task;
      return { ...context, releaseStep: releaseStepOf(context.releaseStep, releaseName(called)) };
    },
    ...callReadings(data),
  };
};

/**
 * Buildkite: a step labelled or keyed for release, or run only for tags (`if: build.tag …`). The
 * agent uploads a job's artifacts (`artifact_paths`, `buildkite-agent artifact upload` given no
 * destination) to the BUILDKITE_ARTIFACT_UPLOAD_DESTINATION of the step's or the pipeline's
 * `env:`, with the ACL that env gives the agent; `buildkite-agent artifact upload … s3://…` in a
 * step's `command` or `commands` runs with that env too.
 */
export const analyzeBuildkite = pipelineAnalyzer({
  names: ['label', 'key', 'name'],
  releases: (node) => typeof node.if === 'string' && /\bbuild\.tag\b/.test(node.if) && 'release',
  usage: (data, path) => {
    const last = path.length - 1;
    const destination = valueAt(data, path);
    if (path[last] !== 'BUILDKITE_ARTIFACT_UPLOAD_DESTINATION' || path[last - 1] !== 'env')
      return undefined;
    if (typeof destination !== 'string') return undefined;
    return agentUploadUsage(destination, agentEnvironment(data, path.slice(0, last - 1)));
  },
  environment: (data, path) => {
    const at = path.findLastIndex((key) => key === 'command' || key === 'commands');
    return at > 0 ? agentEnvironment(data, path.slice(0, at)) : undefined;
  },
});

/** The agent's variables a step runs with: its own `env:`, then the pipeline's. */
function agentEnvironment(data: unknown, step: Path): Environment {
  const scopes = [valueAt(data, [...step, 'env']), valueAt(data, ['env'])].filter(isRecord);
  return (name) => scopes.find((env) => name in env)?.[name];
}

function refAt(doc: StructuredDoc, path: Path, service: Service, usage: UploadUsage): RawRef[] {
  return [fieldRef(doc, path, service, usage)].filter(isDefined);
}
