/**
 * The configurations a framework's own builds with, in files of their own: SvelteKit 1.0 and later
 * is a Vite plugin, which loads `svelte.config.js` from the directory Vite runs in
 * (kit.svelte.dev/docs/project-structure), where `vite build` reads the `vite.config.*` or the
 * configuration its `--config` names (`vite build -c config/vite.config.ts`), so the source maps
 * written there (`build.sourcemap`) are those of the bundles `kit.paths.assets` serves.
 */
import { posix } from 'node:path';
import { addTo } from '@posture/model';
import type { ParsedFile } from './parse.js';

/** The names Vite looks for its configuration under, in the directory it runs in. */
const VITE_CONFIG = /^vite\.config\.[cm]?[jt]s$/;

/**
 * The files, each SvelteKit configuration analyzed with the Vite configurations built in its
 * directory among them (see `AnalyzerInput.builtWith`): those found there by name, and those a
 * build running there names, as `builtIn` gives the directory each named configuration is built in.
 */
export function withBuiltWith(
  parsed: readonly ParsedFile[],
  builtIn: ReadonlyMap<string, string> = new Map(),
): ParsedFile[] {
  const viteIn = new Map<string, ParsedFile[]>();
  for (const p of parsed) {
    const { fileType, path } = p.file;
    if (fileType !== 'vite-config') continue;
    const named = builtIn.get(path);
    const found = VITE_CONFIG.test(posix.basename(path)) ? posix.dirname(path) : undefined;
    for (const dir of new Set([found, named])) {
      if (dir !== undefined) addTo(viteIn, dir, p);
    }
  }
  return parsed.map((p) => {
    const { analyze } = p;
    const vite = viteIn.get(posix.dirname(p.file.path));
    if (p.file.fileType !== 'svelte-config' || !analyze || !vite) return p;
    const builtWith = vite.map(({ file }) => file);
    return { ...p, analyze: (input) => analyze({ ...input, builtWith }) };
  });
}
