/**
 * Whether the app an electron-builder configuration builds updates itself with electron-updater
 * (see `AnalyzerInput.appUpdates`): what the app depends on says what it does once installed. The
 * project is the nearest package.json at or above the configuration (electron-builder reads the one
 * of the project it runs in, and a `--config` file is often in a folder of it, `build/eb.yml`); a
 * package.json's own `build` section is its project's. The app is the package.json of the
 * application directory electron-builder packs: `directories.app`, else `app/` or `www/` when one
 * holds a package.json (the two-package.json layout), else the project's.
 */
import { posix } from 'node:path';
import { recordsIn, valueAt } from '../structured/doc.js';
import { parseJsLiterals } from '../structured/js-literals.js';
import { installsUpdates } from '../files/electron-builder.js';
import type { ParsedFile } from './parse.js';

/** The application directories electron-builder tries, in order, when none is set. */
const DEFAULT_APP_DIRS = ['app', 'www'];

export function withAppPackages(parsed: readonly ParsedFile[]): ParsedFile[] {
  const packages = new Map(
    parsed
      .filter((p) => p.file.fileType === 'package.json' && p.doc)
      .map((p) => [posix.dirname(p.file.path), p.doc!.data]),
  );
  const projectOf = (path: string): string | undefined => {
    for (let dir = posix.dirname(path); ; dir = posix.dirname(dir)) {
      if (packages.has(dir)) return dir;
      if (dir === '.' || dir === '/') return undefined;
    }
  };
  const appOf = (project: string, set: unknown): unknown => {
    const dirs = typeof set === 'string' ? [set] : DEFAULT_APP_DIRS;
    for (const dir of dirs) {
      const app = packages.get(posix.normalize(posix.join(project, dir)));
      if (app !== undefined) return app;
    }
    return typeof set === 'string' ? undefined : packages.get(project);
  };
  return parsed.map((p) => {
    const { analyze, file } = p;
    const builds = file.fileType === 'electron-builder' || file.fileType === 'package.json';
    if (!analyze || !builds) return p;
    const project = projectOf(file.path);
    if (project === undefined) return p;
    if (!installsUpdates(packages.get(project), appOf(project, appDirectorySet(p)))) return p;
    return { ...p, analyze: (input) => analyze({ ...input, appUpdates: true }) };
  });
}

/**
 * The application directory a configuration sets (`directories.app`); one in code or JSON5
 * (`electron-builder.config.js`), read for its literals as its publish settings are, sets it in
 * the first object literal that does.
 */
function appDirectorySet({ file, doc }: ParsedFile): unknown {
  const app = ['directories', 'app'];
  if (file.fileType === 'package.json') return valueAt(doc?.data, ['build', ...app]);
  if (doc) return valueAt(doc.data, app);
  const set = recordsIn(parseJsLiterals(file.text).data).map(([, config]) => valueAt(config, app));
  return set.find((dir) => typeof dir === 'string');
}
