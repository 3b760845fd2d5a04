/**
 * package.json. Scripts named release/publish/deploy/upload (`postpublish`, `prepublishOnly`,
 * `deploy:s3`, …) are release steps, and so is a script that runs one (`npm run release`, `yarn
 * publish:assets`) and one that a release step runs by name (`npm run push:bin` in a tag workflow:
 * `TaskRun`). node-pre-gyp's `binary.host` is where `node-pre-gyp publish` uploads binaries,
 * so it is a release step too (see `binaryHostContext`). electron-builder's `build` section is read
 * like electron-builder.yml, and its uploads are `downloaded` when the app updates itself with
 * electron-updater (`appUpdates`).
 */
import type { ReleaseStep } from '@posture/model';
import { findUrlRefs } from '../find-refs.js';
import { releaseName, releaseStepOf } from '../names.js';
import { isRecord, valueAt, type Path } from '../structured/doc.js';
import type { Analyzer, RefContext } from './analysis.js';
import { electronBuilderRefs, isPublishPath } from './electron-builder.js';

const BUILD: Path = ['build'];

export const analyzePackageJson: Analyzer = ({ doc, appUpdates = false }) => {
  if (!doc) return {};
  const release = releaseScripts(doc.data);
  const binary = binaryHostContext(doc.data);
  return {
    context: (_offset, path) => packageContext(path, release, binary, appUpdates),
    refs: electronBuilderRefs(doc, BUILD),
  };
};

function packageContext(
  path: Path | undefined,
  release: ReadonlyMap<string, ReleaseStep>,
  binary: (host: unknown) => RefContext,
  updates: boolean,
): RefContext {
  if (path?.[0] === 'scripts') {
    const name = String(path[1]);
    return { releaseStep: release.get(name) ?? false, tasks: [name] };
  }
  if (path?.[0] === 'binary') return binary(path[1]);
  const publish = isPublishPath(path, BUILD);
  return { releaseStep: publish && 'release', ...(publish && updates && { downloaded: true }) };
}

/** node-pre-gyp's hosts: `host`, or the two that its `--s3_host` option chooses between. */
const BINARY_HOSTS = new Set(['host', 'staging_host', 'production_host']);

/**
 * A node-pre-gyp host (`binary.host`) is both where `node-pre-gyp publish` uploads the package's
 * binaries and where `node-pre-gyp install` downloads them from on every user's machine. Its
 * publish puts each tarball through the S3 API with a hard-coded `ACL: 'public-read'` that no
 * option changes, so an S3 host is the public upload of a release step, like an upload in a
 * release script: that makes its bucket release-use, and the public ACL is the finding there. One
 * link has one usage: the public upload, marked `downloaded` for the download link it also is,
 * which the rules report instead while the bucket refuses the public ACL. prebuild-install reads `binary.host` only to download, and
 * prebuild uploads to GitHub releases: without node-pre-gyp (its `module_name`/`module_path`, or
 * the package naming it), the host stays a download link.
 */
function binaryHostContext(data: unknown): (key: unknown) => RefContext {
  const binary = asRecord(valueAt(data, ['binary']));
  const publishes = usesNodePreGyp(data, binary);
  const onS3 = (host: unknown) =>
    typeof host === 'string' && findUrlRefs(host, []).some((ref) => ref.service === 's3');
  return (key) => {
    if (typeof key !== 'string' || !BINARY_HOSTS.has(key)) return {};
    if (publishes && onS3(binary[key])) {
      return { releaseStep: 'release', usage: 'public-upload', downloaded: true };
    }
    return { releaseStep: key === 'host' && 'release' };
  };
}

const DEPENDENCIES = ['dependencies', 'devDependencies', 'optionalDependencies'];

function usesNodePreGyp(data: unknown, binary: Record<string, unknown>): boolean {
  if ('module_name' in binary || 'module_path' in binary) return true;
  const named = [
    ...DEPENDENCIES.flatMap((key) => Object.keys(asRecord(valueAt(data, [key])))),
    ...Object.values(scriptsOf(data)),
  ];
  return named.some((text) => /\bnode-pre-gyp\b/.test(text));
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/** `npm run x`, `pnpm x`, `yarn run x`, `bun run x`: the scripts a command runs. */
const RUN_SCRIPT = /\b(?:npm|pnpm|yarn|bun)\s+(?:run(?:-script)?\s+)?([\w:.-]+)/g;

/**
 * What each script is: a release or deploy step by its name, or as the most of those it runs (to a
 * fixed point).
 */
function releaseScripts(data: unknown): Map<string, ReleaseStep> {
  const scripts = scriptsOf(data);
  const release = new Map(
    Object.keys(scripts).map((name) => [name, releaseStepOf(releaseName(name))]),
  );
  for (let changed = true; changed;) {
    changed = false;
    for (const [name, command] of Object.entries(scripts)) {
      const runs = [...command.matchAll(RUN_SCRIPT)].map((m) => m[1]!);
      // `npm publish` is itself a release, whether or not a script of that name exists.
      const step = releaseStepOf(
        release.get(name),
        ...runs.flatMap((run) => [release.get(run), releaseStepOf(releaseName(run))]),
      );
      if (step !== release.get(name)) {
        release.set(name, step);
        changed = true;
      }
    }
  }
  return release;
}

function scriptsOf(data: unknown): Record<string, string> {
  const scripts = valueAt(data, ['scripts']);
  if (!isRecord(scripts)) return {};
  return Object.fromEntries(
    Object.entries(scripts).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}
