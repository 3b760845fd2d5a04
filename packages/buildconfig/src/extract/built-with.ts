/**
 * The configurations a framework's own builds with, in files of their own: SvelteKit 1.0 and later
 * is a Vite plugin, and `vite build` reads the `vite.config.*` beside `svelte.config.js`
 * (kit.svelte.dev/docs/project-structure), so the source maps written there (`build.sourcemap`) are
 * those of the bundles `kit.paths.assets` serves.
 */
import { posix } from 'node:path';
import type { ParsedFile } from './parse.js';

/** The names Vite looks for its configuration under, in the directory it runs in. */
const VITE_CONFIG = /^vite\.config\.[cm]?[jt]s$/;

/**
 * The files, each SvelteKit configuration analyzed with the Vite configurations of its directory
 * among them (see `AnalyzerInput.builtWith`).
 */
export function withBuiltWith(parsed: readonly ParsedFile[]): ParsedFile[] {
  const viteIn = new Map<string, ParsedFile[]>();
  for (const p of parsed) {
    if (p.file.fileType !== 'vite-config' || !VITE_CONFIG.test(posix.basename(p.file.path)))
      continue;
    const dir = posix.dirname(p.file.path);
    viteIn.set(dir, [...(viteIn.get(dir) ?? []), p]);
  }
  return parsed.map((p) => {
    const { analyze } = p;
    const vite = viteIn.get(posix.dirname(p.file.path));
    if (p.file.fileType !== 'svelte-config' || !analyze || !vite) return p;
    const builtWith = vite.map(({ file }) => file);
    return { ...p, analyze: (input) => analyze({ ...input, builtWith }) };
  });
}
