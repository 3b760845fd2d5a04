/**
 * package.json. Scripts named release/publish/deploy/upload (`postpublish`, `prepublishOnly`,
 * `deploy:s3`, …) are release steps, and so is a script that runs one (`npm run release`, `yarn
 * publish:assets`). node-pre-gyp's `binary.host` is where `node-pre-gyp publish` uploads binaries,
 * so it is a release step too. electron-builder's `build` section is read like electron-builder.yml.
 */
import { posix } from 'node:path';
import { isReleaseName } from '../names.js';
import { scriptPaths } from '../script-refs.js';
import { isRecord, valueAt, type Path, type StructuredDoc } from '../structured/doc.js';
import type { Analyzer, RefContext } from './analysis.js';
import { electronBuilderRefs, isPublishPath } from './electron-builder.js';

const BUILD: Path = ['build'];

export const analyzePackageJson: Analyzer = ({ doc }) => {
  if (!doc) return {};
  const release = releaseScripts(doc.data);
  return {
    context: (_offset, path) => packageContext(path, release),
    refs: electronBuilderRefs(doc, BUILD),
  };
};

function packageContext(path: Path | undefined, release: ReadonlySet<string>): RefContext {
  if (path?.[0] === 'scripts') return { releaseStep: release.has(String(path[1])) };
  if (path?.[0] === 'binary') return { releaseStep: path[1] === 'host' };
  return { releaseStep: isPublishPath(path, BUILD) };
}

/** `npm run x`, `pnpm x`, `yarn run x`, `bun run x`: the scripts a command runs. */
const RUN_SCRIPT = /\b(?:npm|pnpm|yarn|bun)\s+(?:run(?:-script)?\s+)?([\w:.-]+)/g;

/** Names of the release scripts: named so, or running one (to a fixed point). */
export function releaseScripts(data: unknown): Set<string> {
  const scripts = scriptsOf(data);
  const release = new Set(Object.keys(scripts).filter(isReleaseName));
  for (let changed = true; changed;) {
    changed = false;
    for (const [name, command] of Object.entries(scripts)) {
      if (release.has(name)) continue;
      const runs = [...command.matchAll(RUN_SCRIPT)].map((m) => m[1]!);
      // `npm publish` is itself a release, whether or not a script of that name exists.
      if (runs.some((run) => release.has(run) || isReleaseName(run))) {
        release.add(name);
        changed = true;
      }
    }
  }
  return release;
}

/** The shell scripts (relative to the scan root) that release scripts of a package.json run. */
export function releaseScriptFiles(packageJson: string, doc: StructuredDoc): string[] {
  const scripts = scriptsOf(doc.data);
  const dir = posix.dirname(packageJson);
  return [...releaseScripts(doc.data)].flatMap((name) => scriptPaths(scripts[name] ?? '', dir));
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
