/**
 * The JavaScript files that package.json's lifecycle scripts run with Node (`"postinstall": "node
 * scripts/postinstall.js"`). npm runs them on every machine that installs the package, or on the
 * maintainer's as it publishes it: what they download from ships with the package, as what an
 * install script downloads from does. They are followed and read as text (`node-script`), their
 * string literals as a bundler configuration's are; never imported or run.
 */
import { posix } from 'node:path';
import { leavesRoot } from './paths.js';
import type { ScriptRun } from './script-refs.js';
import { isRecord, valueAt, type StructuredDoc } from './structured/doc.js';

/** The file type of a JavaScript file, which a scan reads only when Node runs it. */
export const NODE_SCRIPT = 'node-script';

/** The scripts npm runs as it installs, packs and publishes a package. */
const LIFECYCLE: ReadonlySet<string> = new Set([
  'preinstall',
  'install',
  'postinstall',
  'prepare',
  'prepublish',
  'prepublishOnly',
  'prepack',
  'postpack',
  'publish',
  'postpublish',
]);

/**
 * `node [options] file.js` (`.mjs`, `.cjs`) as a command: the file is the first argument that is
 * no option nor an option's value (`-r dotenv/config`, `--max-old-space-size 4096`). A value that is
 * a JavaScript file (`-r ./setup.js`) is read as the file: Node runs it first. The options are
 * bounded in number and length, so that a script of many `node -a` stays linear to read.
 */
const WORD = String.raw`[^\s;&|"']{1,256}`;
const OPTION = String.raw`[ \t]+-${WORD}(?:[ \t]+(?!-)${WORD}(?<!\.[cm]?js))?`;
const NODE_RUN = new RegExp(
  String.raw`(?<![^\s;&|(])node(?:${OPTION}){0,16}[ \t]+["']?(?<file>[\w.][\w./-]{0,255}\.[cm]?js)(?![\w./-])`,
  'dg',
);

/** The JavaScript files package.json's lifecycle scripts run with Node, from its directory. */
export function nodeScriptRuns(path: string, text: string, doc: StructuredDoc): ScriptRun[] {
  const scripts = valueAt(doc.data, ['scripts']);
  if (!isRecord(scripts)) return [];
  const dir = posix.dirname(path);
  return Object.keys(scripts)
    .filter((name) => LIFECYCLE.has(name))
    .flatMap((name) => {
      const span = doc.scalarSpan(['scripts', name]);
      if (!span) return [];
      return [...text.slice(span.start, span.end).matchAll(NODE_RUN)].flatMap((m) => {
        const file = posix.normalize(posix.join(dir, m.groups?.file ?? ''));
        const at = span.start + (m.indices?.groups?.file?.[0] ?? 0);
        return leavesRoot(file) ? [] : [{ path: file, at }];
      });
    });
}
